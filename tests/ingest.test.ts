/**
 * `xxgk ingest` and `xxgk export` as users run them (the built command line; `npm test` builds first):
 * cross-report checks on the real Pingtan series, a kill -9 in the middle of a run, isolation of crashing,
 * hanging and memory-hungry files, dedupe and retries, and the export formats.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REQUEST_COLUMNS } from '../src/template/templates.js';
import type { ReportRecord } from '../src/model/record.js';
import { cellEntries } from '../src/writers/cells.js';
import { makeCorpus } from '../scripts/ingest-corpus.js';
import { readTruth, ROOT, SAMPLES } from './helpers/samples.js';

const BIN = join(ROOT, 'bin', 'xxgk.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-ingest-'));

function run(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout,
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function query<T = Record<string, unknown>>(db: string, sql: string, ...params: unknown[]): T[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

const PINGTAN = ['pingtan-2019.txt', 'pingtan-2021.txt', 'pingtan-2022.txt', 'pingtan-2023.txt', 'pingtan-2024.txt', 'pingtan-2025.txt'];

describe('xxgk ingest: the Pingtan series', () => {
  const dir = tmp();
  const db = join(dir, 'archive.sqlite');
  const paths = PINGTAN.map((n) => join(SAMPLES, 'real', n));
  let first: ReturnType<typeof run>;

  it('gives the XY-CARRY results the truth files imply, each naming both reports', () => {
    first = run(['ingest', ...paths, '--db', db, '--jobs', '2']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/files\s+6 \(6 ok, 0 duplicates, 0 errors, 0 already in the database\)/);

    // Expected from the hand-checked truth files: each report against the same agency's report of the year before.
    const truths = PINGTAN.map((n) => ({ name: n, truth: readTruth(n) }));
    const expected: string[] = [];
    for (const cur of truths) {
      const prev = truths.find((p) => p.truth.agency === cur.truth.agency && p.truth.year === cur.truth.year! - 1);
      if (!prev) continue;
      for (const { key } of REQUEST_COLUMNS) {
        const left = cur.truth.requests!.carriedIn![key] ?? null;
        const right = prev.truth.requests!.carriedOut![key] ?? null;
        const status = left === null || right === null ? 'unknown' : left === right ? 'pass' : 'fail';
        expected.push(`${cur.truth.year} XY-CARRY.${key} ${status} ${left} ${right} ${prev.name} ${cur.name}`);
      }
    }
    expect(expected).toHaveLength(4 * 7); // 2022, 2023, 2024, 2025 against the year before; 2019 has no 2018 or 2020

    const rows = query<{ id: string; status: string; year: number; left: number | null; right: number | null; prev: string; cur: string; message: string }>(
      db,
      `SELECT x.id, x.status, x.year, x.left, x.right, p.path AS prev, r.path AS cur, x.message
       FROM cross_checks x JOIN reports r ON r.id = x.report_id JOIN reports p ON p.id = x.prev_report_id
       WHERE x.id LIKE 'XY-CARRY.%'`,
    );
    const base = (p: string) => p.split('/').pop()!;
    expect(rows.map((r) => `${r.year} ${r.id} ${r.status} ${r.left} ${r.right} ${base(r.prev)} ${base(r.cur)}`).sort()).toEqual(expected.sort());
    for (const r of rows) {
      expect(r.message).toContain(r.prev);
      expect(r.message).toContain(r.cur);
    }
  });

  it('leaves tidy tables and views that the sqlite3 shell reads with nothing of ours', () => {
    const sqlite3 = spawnSync('sqlite3', ['-version']);
    const sql =
      "SELECT year, new_received, carried_in, total_processed, carried_out FROM requests_by_year_agency WHERE agency = '平潭综合实验区' ORDER BY year;";
    const expected = PINGTAN.map((n) => {
      const t = readTruth(n);
      const total = (row: string) => t.requests![row]!.total;
      return `${t.year}|${total('newReceived')}|${total('carriedIn')}|${total('totalProcessed')}|${total('carriedOut')}`;
    });
    if (sqlite3.status === 0) {
      const r = spawnSync('sqlite3', [db, sql, 'PRAGMA integrity_check;', 'SELECT COUNT(*) FROM failing_identities;', 'SELECT value FROM meta WHERE key = \'schema_version\';'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n')).toEqual([...expected, 'ok', '0', '1']);
    } else {
      const rows = query<Record<string, number>>(db, sql);
      expect(rows.map((r) => Object.values(r).join('|'))).toEqual(expected);
    }
    // Built at the end of the run (src/store/cell-index.ts).
    expect(query(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'cells_row'")).toEqual([{ name: 'cells_row' }]);
  });

  it('skips everything on a rerun', () => {
    const r = run(['ingest', ...paths, '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/files\s+6 \(0 ok, 0 duplicates, 0 errors, 6 already in the database\)/);
    expect(query(db, 'SELECT COUNT(*) AS n FROM reports')).toEqual([{ n: 6 }]);
  });

  it('exports the stored records as JSON lines, as xxgk extract gives them', () => {
    const r = run(['export', '--db', db, '--format', 'jsonl']);
    expect(r.status).toBe(0);
    const records = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as ReportRecord);
    expect(records.map((x) => x.source.path).sort()).toEqual([...paths].sort());
    const direct = JSON.parse(run(['extract', paths[2]!]).stdout) as ReportRecord;
    expect(records.find((x) => x.source.path === paths[2])).toEqual(direct);
  });

  it('exports tidy CSV with the columns of xxgk extract --format csv', () => {
    const out = tmp();
    const r = run(['export', '--db', db, '--format', 'csv', '--out', out]);
    expect(r.status).toBe(0);
    const exported = spawnSync('cat', [join(out, 'cells.csv')], { encoding: 'utf8' }).stdout.trimEnd().split('\n');
    const direct = run(['extract', ...paths, '--format', 'csv']).stdout.trimEnd().split('\n');
    expect(exported[0]).toBe('file,table,row,column,value,raw,page');
    expect(exported.slice(1).sort()).toEqual(direct.slice(1).sort());
  });

  it('says what is wrong in one line, exit 2', () => {
    const missing = run(['ingest', join(dir, 'nope'), '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`xxgk: ${join(dir, 'nope')}: no such file or directory\n`);
    const noDb = run(['ingest', paths[0]!]);
    expect(noDb.status).toBe(2);
    expect(noDb.stderr.split('\n')[0]).toBe('xxgk: ingest needs --db FILE');
    const badFormat = run(['export', '--db', db, '--format', 'xml']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr.split('\n')[0]).toBe("xxgk: --format must be csv or jsonl, not 'xml'");
  });
});

describe('xxgk ingest: isolation, dedupe, retries', () => {
  it('turns a crash, a hang and an out-of-memory into error rows and goes on', () => {
    const dir = tmp();
    const db = join(dir, 'a.sqlite');
    const files = join(dir, 'in');
    spawnSync('mkdir', ['-p', files]);
    for (const f of ['hang', 'oom', 'exit', 'throw']) writeFileSync(join(files, `${f}.txt`), `XXGK-FAULT:${f}\n`);
    copyFileSync(join(SAMPLES, 'real', 'pingtan-2021.txt'), join(files, 'a.txt'));
    copyFileSync(join(SAMPLES, 'real', 'pingtan-2021.txt'), join(files, 'b-copy.txt'));
    copyFileSync(join(SAMPLES, 'real', 'pingtan-2022.txt'), join(files, 'c.txt'));
    copyFileSync(join(SAMPLES, 'bad', 'truncated.pdf'), join(files, 'd.pdf'));
    const env = { XXGK_INGEST_FAULTS: '1' };
    const r = run(['ingest', files, '--db', db, '--jobs', '2', '--timeout', '8', '--worker-memory', '64', '--quiet'], env);
    expect(r.status).toBe(2);
    const errors = query<{ path: string; kind: string; cause: string }>(db, 'SELECT path, kind, cause FROM errors ORDER BY path');
    expect(errors.map((e) => [e.path.split('/').pop(), e.kind])).toEqual([
      ['d.pdf', 'input'],
      ['exit.txt', 'crash'],
      ['hang.txt', 'timeout'],
      ['oom.txt', 'oom'],
      ['throw.txt', 'crash'],
    ]);
    expect(errors.find((e) => e.kind === 'timeout')!.cause).toBe('timed out after 8 s');
    for (const e of errors) expect(r.stderr).toContain(`xxgk: ${e.path}: ${e.cause}\n`);
    const reports = query<{ name: string; status: string; dup: string | null }>(
      db,
      "SELECT replace(r.path, ?, '') AS name, r.status, replace(o.path, ?, '') AS dup FROM reports r LEFT JOIN reports o ON o.id = r.duplicate_of ORDER BY r.path",
      files + '/',
      files + '/',
    );
    expect(reports).toEqual([
      { name: 'a.txt', status: 'ok', dup: null },
      { name: 'b-copy.txt', status: 'duplicate', dup: 'a.txt' },
      { name: 'c.txt', status: 'ok', dup: null },
      { name: 'd.pdf', status: 'failed', dup: null },
      { name: 'exit.txt', status: 'failed', dup: null },
      { name: 'hang.txt', status: 'failed', dup: null },
      { name: 'oom.txt', status: 'failed', dup: null },
      { name: 'throw.txt', status: 'failed', dup: null },
    ]);
    expect(query(db, "SELECT COUNT(*) AS n FROM cross_checks WHERE id = 'XY-CARRY.total' AND status = 'pass'")).toEqual([{ n: 1 }]);

    // Without --retry-failed a rerun leaves failures alone; with it, they are read again (now without the
    // fault hook the markers are plain text) and keep their ids.
    const ids = query<{ path: string; id: number }>(db, "SELECT path, id FROM reports WHERE status = 'failed' ORDER BY path");
    expect(run(['ingest', files, '--db', db, '--quiet']).stdout).toMatch(/0 errors, 8 already in the database/);
    const retry = run(['ingest', files, '--db', db, '--retry-failed', '--quiet']);
    expect(retry.stdout).toMatch(/1 errors, 3 already in the database/);
    expect(query(db, `SELECT path, id FROM reports WHERE id IN (${ids.map((i) => i.id).join(',')}) ORDER BY path`)).toEqual(ids);
    expect(query<{ kind: string }>(db, 'SELECT kind FROM errors')).toEqual([{ kind: 'input' }]);
  }, 90_000);
});

describe('xxgk ingest: kill -9 in the middle, then a rerun', () => {
  it('leaves every file exactly once, none lost, the corrupt ones as error rows', async () => {
    const dir = tmp();
    const db = join(dir, 'archive.sqlite');
    const corpus = makeCorpus(join(dir, 'in'), 60, { corrupt: 4, kinds: ['txt', 'md', 'html'] });
    // Two byte-identical copies: recorded as duplicates, not extracted again.
    const copies = [0, 1].map((i) => {
      const src = corpus.files.find((f) => !corpus.corrupt.includes(f) && f.endsWith(i === 0 ? '.txt' : '.html'))!;
      const dst = join(dir, 'in', `copy-${i}${src.slice(src.lastIndexOf('.'))}`);
      copyFileSync(src, dst);
      return dst;
    });
    const all = [...corpus.files, ...copies];

    const child = spawn(process.execPath, [BIN, 'ingest', join(dir, 'in'), '--db', db, '--jobs', '2', '--tasks-per-worker', '5'], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill the whole process group once some files are stored (well before the end: 62 files).
    const t0 = Date.now();
    let stored = 0;
    while (Date.now() - t0 < 40_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (!existsSync(db)) continue;
      try {
        stored = (query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM reports')[0]!.n);
      } catch {
        continue; // schema not created yet
      }
      if (stored >= 10) break;
    }
    expect(stored).toBeGreaterThanOrEqual(10);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;

    // Whole reports only: every stored record has all its cells, checks and warnings.
    const partial = query<{ id: number; record: string; cells: number; checks: number; warnings: number }>(
      db,
      `SELECT id, record, (SELECT COUNT(*) FROM cells WHERE report_id = r.id) AS cells,
              (SELECT COUNT(*) FROM checks WHERE report_id = r.id) AS checks,
              (SELECT COUNT(*) FROM warnings WHERE report_id = r.id) AS warnings
       FROM reports r WHERE status = 'ok'`,
    );
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(all.length);
    for (const p of partial) {
      const rec = JSON.parse(p.record) as ReportRecord;
      expect([p.cells, p.checks, p.warnings]).toEqual([[...cellEntries(rec)].length, new Set(rec.checks.map((c) => c.id)).size, rec.warnings.length]);
    }
    expect(query(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    const rerun = run(['ingest', join(dir, 'in'), '--db', db, '--jobs', '2', '--quiet']);
    expect([0, 2]).toContain(rerun.status);
    const reports = query<{ path: string; status: string; errors: number }>(
      db,
      'SELECT path, status, (SELECT COUNT(*) FROM errors e WHERE e.report_id = r.id) AS errors FROM reports r ORDER BY path',
    );
    expect(reports.map((r) => r.path)).toEqual([...all].sort());
    for (const r of reports) {
      if (corpus.corrupt.includes(r.path)) expect([r.path, r.status, r.errors]).toEqual([r.path, 'failed', 1]);
      else if (copies.includes(r.path)) expect([r.path, r.status]).toEqual([r.path, 'duplicate']);
      else expect([r.path, r.status, r.errors]).toEqual([r.path, 'ok', 0]);
    }
    expect(query(db, 'SELECT COUNT(*) AS n FROM errors')).toEqual([{ n: corpus.corrupt.length }]);

    const third = run(['ingest', join(dir, 'in'), '--db', db, '--quiet']);
    expect(third.status).toBe(0);
    expect(third.stdout).toContain(`0 ok, 0 duplicates, 0 errors, ${all.length} already in the database`);
  }, 90_000);
});
