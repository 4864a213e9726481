/**
 * `xxgk ingest --queue` with `xxgk worker` processes on a private Redis (tests/helpers/redis.ts): a worker
 * killed with SIGKILL mid-job, retries with backoff ending in error rows, and the database compared row for row
 * with a local run of the same inputs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCorpus } from '../scripts/ingest-corpus.js';
import { ROOT, SAMPLES } from './helpers/samples.js';
import { startRedis, type RedisServer } from '../scripts/redis-server.js';

const BIN = join(ROOT, 'bin', 'xxgk.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-queue-'));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function query<T = Record<string, unknown>>(db: string, sql: string): T[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare(sql).all() as T[];
  } finally {
    conn.close();
  }
}

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await test())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An archive's content, table by table, as sorted lines: rows name their report by path (ids follow the order
 * of completion, which parallel runs do not share) and leave out timings, timestamps and row ids.
 */
function content(db: string): Record<string, string[]> {
  const conn = new Database(db, { readonly: true });
  try {
    const cols = (table: string, drop: string[]) =>
      (conn.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[])
        .filter((c) => !drop.includes(c))
        .map((c) => `t."${c}"`)
        .join(', ');
    const lines = (sql: string) => (conn.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    const out: Record<string, string[]> = {
      reports: lines(
        `SELECT ${cols('reports', ['id', 'duplicate_of', 'extract_ms', 'store_ms', 'ingested_at'])}, o.path
         FROM reports t LEFT JOIN reports o ON o.id = t.duplicate_of`,
      ),
      errors: lines(`SELECT ${cols('errors', ['id', 'report_id', 'at'])}, r.path FROM errors t JOIN reports r ON r.id = t.report_id`),
      cross_checks: lines(
        `SELECT ${cols('cross_checks', ['prev_report_id', 'report_id'])}, p.path, r.path
         FROM cross_checks t JOIN reports r ON r.id = t.report_id JOIN reports p ON p.id = t.prev_report_id`,
      ),
    };
    for (const table of ['cells', 'checks', 'warnings']) {
      out[table] = lines(`SELECT r.path, ${cols(table, ['report_id'])} FROM ${table} t JOIN reports r ON r.id = t.report_id`);
    }
    return out;
  } finally {
    conn.close();
  }
}

/** Row counts and the first differing line of each table (a short failure message for 60,000 cells). */
function compare(a: Record<string, string[]>, b: Record<string, string[]>) {
  return Object.fromEntries(
    Object.keys(a).map((t) => {
      const i = a[t]!.findIndex((line, k) => line !== b[t]![k]);
      return [t, { rows: [a[t]!.length, b[t]!.length], firstDifference: i < 0 ? null : [a[t]![i], b[t]![i]] }];
    }),
  );
}

describe('xxgk ingest --queue', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('stores every input exactly once, as a local run does, when a worker is killed mid-job', async () => {
    const dir = tmp();
    const input = join(dir, 'in');
    const corpus = makeCorpus(input, 199, { corrupt: 2, kinds: ['txt', 'md'] });
    // A file that takes 3 s in the workers (XXGK_INGEST_FAULTS below), in the middle of the sorted inputs: the
    // worker that has it is surely mid-job when it is killed. Elsewhere the marker is a line of plain text.
    const sleeper = join(input, 'batch-05', '00000-sleep.txt');
    writeFileSync(sleeper, Buffer.concat([Buffer.from('XXGK-FAULT:sleep\n'), readFileSync(join(SAMPLES, 'real', 'pingtan-2021.txt'))]));
    const total = corpus.files.length + 1;
    expect(total).toBe(200);

    // The local run to compare with, meanwhile (the queue run spends seconds waiting for a lock to expire).
    const localDb = join(dir, 'local.sqlite');
    const local = start(['ingest', input, '--db', localDb, '--jobs', '1', '--quiet']);

    const queueName = 'kill';
    const env = { XXGK_INGEST_FAULTS: '1' };
    const workers = ['w1', 'w2'].map((name) =>
      start(['worker', '--queue', redis.url, '--queue-name', queueName, '--jobs', '1', '--lock', '2', '--name', name], env),
    );
    await until('both workers', () => workers.every((w) => w.stderr().includes('serving queue')));

    const queueDb = join(dir, 'queue.sqlite');
    const coordinator = start(['ingest', input, '--db', queueDb, '--queue', redis.url, '--queue-name', queueName, '--quiet']);
    const queue = new Queue(queueName, { connection: { url: redis.url } });
    try {
      let victim = '';
      let sleeperJob = '';
      await until('the sleeping job to start', async () => {
        const job = (await queue.getActive()).find((j) => j.data.path === sleeper);
        victim = job?.processedBy ?? '';
        sleeperJob = job?.id ?? '';
        return victim !== '';
      });
      const killed = workers[victim === 'w1' ? 0 : 1]!;
      const survivor = workers[victim === 'w1' ? 1 : 0]!;
      killed.child.kill('SIGKILL');
      expect(await killed.exited).toBe(null);
      // Dead mid-job: the job is still active, held by the dead worker, until its lock runs out.
      expect(await queue.getJobState(sleeperJob)).toBe('active');
      expect((await queue.getJob(sleeperJob))!.processedBy).toBe(victim);
      const storedAtKill = query<{ n: number }>(queueDb, 'SELECT COUNT(*) AS n FROM reports')[0]!.n;
      expect(storedAtKill).toBeGreaterThan(20);
      expect(storedAtKill).toBeLessThan(180);

      expect(await coordinator.exited).toBe(2); // the corrupt files, as in the local run
      const summary = coordinator.stdout();
      expect(summary).toMatch(/files\s+200 \(198 ok, 0 duplicates, 2 errors, 0 already in the database\)/);
      // Per-worker throughput; the files of both add up to all 200 (the killed one's unfinished job counted once).
      const perWorker = Object.fromEntries(
        [...summary.matchAll(/^worker\s+(w[12]): (\d+) files, [\d.]+ files\/s over the run/gm)].map((m) => [m[1], Number(m[2])]),
      );
      expect(Object.keys(perWorker).sort()).toEqual(['w1', 'w2']);
      expect(perWorker.w1! + perWorker.w2!).toBe(200);
      expect(perWorker[victim]).toBeLessThan(200);

      expect(await local.exited).toBe(2); // the corrupt files
      expect(local.stdout()).toMatch(/files\s+200 \(198 ok, 0 duplicates, 2 errors, 0 already in the database\)/);
      const expected = content(localDb);
      expect(compare(content(queueDb), expected)).toEqual(compare(expected, expected));
      const statuses = query(queueDb, 'SELECT status, COUNT(*) AS n, COUNT(DISTINCT path) AS paths FROM reports GROUP BY status ORDER BY status');
      expect(statuses).toEqual([
        { status: 'failed', n: 2, paths: 2 },
        { status: 'ok', n: 198, paths: 198 },
      ]);
      // Every job removed once stored: nothing of the run is left in Redis.
      const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
      expect(counts).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });

      // Resume: a rerun of the coordinator finds everything in the database and queues nothing.
      const rerun = run(['ingest', input, '--db', queueDb, '--queue', redis.url, '--queue-name', queueName, '--quiet']);
      expect(rerun.status).toBe(0);
      expect(rerun.stdout).toMatch(/files\s+200 \(0 ok, 0 duplicates, 0 errors, 200 already in the database\)/);

      survivor.child.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
      expect(survivor.stderr()).toContain(`xxgk worker ${victim === 'w1' ? 'w2' : 'w1'}: stopping after the running jobs`);
    } finally {
      await queue.close();
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }
  }, 120_000);

  it('retries timeouts and crashes with backoff, then stores them as error rows as a local run does', async () => {
    const dir = tmp();
    const input = join(dir, 'in');
    spawnSync('mkdir', ['-p', input]);
    for (const f of ['hang', 'exit']) writeFileSync(join(input, `${f}.txt`), `XXGK-FAULT:${f}\n`);
    writeFileSync(join(input, 'ok.txt'), readFileSync(join(SAMPLES, 'real', 'pingtan-2022.txt')));
    const env = { XXGK_INGEST_FAULTS: '1' };

    const localDb = join(dir, 'local.sqlite');
    expect(run(['ingest', input, '--db', localDb, '--jobs', '2', '--timeout', '2', '--quiet'], env).status).toBe(2);

    const worker = start(['worker', '--queue', redis.url, '--queue-name', 'faults', '--jobs', '2', '--timeout', '2', '--name', 'w'], env);
    try {
      await until('the worker', () => worker.stderr().includes('serving queue'));
      const queueDb = join(dir, 'queue.sqlite');
      // Not spawnSync: the worker's log is read by this process's event loop meanwhile.
      const coordinator = start(['ingest', input, '--db', queueDb, '--queue', redis.url, '--queue-name', 'faults', '--attempts', '2']);
      expect(await coordinator.exited).toBe(2);
      const r = { stdout: coordinator.stdout(), stderr: coordinator.stderr() };
      expect(r.stdout).toMatch(/files\s+3 \(1 ok, 0 duplicates, 2 errors, 0 already in the database\)/);
      expect(r.stdout).toMatch(/errors\s+(crash 1, timeout 1|timeout 1, crash 1)/);
      const errors = query(queueDb, 'SELECT path, kind, cause FROM errors ORDER BY path');
      expect(errors).toEqual([
        { path: join(input, 'exit.txt'), kind: 'crash', cause: 'worker crashed: worker exited with code: 7' },
        { path: join(input, 'hang.txt'), kind: 'timeout', cause: 'timed out after 2 s' },
      ]);
      for (const e of errors as { path: string; cause: string }[]) expect(r.stderr).toContain(`xxgk: ${e.path}: ${e.cause}\n`);
      // Each failed its first attempt on the worker, was retried after the backoff, and failed again.
      for (const f of ['exit', 'hang']) {
        expect(worker.stderr()).toContain(`${join(input, `${f}.txt`)}: `);
        expect(worker.stderr()).toMatch(new RegExp(`${f}\\.txt: .*\\(attempt 1 of 2\\)`));
        expect(worker.stderr()).toMatch(new RegExp(`${f}\\.txt: .*\\(attempt 2 of 2\\)`));
      }
      const expected = content(localDb);
      expect(compare(content(queueDb), expected)).toEqual(compare(expected, expected));
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  }, 60_000);

  it('says in one line when Redis cannot be reached, exit 2', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), readFileSync(join(SAMPLES, 'real', 'pingtan-2022.txt')));
    // Port 1 on loopback: nothing listens there.
    const url = `redis://127.0.0.1:1`;
    const [ingest, worker, bad, mixed] = [
      start(['ingest', dir, '--db', join(dir, 'a.sqlite'), '--queue', url]),
      start(['worker', '--queue', url]),
      start(['worker', '--queue', 'http://x']),
      start(['ingest', dir, '--db', join(dir, 'b.sqlite'), '--queue', redis.url, '--jobs', '2']),
    ];
    expect(await Promise.all([ingest, worker, bad, mixed].map((p) => p.exited))).toEqual([2, 2, 2, 2]);
    expect(ingest.stderr()).toBe(`xxgk: ${url}: cannot reach Redis: connect ECONNREFUSED 127.0.0.1:1\n`);
    expect(worker.stderr()).toBe(`xxgk: ${url}: cannot reach Redis: connect ECONNREFUSED 127.0.0.1:1\n`);
    expect(bad.stderr().split('\n')[0]).toBe("xxgk: --queue must be a redis:// or rediss:// URL, not 'http://x'");
    expect(mixed.stderr().split('\n')[0]).toBe("xxgk: --jobs is an option of 'xxgk worker' when ingest uses --queue");
  });
});
