/**
 * An ingest run: discover the files, decide for each whether it is new, already stored, a copy, or a retry,
 * extract the new ones in the worker pool, store each result in its own transaction, then rebuild the
 * cross-report checks. Resumable: a rerun skips what the database already holds.
 *
 * For each file (path P with content hash H):
 * - P stored with H: skipped (a `failed` one is extracted again with `retryFailed`).
 * - Otherwise, H already stored under another path (ok or failed): P is a `duplicate` row pointing at it.
 * - Otherwise H is extracted; copies of H met while it runs wait and become duplicates once it is stored.
 * - P stored with other content (the file changed): its row is replaced, keeping its id.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { discover } from './discover.js';
import { IngestPool } from './pool.js';
import type { Extraction, Outcome } from './extraction.js';
import { emptyCounts, Progress, summary, type Counts } from './progress.js';
import type { OcrMode } from './worker.js';
import { Store, type ErrorKind, type FileFacts } from '../store/db.js';
import { runCrossChecks } from '../store/cross.js';
import { buildCellIndex, deferCellIndex } from '../store/cell-index.js';
import { fsCause } from '../causes.js';

export interface IngestOptions {
  inputs: string[];
  db: string;
  jobs: number;
  timeoutS: number;
  ocr?: OcrMode;
  retryFailed: boolean;
  workerMemoryMb: number;
  tasksPerWorker: number;
  /** Progress and per-file error lines; default standard error. */
  progressStream?: NodeJS.WriteStream;
  quiet?: boolean;
}

export interface IngestResult {
  counts: Counts;
  elapsedS: number;
  cross: { rows: number; failing: number };
  summary: string;
  poolGenerations: number;
  /** Share of the run the main thread (reading, hashing, the single writer) was busy: its ceiling on scaling. */
  mainThreadBusy: number;
}

interface Prepared extends FileFacts {
  bytesData: Uint8Array | null;
  readError?: string;
}

/**
 * `extraction`: where files are extracted; default the local worker-thread pool built from `options`. Made
 * once the inputs and the database are known good, so a usage error leaves nothing running.
 */
export async function ingest(options: IngestOptions, extraction?: () => Promise<Extraction>): Promise<IngestResult> {
  const elu0 = performance.eventLoopUtilization();
  const files = await discover(options.inputs);
  const store = Store.open(options.db);
  let pool: Extraction;
  try {
    pool = extraction
      ? await extraction()
      : new IngestPool({
          jobs: options.jobs,
          timeoutMs: options.timeoutS * 1000,
          maxOldGenerationSizeMb: options.workerMemoryMb,
          tasksPerWorker: options.tasksPerWorker,
        });
  } catch (e) {
    store.close();
    throw e;
  }
  deferCellIndex(
    store.db,
    files.filter((f) => {
      const known = store.byPath(f);
      return known === undefined || (options.retryFailed && known.status === 'failed');
    }).length,
  );
  const counts = emptyCounts(files.length);
  const progress = new Progress(counts, {
    ...(options.progressStream ? { stream: options.progressStream } : {}),
    ...(options.quiet ? { quiet: true } : {}),
  });

  const onSignal = (signal: NodeJS.Signals) => {
    progress.end();
    process.stderr.write(`xxgk: ${signal}: stopped; every stored report is whole, run the same command again to resume\n`);
    store.close();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  /** Content hashes being extracted now → copies waiting for the result. */
  const inFlight = new Map<string, Prepared[]>();
  const running = new Set<Promise<void>>();
  const limit = pool.window;

  const fail = (file: FileFacts, kind: ErrorKind, cause: string, ms: number | null, replaceId?: number): number => {
    const id = store.writeFailed(file, kind, cause, ms, replaceId);
    counts.failed++;
    counts.errorsByKind[kind] = (counts.errorsByKind[kind] ?? 0) + 1;
    progress.message(`xxgk: ${file.path}: ${cause}`);
    return id;
  };

  const duplicate = (file: FileFacts, originalId: number, replaceId?: number) => {
    store.writeDuplicate(file, originalId, replaceId);
    counts.duplicates++;
  };

  const stored = (file: Prepared, outcome: Outcome, replaceId?: number) => {
    let id: number;
    if (outcome.ok) {
      id = store.writeOk(file, outcome.rows, outcome.json, outcome.extractMs, replaceId);
      counts.ok++;
      counts.pages += outcome.pages ?? 0;
      counts.ocrPages += outcome.ocrPages;
      if (outcome.rows.report.failing_identities > 0) counts.checkFailures++;
    } else {
      id = fail(file, outcome.kind, outcome.cause, outcome.extractMs, replaceId);
    }
    if (outcome.worker !== undefined) {
      const w = (counts.byWorker[outcome.worker] ??= { files: 0, extractMs: 0 });
      w.files++;
      w.extractMs += outcome.extractMs;
    }
    counts.done++;
    const copies = inFlight.get(file.sha256!) ?? [];
    inFlight.delete(file.sha256!);
    for (const copy of copies) {
      duplicate(copy, id, store.byPath(copy.path)?.id);
      counts.done++;
    }
    progress.update();
  };

  try {
    await pool.probe();
    for (const path of files) {
      const file = prepare(path);
      const existing = store.byPath(path);
      if (file.readError !== undefined) {
        if (existing && existing.status === 'failed' && existing.sha256 === null && !options.retryFailed) counts.skipped++;
        else fail(file, 'input', file.readError, null, existing?.id);
        counts.done++;
        progress.update();
        continue;
      }
      const sha = file.sha256!;
      if (existing && existing.sha256 === sha && !(existing.status === 'failed' && options.retryFailed)) {
        counts.skipped++;
        counts.done++;
        progress.update();
        continue;
      }
      const original = existing?.sha256 === sha ? undefined : store.originalBySha(sha, existing?.id);
      if (original) {
        duplicate(file, original.id, existing?.id);
        counts.done++;
        progress.update();
        continue;
      }
      const waiting = inFlight.get(sha);
      if (waiting) {
        waiting.push({ ...file, bytesData: null });
        continue;
      }
      inFlight.set(sha, []);
      while (running.size >= limit) await Promise.race(running);
      const bytes = file.bytesData!;
      file.bytesData = null;
      const job: Promise<void> = pool
        .run({ path, bytes, ...(options.ocr ? { ocr: options.ocr } : {}) }, sha)
        .then((outcome) => {
          stored(file, outcome, existing?.id);
          return pool.acknowledge?.(path, sha);
        })
        .finally(() => running.delete(job));
      running.add(job);
    }
    await Promise.all(running);
  } finally {
    await pool.close();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const cross = runCrossChecks(store);
  buildCellIndex(store.db);
  progress.end();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  const elapsedS = progress.elapsedS();
  const mainThreadBusy = performance.eventLoopUtilization(elu0).utilization;
  const poolGenerations = pool instanceof IngestPool ? pool.generations : 0;
  return { counts, elapsedS, cross, summary: summary(counts, elapsedS, cross, options.db), poolGenerations, mainThreadBusy };
}

/**
 * Read in one blocking call: the asynchronous read is four round trips through libuv's thread pool (open, stat,
 * read, close) for a file of a few hundred kB, each waking this thread while the worker threads want the cores.
 */
function prepare(path: string): Prepared {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    return { path, sha256: null, bytes: 0, bytesData: null, readError: fsCause(e) };
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  // A buffer of its own, so it can be moved to the worker without a copy.
  const bytes = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
  return { path, sha256, bytes: data.byteLength, bytesData: bytes };
}

