/**
 * `xxgk ingest` runs its work in a child `node --single-threaded-gc` (src/ingest/gc.ts: V8's parallel collector
 * costs ingest more CPU than it saves). The child is the one that ingests, with the same streams and exit
 * status; a SIGTERM sent to the xxgk process alone reaches it; XXGK_GC=parallel keeps V8's default.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeCorpus } from '../scripts/ingest-corpus.js';
import { ROOT, SAMPLES } from './helpers/samples.js';

const BIN = join(ROOT, 'bin', 'xxgk.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-ingest-gc-'));

function ingest(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, 'ingest', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

/** Processes whose command line contains `needle`. */
function processesWith(needle: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(needle)) out.push(cmd);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

describe('xxgk ingest and the garbage collector', () => {
  const file = join(SAMPLES, 'real', 'pingtan-2022.txt');

  it('ingests in a child with the single-threaded collector, same output and exit status', () => {
    const dir = tmp();
    const r = ingest([file, '--db', join(dir, 'a.sqlite'), '--quiet'], { XXGK_DEBUG: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/files\s+1 \(1 ok, 0 duplicates, 0 errors, 0 already in the database\)/);
    expect(r.stderr).toMatch(/; garbage collection single-threaded\n$/);
    const bad = ingest([join(dir, 'nope'), '--db', join(dir, 'a.sqlite')]);
    expect([bad.status, bad.stderr]).toEqual([2, `xxgk: ${join(dir, 'nope')}: no such file or directory\n`]);
  });

  it("keeps V8's parallel collector with XXGK_GC=parallel", () => {
    const r = ingest([file, '--db', join(tmp(), 'a.sqlite'), '--quiet'], { XXGK_DEBUG: '1', XXGK_GC: 'parallel' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/; garbage collection parallel\n$/);
  });

  it('passes a SIGTERM sent to the xxgk process alone on to the ingest, which stops with whole reports', async () => {
    const dir = tmp();
    const db = join(dir, 'archive.sqlite');
    makeCorpus(join(dir, 'in'), 80, { corrupt: 0, kinds: ['pdf'] });
    const child = spawn(process.execPath, [BIN, 'ingest', join(dir, 'in'), '--db', db, '--jobs', '1', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const t0 = Date.now();
    let stored = 0;
    while (Date.now() - t0 < 40_000 && stored < 2) {
      await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(db)) continue;
      try {
        const conn = new Database(db, { readonly: true });
        stored = (conn.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n;
        conn.close();
      } catch {
        // schema not created yet
      }
    }
    expect(stored).toBeGreaterThanOrEqual(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toBe('xxgk: SIGTERM: stopped; every stored report is whole, run the same command again to resume\n');
    expect(processesWith(db)).toEqual([]);
    const conn = new Database(db, { readonly: true });
    const n = (conn.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n;
    conn.close();
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThan(80);
  }, 60_000);
});
