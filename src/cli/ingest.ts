/**
 * `xxgk ingest`: a whole archive into one SQLite database, in parallel, resumable.
 * Exit status: 0 every file stored (even with failing checks), 2 usage, an unusable database, a path that
 * does not exist, or some file of this run ended as an error row (the run still goes through all files).
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { ingest } from '../ingest/run.js';
import { relaunchWithSingleThreadedGc, singleThreadedGc } from '../ingest/gc.js';
import type { OcrMode } from '../ingest/worker.js';

export const INGEST_USAGE = `usage:
  xxgk ingest <paths|globs...> --db archive.sqlite [--jobs N] [--timeout SECONDS] [--ocr auto|always|never] [--retry-failed]

ingest extracts every report under the given files, directories (recursively: .pdf .txt .md .html .htm .docx .doc)
and quoted glob patterns ('archive/**/*.pdf') into one SQLite database, one worker thread per job.
  --db FILE          the database (created if missing); rerunning skips files already stored
  --jobs N           worker threads [default: the number of CPUs]
  --timeout SECONDS  a file taking longer is recorded as an error and the run goes on [default: 120];
                     OCR takes seconds per page, so raise it for archives of long scanned reports
  --ocr MODE         OCR for PDF pages: auto (pages without a usable text layer), always, never [default: auto]
  --retry-failed     extract again the files recorded as errors
  --worker-memory MB heap limit of each worker thread; a file needing more is an error [default: 1024]
  --tasks-per-worker N  worker threads are replaced by fresh ones after N files each [default: 200]
  --quiet            no progress output
A copy of a stored file under another name is recorded as a duplicate, not extracted again.
exit status: 0 all files stored, 2 usage or unusable database, or some file could not be read (see table errors)`;

export async function ingestCommand(args: string[]): Promise<number> {
  const relaunched = relaunchWithSingleThreadedGc();
  if (relaunched) return relaunched;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        jobs: { type: 'string' },
        timeout: { type: 'string', default: '120' },
        ocr: { type: 'string' },
        'retry-failed': { type: 'boolean', default: false },
        'worker-memory': { type: 'string', default: '1024' },
        'tasks-per-worker': { type: 'string', default: '200' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return usage(oneLine(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${INGEST_USAGE}\n`);
    return 0;
  }
  if (values.db === undefined || values.db === '') return usage('ingest needs --db FILE');
  if (positionals.length === 0) return usage('ingest needs at least one file, directory or pattern');
  const jobs = values.jobs === undefined ? availableParallelism() : positiveInt(values.jobs);
  if (jobs === undefined) return usage(`--jobs must be a positive integer, not '${values.jobs}'`);
  const timeoutS = Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) return usage(`--timeout must be a positive number of seconds, not '${values.timeout}'`);
  const ocr = values.ocr;
  if (ocr !== undefined && ocr !== 'auto' && ocr !== 'always' && ocr !== 'never') {
    return usage(`--ocr must be auto, always or never, not '${ocr}'`);
  }
  const workerMemoryMb = positiveInt(values['worker-memory']);
  if (workerMemoryMb === undefined) return usage(`--worker-memory must be a positive integer (MB), not '${values['worker-memory']}'`);
  const tasksPerWorker = positiveInt(values['tasks-per-worker']);
  if (tasksPerWorker === undefined) return usage(`--tasks-per-worker must be a positive integer`);

  try {
    const result = await ingest({
      inputs: positionals,
      db: values.db,
      jobs,
      timeoutS,
      ...(ocr ? { ocr: ocr as OcrMode } : {}),
      retryFailed: values['retry-failed'],
      workerMemoryMb,
      tasksPerWorker,
      quiet: values.quiet,
    });
    process.stdout.write(result.summary);
    if (process.env.XXGK_DEBUG) {
      process.stderr.write(
        `debug: main thread busy ${(100 * result.mainThreadBusy).toFixed(1)}% of the run; ${result.poolGenerations} pool generation(s); ` +
          `garbage collection ${singleThreadedGc() ? 'single-threaded' : 'parallel'}\n`,
      );
    }
    return result.counts.failed > 0 ? 2 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`xxgk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function usage(message: string): number {
  process.stderr.write(`xxgk: ${message}\n${INGEST_USAGE}\n`);
  return 2;
}

function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
