/**
 * The coordinator's side of `xxgk ingest --queue`: each file the run decides to extract becomes one BullMQ job;
 * its outcome comes back to the run, which stays the single writer of the database.
 *
 * Results come back through QueueEvents rather than a second "results" queue: a job that fails its last
 * attempt, including one BullMQ gives up after its worker died too often (stalled past maxStalledCount), only
 * ever shows as a `failed` event and state, never as a message a worker sends, so the coordinator has to watch
 * the job queue's events anyway, and one channel is simpler than two. Events are only the wake-up: the job
 * itself (its state, returnvalue, failedReason) stays in Redis until the coordinator has committed its row
 * and removes it, and a periodic look at the state of the jobs in flight covers events missed (the stream is
 * capped, a connection can drop). A coordinator killed in the middle loses nothing: its rerun skips what the
 * database has, and adding a job whose id is still in Redis adds nothing, so it collects the results of the
 * jobs its previous life queued.
 *
 * Reliability is BullMQ's: `attempts` with exponential backoff for failed attempts, stalled-job recovery for
 * workers that die (set on the worker side), job ids that make queueing idempotent.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Extraction, Outcome } from '../ingest/extraction.js';
import type { IngestTask } from '../ingest/worker.js';
import { checkReachable, connection } from './connection.js';
import { shownUrl } from './url.js';
import { decodeResult, failedOutcome, jobData, jobId, type JobData, type JobResult, type SendMode } from './job.js';
import { oneLine } from '../causes.js';

export interface DispatchOptions {
  url: string;
  queueName: string;
  send: SendMode;
  /** With `send: 'bytes'`, larger files travel as paths. */
  maxSendBytes: number;
  /** Jobs queued or running at once. */
  window: number;
  /** Attempts per job before it is an error row. */
  attempts: number;
  /** Seconds between looks at the state of the jobs in flight (the net under missed events). */
  sweepS?: number;
}

/** First retry 2 s after a failed attempt, then 4 s, 8 s... */
const BACKOFF_MS = 2000;
/** The events stream keeps about this many entries (each `completed` entry carries a compressed result). */
const EVENTS_MAX_LEN = 2000;

export class QueueDispatch implements Extraction {
  readonly window: number;
  private readonly options: DispatchOptions;
  private readonly queue: Queue<JobData, JobResult>;
  private readonly events: QueueEvents;
  /** Job id → the run waiting for its outcome. */
  private readonly pending = new Map<string, (o: Outcome) => void>();
  /** path + sha → job id, until acknowledged. */
  private readonly ids = new Map<string, string>();
  private readonly sweep: NodeJS.Timeout;
  private lastError = '';

  private constructor(options: DispatchOptions) {
    this.options = options;
    this.window = options.window;
    const conn = connection(options.url);
    this.queue = new Queue<JobData, JobResult>(options.queueName, {
      connection: conn,
      streams: { events: { maxLen: EVENTS_MAX_LEN } },
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: BACKOFF_MS },
        // Kept until the coordinator has stored the outcome (then removed): the result must outlive a coordinator crash.
        removeOnComplete: false,
        removeOnFail: false,
      },
    });
    this.events = new QueueEvents(options.queueName, { connection: conn });
    this.queue.on('error', (e: Error) => this.reportError(e));
    this.events.on('error', (e: Error) => this.reportError(e));
    this.events.on('completed', ({ jobId: id, returnvalue }) => {
      if (this.pending.has(id)) this.settle(id, this.decode(returnvalue as unknown as JobResult));
    });
    this.events.on('failed', ({ jobId: id, failedReason }) => {
      if (this.pending.has(id)) this.settle(id, failedOutcome(failedReason));
    });
    this.sweep = setInterval(() => void this.sweepPending(), (options.sweepS ?? 5) * 1000);
    this.sweep.unref();
  }

  /** Checks that Redis answers (InputError naming the URL otherwise), then connects the queue and its events. */
  static async open(options: DispatchOptions): Promise<QueueDispatch> {
    await checkReachable(options.url);
    return new QueueDispatch(options);
  }

  async probe(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.events.waitUntilReady();
  }

  run(task: IngestTask, sha256: string): Promise<Outcome> {
    const id = jobId(task.path, sha256, task.ocr);
    this.ids.set(`${task.path}\0${sha256}`, id);
    return new Promise<Outcome>((resolve) => {
      this.pending.set(id, resolve);
      // The job's data is built here and dropped once added: the coordinator does not hold the bytes meanwhile.
      this.queue
        .add('extract', jobData(task, sha256, this.options.send, this.options.maxSendBytes), { jobId: id })
        // Already finished (a job of an earlier, interrupted run): no event will come for it.
        .then(() => this.check(id))
        .catch((e: unknown) => this.settle(id, { ok: false, kind: 'crash', cause: `cannot queue the file: ${oneLine(e)}`, extractMs: 0 }));
    });
  }

  async acknowledge(path: string, sha256: string): Promise<void> {
    const key = `${path}\0${sha256}`;
    const id = this.ids.get(key);
    this.ids.delete(key);
    if (id !== undefined) await this.queue.remove(id).catch((e: unknown) => this.reportError(e));
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    if (this.pending.size === 0) {
      // One coordinator per queue: finished jobs still here belong to earlier runs whose files are stored or
      // no longer asked for.
      await this.queue.clean(0, 0, 'completed').catch(() => {});
      await this.queue.clean(0, 0, 'failed').catch(() => {});
    }
    await this.events.close().catch(() => {});
    await this.queue.close().catch(() => {});
  }

  private settle(id: string, outcome: Outcome): void {
    const resolve = this.pending.get(id);
    if (!resolve) return;
    this.pending.delete(id);
    resolve(outcome);
  }

  private decode(result: JobResult): Outcome {
    try {
      return decodeResult(result);
    } catch (e) {
      return { ok: false, kind: 'crash', cause: `unreadable result from worker ${result?.worker ?? '?'}: ${oneLine(e)}`, extractMs: 0 };
    }
  }

  /** Settles a job from its state in Redis, if it has finished. */
  private async check(id: string): Promise<void> {
    if (!this.pending.has(id)) return;
    const state = await this.queue.getJobState(id);
    if (state === 'completed' || state === 'failed') {
      const job = await Job.fromId<JobData, JobResult>(this.queue, id);
      if (!job) return;
      this.settle(id, state === 'completed' ? this.decode(job.returnvalue) : failedOutcome(job.failedReason));
    } else if (state === 'unknown') {
      this.settle(id, { ok: false, kind: 'crash', cause: 'its job was removed from the queue before it finished', extractMs: 0 });
    }
  }

  private async sweepPending(): Promise<void> {
    for (const id of [...this.pending.keys()]) await this.check(id).catch((e: unknown) => this.reportError(e));
  }

  /** Connection trouble: one line per distinct message (ioredis repeats it on every reconnect attempt). */
  private reportError(e: unknown): void {
    const message = oneLine(e);
    if (message === this.lastError) return;
    this.lastError = message;
    process.stderr.write(`xxgk: queue ${shownUrl(this.options.url)}: ${message}\n`);
  }
}

