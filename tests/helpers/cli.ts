import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './samples.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command line (`npm test` builds first), as a user would. */
export function xxgk(args: string[], input?: Buffer | string): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'xxgk.js'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
