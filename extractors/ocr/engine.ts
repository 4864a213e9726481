/**
 * The OCR engine: tesseract.js 7 with the Chinese LSTM model (chi_sim, `4.0.0_best_int`) read from the
 * @tesseract.js-data/chi_sim package in node_modules. Nothing is fetched and nothing is cached on disk:
 * `langPath` points at the package (without it tesseract.js downloads from a CDN, and offline its worker
 * never comes up), `cacheMethod: 'none'` (else it reads and writes `chi_sim.traineddata` in the working
 * directory).
 *
 * A pool of workers, one per core (at most MAX_WORKERS), started on first use, shared by everything in the
 * process, recreated after RECYCLE_AFTER jobs (wasm memory only grows) and ended when idle for IDLE_MS, so
 * a process that used OCR still exits by itself; `shutdownOcr()` ends it at once.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

import type Tesseract from 'tesseract.js';

/** Page segmentation modes used: 3 auto, 4 one column, 6 one block, 7 one line, 8 one word. */
export type Psm = '3' | '4' | '6' | '7' | '8';

export interface OcrRequest {
  /** An image file's bytes (PGM here). */
  image: Uint8Array;
  psm: Psm;
  /** Only these characters may be read (numeric cells). */
  whitelist?: string;
  /** The image's resolution, so tesseract scales its expectations of text size right. */
  dpi: number;
  /** Also return tesseract's TSV (word boxes and confidences). */
  tsv?: boolean;
}

export interface OcrReply {
  text: string;
  /** Tesseract's mean word confidence, 0..100. */
  confidence: number;
  tsv: string | null;
}

export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
}

const MAX_WORKERS = 4;
/**
 * Jobs handed to one worker ahead of its answers. The worker runs them in order; with jobs waiting in it,
 * the engine does not idle while this thread is busy decoding or straightening the next page (which
 * stalled it after every answer: a cell takes 10-30 ms, a page's preparation hundreds).
 */
const DEPTH = 64;
const RECYCLE_AFTER = 400;
const IDLE_MS = 1500;
const WARM_IDLE_MS = 15_000;
/** Worker start-up reads and unpacks a 2.5 MB model: seconds at most. Without a bound it can hang forever. */
export const START_TIMEOUT_MS = 60_000;
/** A single recognition of a page takes seconds; this only catches a dead worker. */
const JOB_TIMEOUT_MS = 180_000;

const require = createRequire(import.meta.url);

/** The directory holding chi_sim.traineddata.gz (LSTM-only, integer model). */
export function modelDir(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
}

/** Rejects the jobs still waiting in a worker that is being ended for a failure; they go back to the queue. */
class WorkerEnded extends Error {}

interface Slot {
  worker: Promise<Tesseract.Worker> | undefined;
  /** Settles when `worker` is ended because a job failed. */
  ended: { promise: Promise<never>; end: () => void };
  jobs: number;
  /** Jobs sent to this worker and not yet answered. */
  inFlight: number;
  /** When the worker last answered (or was handed work while idle): a queued job's engine time starts then. */
  freeSince: number;
}

interface Queued {
  request: OcrRequest;
  resolve: (r: OcrReply) => void;
  reject: (e: unknown) => void;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrUnavailableError(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  p.catch(() => undefined);
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export class OcrPool {
  private readonly slots: Slot[];
  private readonly queue: Queued[] = [];
  private idle: NodeJS.Timeout | undefined;
  private broken: Error | undefined;
  /** Jobs run, workers started, and time the workers spent per kind of job (psm, whitelist), for measurements. */
  readonly stats = { jobs: 0, workersStarted: 0, busy: new Map<string, { jobs: number; ms: number }>() };

  constructor(readonly size: number) {
    this.slots = Array.from({ length: size }, () => ({ worker: undefined, ended: endSignal(), jobs: 0, inFlight: 0, freeSince: 0 }));
  }

  run(request: OcrRequest): Promise<OcrReply> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts the workers now, before there is a job: model loading then overlaps the rendering of the first
   * page instead of following it. Workers left without a job end as idle ones do (after WARM_IDLE_MS).
   */
  warm(): void {
    if (this.broken) return;
    for (const slot of this.slots) this.startIn(slot);
    if (this.queue.length === 0 && this.slots.every((s) => s.inFlight === 0)) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => void this.terminate(), WARM_IDLE_MS);
      this.idle.unref();
    }
  }

  private startIn(slot: Slot): Promise<Tesseract.Worker> {
    if (slot.worker) return slot.worker;
    slot.jobs = 0;
    slot.ended = endSignal();
    slot.worker = startWorker();
    this.stats.workersStarted++;
    slot.worker.catch(() => undefined);
    return slot.worker;
  }

  /** Ends every worker; the pool starts them again if used afterwards (and tries again after a failed start). */
  async terminate(): Promise<void> {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.broken = undefined;
    const ending = this.slots.map(async (slot) => {
      const w = slot.worker;
      slot.worker = undefined;
      slot.jobs = 0;
      if (w) await w.then((x) => x.terminate()).catch(() => undefined);
    });
    await Promise.all(ending);
  }

