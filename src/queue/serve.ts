/**
 * `xxgk worker`: serves the jobs of an ingest queue with the same extraction as local mode (the piscina pool
 * of src/ingest/pool.ts: per-file timeout, memory limit, recycled threads), `jobs` files at a time.
 *
 * - A file that is bad in itself (an `input` outcome: damaged, not a report) is a result like any other: the
 *   coordinator stores it as an error row, as in local mode. Retrying would give the same answer.
 * - A timeout, out-of-memory or crash fails the attempt: BullMQ retries it with backoff, possibly on another
 *   machine, and after the last attempt the coordinator stores the error row.
 * - A worker that dies mid-job (SIGKILL, power cut) stops renewing its jobs' locks: after `lockS` seconds
 *   another worker's stalled-job check puts them back in the queue (at most `MAX_STALLED` times per job).
 * - The worker takes one job more than it has threads: the next file is fetched and decoded while the threads
 *   work, so a thread does not wait a Redis round trip between files (the local pool reads ahead the same way).
 *   The pool times a file from the moment a thread starts it, so the wait for a thread does not count.
 */
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { IngestPool, type PoolOptions } from '../ingest/pool.js';
import { checkReachable, connection } from './connection.js';
import { shownUrl } from './url.js';
import { encodeResult, JobFailure, jobBytes, type JobData, type JobResult } from './job.js';

export interface ServeOptions extends PoolOptions {
  url: string;
  queueName: string;
  /** Shown in the coordinator's summary; default host:pid. */
  name?: string;
  /** Seconds without a lock renewal after which a job counts as stalled and goes to another worker. */
  lockS: number;
  quiet?: boolean;
}

/** A job whose worker died this many times is given up (an error row): it is probably what kills them. */
const MAX_STALLED = 2;

export interface ServeStats {
  name: string;
  done: number;
  failedAttempts: number;
}

export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** Serves jobs until `stop` resolves, then finishes the running ones and returns. */
export async function serve(options: ServeOptions, stop: Promise<unknown>): Promise<ServeStats> {
  await checkReachable(options.url);
  const name = options.name ?? defaultWorkerName();
  const stats: ServeStats = { name, done: 0, failedAttempts: 0 };
  const pool = new IngestPool(options);
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    await pool.probe();
    const worker = new Worker<JobData, JobResult>(
      options.queueName,
      async (job: Job<JobData, JobResult>) => {
        const data = job.data;
        const bytes = await jobBytes(data);
        const outcome = await pool.run({ path: data.path, bytes, ...(data.ocr ? { ocr: data.ocr } : {}) });
        if (!outcome.ok && outcome.kind !== 'input') throw new JobFailure(outcome.kind, outcome.cause);
        stats.done++;
        return encodeResult(outcome, name);
      },
      {
        connection: connection(options.url),
        name,
        concurrency: options.jobs + 1,
        lockDuration: options.lockS * 1000,
        stalledInterval: options.lockS * 1000,
        maxStalledCount: MAX_STALLED,
        autorun: false,
      },
    );
    let lastError = '';
    worker.on('error', (e: Error) => {
      if (e.message !== lastError) log(`xxgk worker ${name}: queue ${shownUrl(options.url)}: ${(lastError = e.message).split('\n')[0]}`);
    });
    worker.on('failed', (job, e) => {
      stats.failedAttempts++;
      if (job) log(`xxgk worker ${name}: ${job.data.path}: ${e.message.split('\n')[0]} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1})`);
    });
    const running = worker.run();
    await worker.waitUntilReady();
    log(`xxgk worker ${name}: serving queue ${options.queueName} on ${shownUrl(options.url)}, ${options.jobs} job${options.jobs === 1 ? '' : 's'} at a time`);
    await stop;
    log(`xxgk worker ${name}: stopping after the running jobs`);
    await worker.close();
    await running;
  } finally {
    await pool.close();
  }
  log(`xxgk worker ${name}: ${stats.done} files extracted, ${stats.failedAttempts} failed attempts`);
  return stats;
}
