/**
 * Ingest throughput: `xxgk ingest` at --jobs 1 and --jobs 2 beside `pdftotext -layout` over the same files at
 * the same parallelism (`xargs -P`). Not a test: prints a table.
 *
 *   tsx scripts/bench-ingest.ts [--reports=120] [--kinds=pdf] [--no-build] [--jobs=1,2]
 *
 * The set: the real PDFs in samples/real (and the generated ones), replicated under distinct names with
 * distinct bytes (a trailing PDF comment), so none is a duplicate. pdftotext only reads PDFs: with
 * --kinds=pdf,txt,html,md the xxgk rows cover all files and the pdftotext rows the PDFs among them.
 * Each side runs as a fresh process (startup and worker spin-up included) into a fresh database.
 * The machine's load average is printed before and after: numbers taken on a busy machine are not comparable.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { makeCorpus } from './ingest-corpus.js';

const ROOT = path.join(import.meta.dirname, '..');
const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const want = Number(arg('reports', '120'));
const kinds = arg('kinds', 'pdf').split(',');
const jobsList = arg('jobs', '1,2').split(',').map(Number);

if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });

const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-ingest-'));
const corpus = makeCorpus(path.join(work, 'in'), want, { corrupt: 0, kinds });
// The generated PDFs too, when PDFs are asked for (distinct bytes the same way).
if (kinds.includes('pdf')) {
  const gen = path.join(ROOT, 'samples', 'generated', 'kangxi-twin');
  for (const f of safeList(gen).filter((f) => f.endsWith('.pdf'))) {
    const dst = path.join(work, 'in', `gen-${f}`);
    copyFileSync(path.join(gen, f), dst);
    corpus.files.push(dst);
  }
}
const files = corpus.files;
const pdfs = files.filter((f) => f.toLowerCase().endsWith('.pdf'));
writeFileSync(path.join(work, 'pdfs.txt'), pdfs.join('\0'));

interface Row {
  side: string;
  jobs: number;
  files: number;
  seconds: number;
  maxRssMb: number;
}

function timed(cmd: string, args: string[]): { seconds: number; maxRssMb: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 2) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = Number(r.stderr.trim().split('\n').at(-1));
  return { seconds, maxRssMb: rss / 1024, stdout: r.stdout };
}

function ingest(jobs: number): Row {
  const db = path.join(work, `bench-${jobs}.sqlite`);
  const r = timed(process.execPath, [path.join(ROOT, 'bin', 'xxgk.js'), 'ingest', path.join(work, 'in'), '--db', db, '--jobs', String(jobs), '--quiet']);
  const ok = /files\s+(\d+) \((\d+) ok/.exec(r.stdout);
  if (!ok || Number(ok[2]) !== files.length) throw new Error(`ingest did not store every file:\n${r.stdout}`);
  return { side: 'xxgk ingest', jobs, files: files.length, seconds: r.seconds, maxRssMb: r.maxRssMb };
}

function pdftotext(jobs: number): Row {
  // xargs -0 -P N -I{}: one pdftotext process per file, N at a time (the text is discarded, as ingest keeps no text).
  const r = timed('sh', ['-c', `xargs -0 -P ${jobs} -I{} pdftotext -layout {} /dev/null < '${path.join(work, 'pdfs.txt')}'`]);
  return { side: 'pdftotext -layout', jobs, files: pdfs.length, seconds: r.seconds, maxRssMb: r.maxRssMb };
}

const before = loadavg()[0]!;
const rows: Row[] = [];
for (const j of jobsList) rows.push(ingest(j));
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
if (hasPdftotext && pdfs.length > 0) for (const j of jobsList) rows.push(pdftotext(j));
const after = loadavg()[0]!;
rmSync(work, { recursive: true, force: true });

const rate = (r: Row) => r.files / r.seconds;
console.log(
  `${files.length} files (${pdfs.length} PDF) from ${corpus.originals.length} samples; ${availableParallelism()} CPUs; node ${process.version}; ` +
    `load average ${before.toFixed(2)} before, ${after.toFixed(2)} after`,
);
console.log(`${'side'.padEnd(20)} ${'jobs'.padStart(4)} ${'files'.padStart(6)} ${'seconds'.padStart(8)} ${'reports/s'.padStart(10)} ${'RSS MB'.padStart(7)}`);
for (const r of rows) {
  console.log(
    `${r.side.padEnd(20)} ${String(r.jobs).padStart(4)} ${String(r.files).padStart(6)} ${r.seconds.toFixed(2).padStart(8)} ${rate(r)
      .toFixed(2)
      .padStart(10)} ${r.maxRssMb.toFixed(0).padStart(7)}`,
  );
}
const x = (side: string, j: number) => rows.find((r) => r.side === side && r.jobs === j);
const i1 = x('xxgk ingest', 1);
const i2 = x('xxgk ingest', 2);
if (i1 && i2) console.log(`ingest --jobs 2 / --jobs 1: ${(rate(i2) / rate(i1)).toFixed(2)}x (target >= 1.6x)`);
for (const j of jobsList) {
  const i = x('xxgk ingest', j);
  const p = x('pdftotext -layout', j);
  if (i && p) console.log(`jobs ${j}: pdftotext -layout is ${(rate(p) / rate(i)).toFixed(1)}x the reports/s of xxgk ingest`);
}
// The 1-minute load average after the run includes the benchmark's own processes; the one before does not.
if (before > availableParallelism() * 0.5) {
  console.log(`note: the machine was busy before the run (load average ${before.toFixed(2)} on ${availableParallelism()} CPUs); the ratios are not reliable`);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
