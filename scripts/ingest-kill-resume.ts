/**
 * Issue 7's durability claim, end to end at full size: an archive of --count inputs (default 2,000: the real
 * samples replicated under distinct names with distinct bytes, a few corrupt files, a few byte-identical
 * copies) is ingested with --jobs 2; the whole process group gets `kill -9` once about half the files are
 * stored; the same command is run again. Then SQL over the database must show every file exactly once, none
 * lost, nothing extra, each content extracted once, the corrupt files as error rows, the copies as
 * duplicates, and every stored report whole (all its cells, checks and warnings). A third run must find
 * everything already there. Prints each check and a verdict; exit 1 when any check fails.
 *
 *   npx tsx scripts/ingest-kill-resume.ts [--count=2000] [--corrupt=6] [--copies=4] [--jobs=2] [--kill-at=0.5] [--keep]
 *
 * Needs the built package (npm run build). tests/ingest.test.ts makes the same run with 62 files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cellEntries } from '../src/writers/cells.js';
import type { ReportRecord } from '../src/model/record.js';
import { makeCorpus } from './ingest-corpus.js';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'xxgk.js');
const opt = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const count = Number(opt('count', '2000'));
const nCorrupt = Number(opt('corrupt', '6'));
const nCopies = Number(opt('copies', '4'));
const jobs = opt('jobs', '2');
const killAt = Number(opt('kill-at', '0.5'));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-kill-'));
const input = path.join(dir, 'in');
const db = path.join(dir, 'archive.sqlite');
const corpus = makeCorpus(input, count - nCopies, { corrupt: nCorrupt });
const copies = Array.from({ length: nCopies }, (_, i) => {
  const src = corpus.files.filter((f) => !corpus.corrupt.includes(f))[i * 7]!;
  const dst = path.join(input, `copy-${i}${path.extname(src)}`);
  copyFileSync(src, dst);
  return dst;
});
const all = [...corpus.files, ...copies];
const args = ['ingest', input, '--db', db, '--jobs', jobs, '--quiet'];
console.log(`${all.length} inputs (${corpus.corrupt.length} corrupt, ${copies.length} byte-identical copies) in ${input}`);
console.log(`command: node bin/xxgk.js ${args.join(' ')}`);

function stored(): number | undefined {
  if (!existsSync(db)) return undefined;
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return undefined; // schema not created yet
  }
}

// 1. The first run, killed with its whole process group once about half the files are stored.
console.log(`load average before the first run: ${load()}`);
const t0 = performance.now();
const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, detached: true, stdio: 'ignore' });
let exitCode: number | null | undefined;
const exited = new Promise<void>((resolve) =>
  child.on('exit', (code) => {
    exitCode = code;
    resolve();
  }),
);
let atKill = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 200));
  if (exitCode !== undefined) break;
  atKill = stored() ?? 0;
  if (atKill >= all.length * killAt) break;
}
if (exitCode !== undefined) {
  console.log(`FAIL: the first run ended (exit ${exitCode}) before it could be killed; try a larger --count`);
  process.exit(1);
}
process.kill(-child.pid!, 'SIGKILL');
await exited;
const killedAfter = (performance.now() - t0) / 1000;
const afterKill = stored() ?? 0;
console.log(`kill -9 of the process group after ${killedAfter.toFixed(1)} s: ${afterKill} of ${all.length} rows stored; load average ${load()}`);

const checks: { name: string; problems: string[] }[] = [];
const check = (name: string, problems: string[]) => checks.push({ name, problems });

/** Every stored report has all its cells, checks and warnings: nothing half-written. */
function wholeReports(conn: Database.Database): string[] {
  const rows = conn
    .prepare(
      `SELECT path, record,
              (SELECT COUNT(*) FROM cells WHERE report_id = r.id) AS cells,
              (SELECT COUNT(*) FROM checks WHERE report_id = r.id) AS checks,
              (SELECT COUNT(DISTINCT json_extract(c.value, '$.id')) FROM json_each(r.record, '$.checks') c) AS record_checks,
              (SELECT COUNT(*) FROM warnings WHERE report_id = r.id) AS warnings,
              json_array_length(r.record, '$.warnings') AS record_warnings
       FROM reports r WHERE status = 'ok'`,
    )
    .all() as { path: string; record: string; cells: number; checks: number; record_checks: number; warnings: number; record_warnings: number }[];
  const out: string[] = [];
  for (const r of rows) {
    const recordCells = [...cellEntries(JSON.parse(r.record) as ReportRecord)].length;
    if (r.cells !== recordCells || r.checks !== r.record_checks || r.warnings !== r.record_warnings) {
      out.push(`${r.path}: cells ${r.cells}/${recordCells}, checks ${r.checks}/${r.record_checks}, warnings ${r.warnings}/${r.record_warnings}`);
    }
  }
  return out;
}