  private pump(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    // Idle workers first, then one more into each busy one, round by round.
    for (let depth = 0; depth < DEPTH; depth++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) break;
        if (slot.inFlight !== depth) continue;
        // A worker due to be recycled takes one job at a time, so nothing is waiting in it when it ends.
        if (depth > 0 && slot.jobs + slot.inFlight >= RECYCLE_AFTER) continue;
        const job = this.queue.shift()!;
        if (slot.inFlight === 0) slot.freeSince = performance.now();
        slot.inFlight++;
        void this.execute(slot, job).finally(() => {
          slot.inFlight--;
          this.pump();
        });
      }
    }
    if (this.queue.length === 0 && this.slots.every((s) => s.inFlight === 0) && this.slots.some((s) => s.worker)) {
      this.idle = setTimeout(() => void this.terminate(), IDLE_MS);
      this.idle.unref();
    }
  }

  private async execute(slot: Slot, job: Queued): Promise<void> {
    try {
      if (slot.worker && slot.jobs >= RECYCLE_AFTER && slot.inFlight === 1) {
        const old = slot.worker;
        slot.worker = undefined;
        void old.then((w) => w.terminate()).catch(() => undefined);
      }
      let worker: Tesseract.Worker;
      try {
        worker = await this.startIn(slot);
      } catch (e) {
        slot.worker = undefined;
        // Without a model or a working wasm core nothing can be read: fail fast for every later job too.
        this.broken = e instanceof Error ? e : new OcrUnavailableError(String(e));
        for (const q of this.queue.splice(0)) q.reject(this.broken);
        throw this.broken;
      }
      slot.jobs++;
      this.stats.jobs++;
      const { request } = job;
      const params: Record<string, string> = {
        // Tesseract's diagnostics ("Detected 54 diacritics") would otherwise land on the process's stderr.
        debug_file: '/dev/null',
        tessedit_pageseg_mode: request.psm,
        user_defined_dpi: String(Math.round(request.dpi)),
      };
      if (request.whitelist !== undefined) params.tessedit_char_whitelist = request.whitelist;
      const ended = slot.ended;
      const result = await Promise.race([
        withTimeout(
          worker.recognize(Buffer.from(request.image.buffer, request.image.byteOffset, request.image.byteLength), params, {
            text: true,
            tsv: request.tsv === true,
          }),
          JOB_TIMEOUT_MS,
          'an OCR job',
        ),
        ended.promise,
      ]).catch((e: unknown) => {
        if (e instanceof WorkerEnded) throw e;
        // A worker that failed a job may be wedged: start a fresh one for the next, and hand the jobs
        // waiting in it to the queue again.
        const old = slot.worker;
        slot.worker = undefined;
        ended.end();
        void old?.then((w) => w.terminate()).catch(() => undefined);
        throw e instanceof Error ? e : new Error(String(e));
      });
      const kind = `psm ${request.psm}${request.whitelist ? ' digits' : ''}`;
      const busy = this.stats.busy.get(kind) ?? { jobs: 0, ms: 0 };
      busy.jobs++;
      // The engine's time on this job: from its previous answer (or this job's arrival at an idle worker).
      const now = performance.now();
      busy.ms += now - slot.freeSince;
      slot.freeSince = now;
      this.stats.busy.set(kind, busy);
      job.resolve({ text: result.data.text ?? '', confidence: result.data.confidence ?? 0, tsv: result.data.tsv ?? null });
    } catch (e) {
      if (e instanceof WorkerEnded) this.queue.unshift(job);
      else job.reject(e);
    }
  }
}

function endSignal(): Slot['ended'] {
  let end = () => {};
  const promise = new Promise<never>((_, reject) => {
    end = () => reject(new WorkerEnded('the OCR worker was ended'));
  });
  promise.catch(() => undefined);
  return { promise, end };
}

async function startWorker(): Promise<Tesseract.Worker> {
  const { createWorker, OEM } = (await import('tesseract.js')).default;
  const worker = createWorker('chi_sim', OEM.LSTM_ONLY, {
    langPath: modelDir(),
    gzip: true,
    cacheMethod: 'none',
    logger: () => undefined,
    errorHandler: () => undefined,
  });
  try {
    return await withTimeout(worker, START_TIMEOUT_MS, 'starting the OCR engine');
  } catch (e) {
    // A worker that comes up after the timeout must not keep the process alive.
    void worker.then((w) => w.terminate()).catch(() => undefined);
    throw e instanceof OcrUnavailableError ? e : new OcrUnavailableError(`the OCR engine did not start: ${String(e)}`);
  }
}

let shared: OcrPool | undefined;

/** Workers for this process: one per core, at most MAX_WORKERS (or `XXGK_OCR_WORKERS`). */
export function defaultPoolSize(): number {
  const env = Number(process.env.XXGK_OCR_WORKERS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
}

export function ocrPool(): OcrPool {
  shared ??= new OcrPool(defaultPoolSize());
  return shared;
}

/** Ends the shared pool's workers now (a CLI calls it when done, so it exits without waiting for the idle timer). */
export async function shutdownOcr(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.terminate();
}
