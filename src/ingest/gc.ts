/**
 * Garbage collection for an ingest process: V8's single-threaded collector.
 *
 * By default V8 spreads each collection over helper threads (parallel scavenges, concurrent marking and
 * sweeping). For ingest that costs more than it saves: pdf.js allocates in short heavy bursts, and the
 * helpers' hand-offs outweigh the work they share. Measured on 122 PDFs, 2 cores, nothing else running, three
 * interleaved runs each (medians): --jobs 1 21.8 s and 28.5 CPU-s with the helpers, 20.5 s and 22.4 CPU-s
 * without; --jobs 2 17.4 s and 30.8 CPU-s against 15.0 s and 26.5 CPU-s (there the helpers only take CPU
 * from the other worker thread).
 *
 * V8 flags belong to the process and must be set when it starts: switching the collector on a running
 * process aborts it (V8 checks its marking state). So the ingest command, run as `xxgk` (bin/xxgk.js decides
 * before loading anything else), runs itself again in a child `node --single-threaded-gc` with the same
 * arguments and standard streams, in the same process group (a `kill -9` of the group ends both), and exits
 * with the child's status. XXGK_GC=parallel keeps V8's
 * default, in this process, for measurements.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

export const GC_FLAG = '--single-threaded-gc';

/** True when this process collects garbage on its own threads only. */
export function singleThreadedGc(): boolean {
  return process.execArgv.includes(GC_FLAG);
}

/** Whether to run the command again under GC_FLAG: only as the xxgk command itself, not inside a caller's script. */
function shouldRelaunch(): boolean {
  if (singleThreadedGc() || process.env.XXGK_GC === 'parallel') return false;
  try {
    return realpathSync(process.argv[1] ?? '').endsWith(join('bin', 'xxgk.js'));
  } catch {
    return false;
  }
}

/**
 * Runs this command again in a child with the single-threaded collector and resolves to its exit status,
 * or to undefined when the command should go on in this process.
 */
export function relaunchWithSingleThreadedGc(): Promise<number> | undefined {
  if (!shouldRelaunch()) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, GC_FLAG, ...process.argv.slice(1)], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal's process group; a signal sent to this process alone is passed on.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', forward);
  process.on('SIGHUP', forward);
  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`xxgk: could not start the ingest process: ${e.message}\n`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      process.removeListener('SIGINT', ignore);
      process.removeListener('SIGTERM', forward);
      process.removeListener('SIGHUP', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 2));
    });
  });
}