{
  const conn = new Database(db, { readonly: true });
  const integrity = (conn.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  check('after the kill: PRAGMA integrity_check is ok', integrity[0] === 'ok' ? [] : integrity);
  check(`after the kill: the ${afterKill} stored rows are whole reports`, wholeReports(conn));
  conn.close();
}

// 2. The rerun: the same command.
const t1 = performance.now();
const rerun = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
const rerunS = (performance.now() - t1) / 1000;
console.log(`rerun: exit ${rerun.status} after ${rerunS.toFixed(1)} s; load average ${load()}`);
console.log(rerun.stdout.trimEnd().replace(/^/gm, '  '));
// 2 when the rerun itself met corrupt files (they may all have been stored before the kill).
check('the rerun exits 0 or 2, no crash', rerun.status === 0 || rerun.status === 2 ? [] : [`exit ${rerun.status}: ${rerun.stderr.split('\n')[0]}`]);

// 3. SQL over the database.
{
  const conn = new Database(db);
  conn.exec('CREATE TEMP TABLE expected (path TEXT PRIMARY KEY, expect TEXT NOT NULL)');
  const put = conn.prepare('INSERT INTO expected VALUES (?, ?)');
  conn.transaction(() => {
    for (const f of all) put.run(f, corpus.corrupt.includes(f) ? 'failed' : copies.includes(f) ? 'duplicate' : 'ok');
  })();
  const list = (sql: string) => (conn.prepare(sql).raw().all() as unknown[][]).map((r) => r.join(' | '));
  check(`every input has a row (${all.length})`, list('SELECT path FROM expected WHERE path NOT IN (SELECT path FROM reports)'));
  check('no row for anything else', list('SELECT path FROM reports WHERE path NOT IN (SELECT path FROM expected)'));
  check('each path exactly once', list('SELECT path, COUNT(*) FROM reports GROUP BY path HAVING COUNT(*) > 1'));
  check('each content extracted once (sha256 unique among ok and failed rows)', list("SELECT sha256, COUNT(*) FROM reports WHERE status != 'duplicate' AND sha256 IS NOT NULL GROUP BY sha256 HAVING COUNT(*) > 1"));
  check('status as expected: corrupt → failed, copies → duplicate, the rest → ok', list('SELECT e.path, e.expect, r.status FROM expected e JOIN reports r USING (path) WHERE r.status != e.expect'));
  check('one error row per failed file and none for the others', list("SELECT r.path, r.status, COUNT(e.id) FROM reports r LEFT JOIN errors e ON e.report_id = r.id GROUP BY r.id HAVING COUNT(e.id) != (r.status = 'failed')"));
  check('duplicates point at a stored original with the same bytes', list("SELECT d.path FROM reports d LEFT JOIN reports o ON o.id = d.duplicate_of WHERE d.status = 'duplicate' AND (o.id IS NULL OR o.sha256 != d.sha256 OR o.status = 'duplicate')"));
  check('every ok row is a whole report', wholeReports(conn));
  const [counts] = list("SELECT SUM(status = 'ok'), SUM(status = 'failed'), SUM(status = 'duplicate'), (SELECT COUNT(*) FROM errors) FROM reports");
  console.log(`rows: ok | failed | duplicate | error rows = ${counts}`);
  for (const e of list('SELECT kind, cause, path FROM errors ORDER BY path')) console.log(`  error: ${e}`);
  conn.close();
}

// 4. A third run finds everything there.
const third = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
check(
  'a third run skips every file',
  third.status === 0 && third.stdout.includes(`0 ok, 0 duplicates, 0 errors, ${all.length} already in the database`) ? [] : [`exit ${third.status}: ${third.stdout.split('\n')[0]}`],
);

let failed = 0;
for (const c of checks) {
  console.log(`${c.problems.length === 0 ? 'ok  ' : 'FAIL'} ${c.name}`);
  for (const p of c.problems.slice(0, 10)) console.log(`       ${p}`);
  if (c.problems.length > 0) failed++;
}
console.log(
  failed === 0
    ? `VERDICT: PASS: ${all.length} inputs, killed at ${afterKill} stored, every file exactly once after the rerun, none lost, ${corpus.corrupt.length} error rows`
    : `VERDICT: FAIL: ${failed} of ${checks.length} checks failed (database kept: ${db})`,
);
if (failed === 0 && !process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
