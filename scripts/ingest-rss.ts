/**
 * Issue 7's flat-memory claim: peak RSS of an ingest of --large files (default 2,000) against one of --small
 * files (default 200), same mix (the real samples replicated under distinct names with distinct bytes, one
 * corrupt file in 200), same options, each into a fresh database. Worker threads live in the process that
 * ingests (the child `xxgk ingest` starts with the single-threaded collector), and `/usr/bin/time` %M is the
 * largest resident set among the processes it waited for: that process's peak, worker threads included.
 * Target: ≤ 1.5×.
 *
 *   npx tsx scripts/ingest-rss.ts [--small=200] [--large=2000] [--jobs=2]
 *
 * Needs the built package (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { conditions, measureChild } from './bench/measure.js';
import { makeCorpus } from './ingest-corpus.js';

const ROOT = path.join(import.meta.dirname, '..');
const opt = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const small = Number(opt('small', '200'));
const large = Number(opt('large', '2000'));
const jobs = opt('jobs', '2');

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-rss-'));
try {
  const runs = [small, large].map((count) => {
    const input = path.join(dir, `in-${count}`);
    makeCorpus(input, count, { corrupt: Math.max(1, Math.round(count / 200)) });
    const args = [path.join(ROOT, 'bin', 'xxgk.js'), 'ingest', input, '--db', path.join(dir, `${count}.sqlite`), '--jobs', jobs, '--quiet'];
    const r = measureChild(process.execPath, args, { cwd: ROOT });
    if (r.status !== 0 && r.status !== 2) throw new Error(`ingest of ${count} files failed (exit ${r.status}): ${r.stderr.split('\n')[0]}`);
    const summary = /files\s+(\d+ \(.*\))/.exec(r.stdout)?.[1] ?? '?';
    console.log(
      `${String(count).padStart(5)} files: peak RSS ${r.maxRssMb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s, ${(count / r.seconds).toFixed(1)} files/s; ${summary}; ${conditions(r)}`,
    );
    return r;
  });
  const ratio = runs[1]!.maxRssMb / runs[0]!.maxRssMb;
  console.log(`command: /usr/bin/time -f %M node bin/xxgk.js ingest DIR --db DB --jobs ${jobs} --quiet`);
  console.log(`peak RSS ${large} / ${small} files: ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'met' : 'MISSED'}`);
  process.exitCode = ratio <= 1.5 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
