/**
 * `xxgk worker --queue redis://HOST:PORT`: extracts the files an `xxgk ingest --queue` coordinator queues, on
 * this machine, until stopped. Exit status: 0 stopped by a signal after finishing its running jobs, 2 usage or
 * an unreachable Redis.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../errors.js';
import { checkQueueUrl, DEFAULT_QUEUE_NAME } from '../queue/url.js';
import { parseCommand, positiveInt, usageError } from './options.js';

export const WORKER_USAGE = `usage:
  xxgk worker --queue redis://HOST:PORT [--jobs N] [--timeout SECONDS] [--name NAME] [--queue-name NAME]

worker serves the files that 'xxgk ingest --queue' puts on a Redis queue, on this machine, until stopped
(Ctrl-C or SIGTERM: it finishes its running files first; a second signal stops at once, and those files go to
other workers). Start as many as you like, on any machine that reaches Redis, with the same xxgk version.
  --queue URL        the Redis server: redis://[user:password@]host:port[/db] (rediss:// for TLS)
  --queue-name NAME  the queue, as given to the coordinator [default: ${DEFAULT_QUEUE_NAME}]
  --jobs N           files extracted at once, one worker thread each [default: the number of CPUs]
  --timeout SECONDS  a file taking longer fails its attempt (retried, then an error row) [default: 120]
  --worker-memory MB heap limit of each worker thread [default: 1024]
  --tasks-per-worker N  worker threads are replaced by fresh ones after N files each [default: 200]
  --lock SECONDS     a job whose worker stops answering for this long is given to another worker [default: 30]
  --name NAME        this worker in the coordinator's summary [default: host:pid]
  --quiet            no log lines
exit status: 0 stopped by a signal, 2 usage or Redis unreachable`;

export async function workerCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    WORKER_USAGE,
    {
      queue: { type: 'string' },
      'queue-name': { type: 'string', default: DEFAULT_QUEUE_NAME },
      jobs: { type: 'string' },
      timeout: { type: 'string', default: '120' },
      'worker-memory': { type: 'string', default: '1024' },
      'tasks-per-worker': { type: 'string', default: '200' },
      lock: { type: 'string', default: '30' },
      name: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    false,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.queue === undefined) return usage('worker needs --queue redis://HOST:PORT');
  const url = checkQueueUrl(values.queue);
  if (url === undefined) return usage(`--queue must be a redis:// or rediss:// URL, not '${values.queue}'`);
  const jobs = values.jobs === undefined ? availableParallelism() : positiveInt(values.jobs);
  if (jobs === undefined) return usage(`--jobs must be a positive integer, not '${values.jobs}'`);
  const timeoutS = Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) return usage(`--timeout must be a positive number of seconds, not '${values.timeout}'`);
  const workerMemoryMb = positiveInt(values['worker-memory']);
  if (workerMemoryMb === undefined) return usage(`--worker-memory must be a positive integer (MB), not '${values['worker-memory']}'`);
  const tasksPerWorker = positiveInt(values['tasks-per-worker']);
  if (tasksPerWorker === undefined) return usage('--tasks-per-worker must be a positive integer');
  const lockS = Number(values.lock);
  if (!Number.isFinite(lockS) || lockS < 1) return usage(`--lock must be a number of seconds, at least 1, not '${values.lock}'`);

  // First signal: stop taking jobs and finish the running ones. Second: stop now (the jobs go to other workers).
  let stopNow: (signal: NodeJS.Signals) => void = () => {};
  const stop = new Promise<NodeJS.Signals>((resolve) => (stopNow = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
    process.once(signal === 'SIGINT' ? 'SIGTERM' : 'SIGINT', () => process.exit(signal === 'SIGINT' ? 143 : 130));
    stopNow(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { serve } = await import('../queue/serve.js');
    await serve(
      {
        url,
        queueName: values['queue-name'],
        jobs,
        timeoutMs: timeoutS * 1000,
        maxOldGenerationSizeMb: workerMemoryMb,
        tasksPerWorker,
        lockS,
        ...(values.name !== undefined ? { name: values.name } : {}),
        quiet: values.quiet,
      },
      stop,
    );
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`xxgk: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function usage(message: string): number {
  return usageError(WORKER_USAGE, message);
}
