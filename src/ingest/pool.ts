/**
 * The worker pool for ingest: piscina worker threads, one file per task, each file isolated.
 *
 * - A task that runs past the timeout is aborted: piscina terminates its thread and starts another.
 * - A thread that exceeds its heap limit (`resourceLimits.maxOldGenerationSizeMb`) dies with
 *   ERR_WORKER_OUT_OF_MEMORY; one that exits or throws outside the task dies too. Piscina replaces it.
 * - Recycling: after `tasksPerWorker × jobs` tasks the pool is retired (it finishes its running tasks and its
 *   threads end) and a fresh one takes the next tasks, so whatever a long run leaves in a thread's heap (caches
 *   of pdf.js, fonts, OCR) is dropped and memory stays flat.
 *
 * Tasks are handed to piscina only when a thread is free (never queued inside piscina), so the timeout
 * measures the file's own run, not its wait; the next task starts as soon as a thread frees, before the caller
 * writes the previous result.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Extraction } from './extraction.js';
import type { IngestTask, WorkerResult } from './worker.js';

export type TaskOutcome = WorkerResult | { ok: false; kind: 'timeout' | 'oom' | 'crash'; cause: string; extractMs: number };

export interface PoolOptions {
  jobs: number;
  timeoutMs: number;
  /** Heap limit per worker thread (V8 old generation), MB. */
  maxOldGenerationSizeMb: number;
  /** Tasks per thread before the pool is replaced by a fresh one. */
  tasksPerWorker: number;
}

/** The compiled worker: beside this module in dist/, or dist/ itself when this module runs from TypeScript. */
export function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'worker.js');
  if (existsSync(beside)) return beside;
  const built = join(here, '..', '..', 'dist', 'src', 'ingest', 'worker.js');
  if (existsSync(built)) return built;
  throw new Error(`the compiled ingest worker is missing (${beside}): run npm run build`);
}

interface Pending {
  task: IngestTask;
  resolve: (o: TaskOutcome) => void;
}

interface Running {
  controller: AbortController;
  started: Int32Array;
  submittedAt: number;
  startedAt: number | undefined;
}

/** A thread that has not begun a task this long after its timeout (it could not even start) is given up. */
const START_GRACE_MS = 120_000;

export class IngestPool implements Extraction {
  private readonly options: PoolOptions;
  private readonly filename: string;
  private pool: Piscina;
  private submittedToPool = 0;
  private running = 0;
  private readonly waiting: Pending[] = [];
  private readonly retiring = new Set<Promise<void>>();
  private readonly inProgress = new Set<Running>();
  private readonly watchdog: NodeJS.Timeout;
  /** Pools created so far (1 + recycles). */
  generations = 0;

  constructor(options: PoolOptions) {
    this.options = options;
    this.filename = workerFile();
    this.pool = this.createPool();
    this.watchdog = setInterval(() => this.watch(), 100);
    this.watchdog.unref();
  }

  /** The timeout runs from the moment a thread begins the file (a fresh thread first loads the pipeline). */
  private watch(): void {
    const now = performance.now();
    for (const r of this.inProgress) {
      if (r.startedAt === undefined && Atomics.load(r.started, 0) === 1) r.startedAt = now;
      const late =
        r.startedAt !== undefined
          ? now - r.startedAt > this.options.timeoutMs
          : now - r.submittedAt > this.options.timeoutMs + START_GRACE_MS;
      if (late && !r.controller.signal.aborted) r.controller.abort(new Error('timeout'));
    }
  }

  private createPool(): Piscina {
    this.generations++;
    const pool = new Piscina({
      filename: this.filename,
      minThreads: this.options.jobs,
      maxThreads: this.options.jobs,
      // Threads stay for the pool's life; recycling is by replacing the pool.
      idleTimeout: 60_000,
      maxQueue: this.options.jobs,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
      // One OCR engine per ingest thread: the parallelism is --jobs; the OCR default (one per core in each
      // thread) would run jobs × cores tesseract workers at once.
      env: { ...process.env, XXGK_OCR_WORKERS: process.env.XXGK_OCR_WORKERS ?? '1' },
    });
    // A thread that dies with no task (e.g. while a retired pool shuts down) is reported here; the task, if
    // any, gets its own error, so nothing is lost by ignoring these.
    pool.on('error', (e: unknown) => {
      if (process.env.XXGK_DEBUG) console.error('pool error', e);
    });
    this.submittedToPool = 0;
    return pool;
  }

  /** Two files per thread: the next file is read and hashed while the current one is extracted. */
  get window(): number {
    return this.options.jobs * 2;
  }

  /** A worker that cannot even start (a broken build) would turn every file into an error row: check first. */
  async probe(): Promise<void> {
    const probe = await this.run({ path: 'probe.txt', bytes: new Uint8Array(0) });
    if (probe.ok || probe.kind !== 'input') {
      throw new Error(`the ingest worker does not work: ${probe.ok ? 'it read an empty file' : probe.cause}`);
    }
  }

  /** Runs one file; never rejects: every failure is an outcome. */
  run(task: IngestTask): Promise<TaskOutcome> {
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.jobs && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.start(next);
    }
  }

  private start({ task, resolve }: Pending): void {
    if (this.submittedToPool >= this.options.jobs * this.options.tasksPerWorker) this.recycle();
    this.submittedToPool++;
    this.running++;
    const controller = new AbortController();
    const started = new SharedArrayBuffer(4);
    const t0 = performance.now();
    const running: Running = { controller, started: new Int32Array(started), submittedAt: t0, startedAt: undefined };
    this.inProgress.add(running);
    const transferList = isTransferable(task.bytes) ? [task.bytes.buffer as ArrayBuffer] : undefined;
    this.pool
      .run({ ...task, started }, { signal: controller.signal, ...(transferList ? { transferList } : {}) })
      .then(
        (r: WorkerResult) => r,
        (e: unknown): TaskOutcome => this.classify(e, running, performance.now() - t0),
      )
      .then((outcome) => {
        this.inProgress.delete(running);
        this.running--;
        // Start the next file before the caller stores this one.
        this.pump();
        resolve(outcome);
      });
  }

  private classify(e: unknown, running: Running, ms: number): TaskOutcome {
    if (running.controller.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
      const cause =
        running.startedAt === undefined
          ? 'timed out: no worker thread could start it'
          : `timed out after ${Math.round(this.options.timeoutMs / 1000)} s`;
      return { ok: false, kind: 'timeout', cause, extractMs: ms };
    }
    const code = (e as { code?: string } | null)?.code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return { ok: false, kind: 'oom', cause: `out of memory (worker heap limit ${this.options.maxOldGenerationSizeMb} MB)`, extractMs: ms };
    }
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    return { ok: false, kind: 'crash', cause: `worker crashed: ${message}`, extractMs: ms };
  }

  /** Retires the current pool (its running tasks finish, then its threads end) and starts a fresh one. */
  private recycle(): void {
    const old = this.pool;
    this.pool = this.createPool();
    const closing = old
      .close()
      .catch(() => {})
      .finally(() => this.retiring.delete(closing));
    this.retiring.add(closing);
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    await Promise.allSettled([...this.retiring]);
    await this.pool.close().catch(() => {});
  }

  /** Ends every thread now (on an interrupt). */
  async destroy(): Promise<void> {
    clearInterval(this.watchdog);
    await this.pool.destroy().catch(() => {});
  }
}

function isTransferable(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
}
