/**
 * `xxgk ingest`: a whole archive into one SQLite database, in parallel, resumable.
 * Exit status: 0 every file stored (even with failing checks), 2 usage, an unusable database, a path that
 * does not exist, or some file of this run ended as an error row (the run still goes through all files).
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { ingest } from '../ingest/run.js';
import type { Extraction } from '../ingest/extraction.js';
import { singleThreadedGc } from '../ingest/gc.js';
import type { OcrMode } from '../ingest/worker.js';
import { checkQueueUrl, DEFAULT_QUEUE_NAME } from '../queue/url.js';
import { parseCommand, positiveInt, usageError } from './options.js';

export const INGEST_USAGE = `usage:
  xxgk ingest <paths|globs...> --db archive.sqlite [--jobs N] [--timeout SECONDS] [--ocr auto|always|never] [--retry-failed]
  xxgk ingest <paths|globs...> --db archive.sqlite --queue redis://HOST:PORT [--send bytes|paths] [--window N]

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

With --queue, the files are extracted by 'xxgk worker' processes on any machines that reach the Redis server
(see xxgk worker --help; --jobs, --timeout, --worker-memory and --tasks-per-worker are theirs); this command
queues one job per file, stores each result as it comes and prints the same progress and summary, plus
throughput per worker.
  --queue URL        the Redis server: redis://[user:password@]host:port[/db] (rediss:// for TLS)
  --queue-name NAME  the queue; one coordinator per queue name at a time [default: ${DEFAULT_QUEUE_NAME}]
  --send MODE        bytes: jobs carry the files, workers need only Redis; paths: jobs carry paths, every
                     worker reads the files at the same path (a shared mount) [default: bytes]
  --max-send-mb MB   with --send bytes, larger files travel as paths [default: 16]
  --window N         jobs in the queue at once: Redis holds at most N x max-send-mb of files [default: 64]
  --attempts N       attempts per file (with backoff) before a timeout or crash is an error row [default: 3]
exit status: 0 all files stored, 2 usage or unusable database, or some file could not be read (see table errors)`;

export async function ingestCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    INGEST_USAGE,
    {
      db: { type: 'string' },
      jobs: { type: 'string' },
      timeout: { type: 'string' },
      ocr: { type: 'string' },
      'retry-failed': { type: 'boolean', default: false },
      'worker-memory': { type: 'string' },
      'tasks-per-worker': { type: 'string' },
      queue: { type: 'string' },
      'queue-name': { type: 'string', default: DEFAULT_QUEUE_NAME },
      send: { type: 'string', default: 'bytes' },
      'max-send-mb': { type: 'string', default: '16' },
      window: { type: 'string', default: '64' },
      attempts: { type: 'string', default: '3' },
      quiet: { type: 'boolean', default: false },
    },
    true,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.db === undefined || values.db === '') return usage('ingest needs --db FILE');
  if (positionals.length === 0) return usage('ingest needs at least one file, directory or pattern');
  let extraction: (() => Promise<Extraction>) | undefined;
  if (values.queue !== undefined) {
    const workerOption = (['jobs', 'timeout', 'worker-memory', 'tasks-per-worker'] as const).find((o) => values[o] !== undefined);
    if (workerOption) return usage(`--${workerOption} is an option of 'xxgk worker' when ingest uses --queue`);
    const made = queueExtraction(values);
    if (typeof made === 'string') return usage(made);
    extraction = made;
  }
  values.timeout ??= '120';
  values['worker-memory'] ??= '1024';
  values['tasks-per-worker'] ??= '200';
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
    const result = await ingest(
      {
        inputs: positionals,
        db: values.db,
        jobs,
        timeoutS,
        ...(ocr ? { ocr: ocr as OcrMode } : {}),
        retryFailed: values['retry-failed'],
        workerMemoryMb,
        tasksPerWorker,
        quiet: values.quiet,
      },
      extraction,
    );
    process.stdout.write(result.summary);
    if (process.env.XXGK_DEBUG) {
      const cpu = process.cpuUsage();
      process.stderr.write(
        `debug: main thread busy ${(100 * result.mainThreadBusy).toFixed(1)}% of the run; ${result.poolGenerations} pool generation(s); ` +
          `process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; garbage collection ${singleThreadedGc() ? 'single-threaded' : 'parallel'}\n`,
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
  return usageError(INGEST_USAGE, message);
}

/** The queue options checked; a usage message when one is wrong. BullMQ is loaded only in queue mode. */
function queueExtraction(values: {
  queue?: string;
  'queue-name': string;
  send: string;
  'max-send-mb': string;
  window: string;
  attempts: string;
}): (() => Promise<Extraction>) | string {
  const url = checkQueueUrl(values.queue!);
  if (url === undefined) return `--queue must be a redis:// or rediss:// URL, not '${values.queue}'`;
  const send = values.send;
  if (send !== 'bytes' && send !== 'paths') return `--send must be bytes or paths, not '${send}'`;
  const maxSendMb = Number(values['max-send-mb']);
  if (!Number.isFinite(maxSendMb) || maxSendMb < 0) return `--max-send-mb must be a number of MB, not '${values['max-send-mb']}'`;
  const window = positiveInt(values.window);
  if (window === undefined) return `--window must be a positive integer, not '${values.window}'`;
  const attempts = positiveInt(values.attempts);
  if (attempts === undefined) return `--attempts must be a positive integer, not '${values.attempts}'`;
  return async () => {
    const { QueueDispatch } = await import('../queue/dispatch.js');
    return QueueDispatch.open({ url, queueName: values['queue-name'], send, maxSendBytes: maxSendMb * 1024 * 1024, window, attempts });
  };
}

