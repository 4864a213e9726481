/**
 * The piscina worker: one input file's bytes in, the record and its table rows out. Runs in a worker thread;
 * a crash, hang or out-of-memory here ends this thread only (the pool turns it into an error row).
 *
 * Test hook: with XXGK_INGEST_FAULTS=1 in the environment, a file whose content starts with
 * `XXGK-FAULT:hang`, `XXGK-FAULT:oom`, `XXGK-FAULT:exit` or `XXGK-FAULT:throw` misbehaves that way, so the
 * isolation can be tested without a real pathological report; `XXGK-FAULT:sleep` waits 3 s, then extracts the
 * file as usual (a job that is surely running when a test kills its worker). Without the variable the marker
 * is plain text.
 */
import { performance } from 'node:perf_hooks';
import { extractRecord } from '../pipeline/extract.js';
import { InputError } from '../errors.js';
import { recordRows, type ReportRows } from '../store/rows.js';

export type OcrMode = 'auto' | 'always' | 'never';

export interface IngestTask {
  path: string;
  bytes: Uint8Array;
  ocr?: OcrMode;
  /** Set to 1 by the worker when it starts the task, so the pool times the run, not the wait for a thread. */
  started?: SharedArrayBuffer;
}

export type WorkerResult =
  | { ok: true; json: string; rows: ReportRows; pages: number | null; ocrPages: number; extractMs: number }
  | { ok: false; kind: 'input' | 'crash'; cause: string; extractMs: number };

export default async function ingestOne(task: IngestTask): Promise<WorkerResult> {
  const t0 = performance.now();
  if (task.started) Atomics.store(new Int32Array(task.started), 0, 1);
  if (process.env.XXGK_INGEST_FAULTS === '1') await injectFault(task.bytes);
  try {
    const record = await extractRecord(task.bytes, task.path, task.ocr === undefined ? {} : { ocr: task.ocr });
    const rows = recordRows(record);
    return {
      ok: true,
      json: JSON.stringify(record),
      rows,
      pages: rows.report.pages,
      ocrPages: rows.report.ocr_pages,
      extractMs: performance.now() - t0,
    };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    if (e instanceof InputError) return { ok: false, kind: 'input', cause: message, extractMs: performance.now() - t0 };
    return { ok: false, kind: 'crash', cause: `internal error: ${message}`, extractMs: performance.now() - t0 };
  }
}

async function injectFault(bytes: Uint8Array): Promise<void> {
  const head = Buffer.from(bytes.subarray(0, 32)).toString('latin1');
  if (!head.startsWith('XXGK-FAULT:')) return;
  const fault = head.slice('XXGK-FAULT:'.length).split(/\s/)[0];
  if (fault === 'hang') for (;;);
  if (fault === 'sleep') await new Promise((resolve) => setTimeout(resolve, 3000));
  if (fault === 'oom') {
    const hold: number[][] = [];
    for (;;) hold.push(new Array(1_000_000).fill(Math.random()));
  }
  if (fault === 'exit') process.exit(7);
  if (fault === 'throw') {
    setTimeout(() => {
      throw new Error('injected uncaught exception');
    });
    await new Promise(() => {});
  }
}
