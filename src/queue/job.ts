/**
 * What travels through the queue: one job per input file, one result per job.
 *
 * Jobs carry the file's bytes (base64 in the job's JSON) by default, so a worker needs nothing but Redis: it
 * can run on any machine. A file larger than the coordinator's `--max-send-mb`, or every file with
 * `--send paths`, travels as its path instead, and the worker reads it itself: the folder must then be mounted
 * at the same path on every worker machine. Bytes sit in Redis only while their job is queued or running (the
 * coordinator keeps at most `--window` jobs in the queue and removes each once stored), so Redis holds at
 * most window × max-send-mb × 4/3 of file data, whatever the archive's size.
 *
 * Results travel gzip-compressed: a record and its table rows are about 110 KB of JSON and 16 KB compressed,
 * a seventh of the network and Redis memory for a millisecond of the coordinator's time per file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Outcome } from '../ingest/extraction.js';
import type { TaskOutcome } from '../ingest/pool.js';
import type { IngestTask, OcrMode } from '../ingest/worker.js';
import type { ErrorKind } from '../store/db.js';

export type SendMode = 'bytes' | 'paths';

export interface JobData {
  path: string;
  sha256: string;
  ocr?: OcrMode;
  /** The file's bytes, base64; absent when the worker reads `path` itself. */
  bytes?: string;
}

export interface JobResult {
  /** The worker process that extracted it (`--name`, default host:pid). */
  worker: string;
  /** The outcome as JSON, gzip-compressed, base64. */
  outcome: string;
}

/**
 * One id per (path, content, OCR mode): adding a job whose id is already in the queue adds nothing, so a
 * coordinator restarted in the middle of a run picks up the jobs (and results) of its previous life instead of
 * queueing the files again. The path is part of it because the record names its source file.
 */
export function jobId(path: string, sha256: string, ocr: OcrMode | undefined): string {
  const where = createHash('sha256').update(path).digest('hex').slice(0, 16);
  // BullMQ ids may not contain ':' nor be integers.
  return `${sha256}-${where}-${ocr ?? 'auto'}`;
}

export function jobData(task: IngestTask, sha256: string, send: SendMode, maxSendBytes: number): JobData {
  const data: JobData = { path: task.path, sha256, ...(task.ocr ? { ocr: task.ocr } : {}) };
  if (send === 'bytes' && task.bytes.byteLength <= maxSendBytes) {
    data.bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength).toString('base64');
  }
  return data;
}

/**
 * The worker side: the file's bytes from the job, or from its path. A failure here is thrown as a
 * `JobFailure` of kind input, which BullMQ retries (another worker may see the path) before it is an error row.
 */
export async function jobBytes(data: JobData): Promise<Uint8Array> {
  if (data.bytes !== undefined) return Buffer.from(data.bytes, 'base64');
  let bytes: Buffer;
  try {
    bytes = await readFile(data.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const cause = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message).split('\n')[0];
    throw new JobFailure('input', `the worker cannot read the file (${cause}): sent as a path, it must be at the same path on every worker`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== data.sha256) {
    throw new JobFailure('input', 'the file changed after it was queued; run the same command again');
  }
  return bytes;
}

export function encodeResult(outcome: TaskOutcome, worker: string): JobResult {
  return { worker, outcome: gzipSync(JSON.stringify(outcome), { level: 1 }).toString('base64') };
}

export function decodeResult(result: JobResult): Outcome {
  const outcome = JSON.parse(gunzipSync(Buffer.from(result.outcome, 'base64')).toString('utf8')) as TaskOutcome;
  return { ...outcome, worker: result.worker };
}

/**
 * A job that failed an attempt: BullMQ retries it with backoff, and after the last attempt keeps `message` as
 * the job's failedReason, which the coordinator turns back into an error row of the same kind and cause as in
 * local mode.
 */
export class JobFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'JobFailure';
  }
}

/** A failedReason back into an outcome. One not of ours (a stalled job given up by BullMQ) is a crash. */
export function failedOutcome(reason: string | undefined): TaskOutcome {
  const m = /^(crash|timeout|oom|input): (.*)$/s.exec(reason ?? '');
  if (m) return { ok: false, kind: m[1] as ErrorKind, cause: m[2]!, extractMs: 0 } as TaskOutcome;
  return { ok: false, kind: 'crash', cause: `worker lost: ${reason ?? 'the job failed without a reason'}`, extractMs: 0 };
}
