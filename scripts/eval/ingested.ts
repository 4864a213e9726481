/**
 * Records as `xxgk ingest` stores them: the inputs ingested by the built CLI (worker threads, one OCR engine
 * per thread) into a scratch database, read back from `reports.record`. Scoring these against the truth
 * checks the ingest path itself, not only the pipeline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReportRecord } from '../../src/model/record.js';
import type { ReadRecord } from './run.js';

export function ingestedRecords(inputs: string[], root: string, jobs: number): ReadRecord {
  const bin = path.join(root, 'bin', 'xxgk.js');
  if (!existsSync(path.join(root, 'dist', 'src', 'ingest', 'worker.js'))) throw new Error('eval --ingest runs the built CLI: npm run build first');
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-eval-ingest-'));
  const db = path.join(dir, 'eval.sqlite');
  try {
    // OCR takes seconds a page: a long timeout, so a slow machine does not turn a scan into an error row.
    const r = spawnSync(process.execPath, [bin, 'ingest', ...inputs, '--db', db, '--jobs', String(jobs), '--timeout', '1800', '--quiet'], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 2) throw new Error(`xxgk ingest failed (exit ${r.status}): ${r.stderr.split('\n')[0]}`);
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT path, status, record, (SELECT cause FROM errors e WHERE e.report_id = r.id) AS cause FROM reports r').all() as {
      path: string;
      status: string;
      record: string | null;
      cause: string | null;
    }[];
    conn.close();
    const byPath = new Map(rows.map((row) => [row.path, row]));
    return async (input) => {
      const row = byPath.get(path.resolve(input));
      if (!row) throw new Error('not in the ingest database');
      if (row.status !== 'ok' || row.record === null) throw new Error(`ingest ${row.status}: ${row.cause ?? ''}`);
      return JSON.parse(row.record) as ReportRecord;
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
