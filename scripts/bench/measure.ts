/**
 * Timing on a shared machine. Every figure the benchmarks print carries the conditions it was taken in: the
 * 1-minute load average before and after, and the share of the machine's CPU that other processes used
 * meanwhile (from /proc/stat, less our own CPU time), because two cores shared with other engineers make a
 * ratio taken while someone compiles meaningless.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Conditions {
  /** 1-minute load average when the measurement began and ended. */
  loadBefore: number;
  loadAfter: number;
  /** Share of all cores' time (0..1) used by other processes, or stolen by the hypervisor, during the measurement. */
  othersShare: number;
}

export interface Measured extends Conditions {
  seconds: number;
  /** User + system CPU seconds of what was measured (every thread, and every child it waited for). */
  cpuSeconds: number;
  maxRssMb: number;
}

const HZ = 100; // USER_HZ: /proc/stat counts in 1/100 s on Linux

/** Busy CPU seconds of the whole machine so far (all cores), or undefined where /proc/stat is not there. */
function machineBusy(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return (user + nice + system + irq + softirq + steal) / HZ;
  } catch {
    return undefined;
  }
}

class Window {
  private readonly t0 = performance.now();
  private readonly busy0 = machineBusy();
  private readonly load0 = loadavg()[0]!;

  close(ownCpu: number): Conditions & { seconds: number } {
    const seconds = (performance.now() - this.t0) / 1000;
    const busy1 = machineBusy();
    const others = this.busy0 === undefined || busy1 === undefined ? NaN : busy1 - this.busy0 - ownCpu;
    return {
      seconds,
      loadBefore: this.load0,
      loadAfter: loadavg()[0]!,
      othersShare: Math.max(0, others / (seconds * availableParallelism())),
    };
  }
}

export interface ChildRun extends Measured {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command under `/usr/bin/time`, which reports the CPU and peak RSS of the command and its children. */
export function measureChild(cmd: string, args: string[], options: SpawnSyncOptions = {}): ChildRun {
  const w = new Window();
  const r = spawnSync('/usr/bin/time', ['-f', 'XXGK-TIME %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const stderr = String(r.stderr ?? '');
  const line = stderr.trimEnd().split('\n').at(-1) ?? '';
  const m = /^XXGK-TIME ([\d.]+) ([\d.]+) (\d+)$/.exec(line);
  if (!m) throw new Error(`${cmd}: no timing from /usr/bin/time (${r.error?.message ?? line})`);
  const cpuSeconds = Number(m[1]) + Number(m[2]);
  return {
    ...w.close(cpuSeconds),
    cpuSeconds,
    maxRssMb: Number(m[3]) / 1024,
    status: r.status,
    stdout: String(r.stdout ?? ''),
    stderr: stderr.slice(0, stderr.length - line.length).trimEnd(),
  };
}

/** CPU seconds of this process (every thread) and of the children it has waited for. */
function ownCpu(): number {
  try {
    const s = readFileSync('/proc/self/stat', 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14-17 of stat(5) (utime stime cutime cstime), counted from the state field (3) here.
    return (f[11]! + f[12]! + f[13]! + f[14]!) / HZ;
  } catch {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  }
}

/** Times work done inside this process, with the children it runs and waits for (spawnSync). */
export async function measureHere<T>(work: () => T | Promise<T>): Promise<{ value: T } & Measured> {
  const w = new Window();
  const cpu0 = ownCpu();
  const value = await work();
  const cpuSeconds = ownCpu() - cpu0;
  return { value, ...w.close(cpuSeconds), cpuSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Above this share of the machine taken by others a measurement is repeated (see `leastDisturbed`). */
export const BUSY_SHARE = 0.15;

/** The share of the machine others took; without /proc/stat there is nothing to judge by (0). */
const share = (c: Conditions) => (Number.isNaN(c.othersShare) ? 0 : c.othersShare);

/**
 * Takes a measurement, and again (up to `tries` times in all) while other processes used more than
 * BUSY_SHARE of the machine during it; keeps the least disturbed one.
 */
export async function leastDisturbed<T extends Conditions>(tries: number, take: () => T | Promise<T>): Promise<T & { tries: number }> {
  let best: T | undefined;
  let n = 0;
  while (n < tries) {
    n++;
    const m = await take();
    if (best === undefined || share(m) < share(best)) best = m;
    if (share(best) <= BUSY_SHARE) break;
  }
  return { ...best!, tries: n };
}

/**
 * Measurements to be set against each other, taken in turns (a b c, a b c, ...) for `rounds` rounds so a
 * machine that speeds up or slows down over minutes weighs on each alike; for each, the fastest run among
 * those no more than BUSY_SHARE disturbed (else the least disturbed). `tries` counts the runs made.
 */
export async function fastestInTurns<const K extends readonly (() => Measured | Promise<Measured>)[]>(rounds: number, takers: K): Promise<Fastest<K>> {
  const runs: Measured[][] = takers.map(() => []);
  for (let r = 0; r < rounds; r++) for (const [i, take] of takers.entries()) runs[i]!.push(await take());
  return runs.map((list) => {
    const calm = list.filter((m) => share(m) <= BUSY_SHARE);
    const pick = calm.length > 0 ? calm.reduce((a, b) => (b.seconds < a.seconds ? b : a)) : list.reduce((a, b) => (share(b) < share(a) ? b : a));
    return { ...pick, tries: list.length };
  }) as Fastest<K>;
}

/** Each taker's measurement, with the number of runs made. */
type Fastest<K extends readonly unknown[]> = { [I in keyof K]: K[I] extends () => infer R ? Awaited<R> & { tries: number } : never };

/** "load 0.42→1.37, others 3%" */
export function conditions(c: Conditions): string {
  const others = Number.isNaN(c.othersShare) ? '?' : `${Math.round(100 * c.othersShare)}%`;
  return `load ${c.loadBefore.toFixed(2)}→${c.loadAfter.toFixed(2)}, others ${others}`;
}
