/**
 * What two jobs can gain on this machine at best: the same loop run once alone and then as two processes at
 * once, in two kinds:
 * - a pure CPU loop (no memory traffic, no I/O): on two real cores the second run takes as long as the first
 *   (2.0×); on two hyperthreads of one core, or an oversubscribed host, less;
 * - a memory-bound loop (one byte of every cache line of a 256 MB buffer, read and written): what two jobs get
 *   when both wait on memory, as parsers and garbage collectors do. Shared caches and memory bandwidth set it.
 * Parallel figures (ingest --jobs 2 / --jobs 1) are read against these two ceilings.
 */
import { leastDisturbed, measureChild, type Measured } from './measure.js';

const LOOPS = {
  cpu: 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x * 1103515245 + 12345) | 0; if (x === 1) console.log(x);',
  memory:
    'const a = new Uint8Array(256 << 20).fill(1); let s = 0; for (let r = 0; r < 24; r++) for (let i = 0; i < a.length; i += 64) { s = (s + a[i]) | 0; a[i] = s; } if (s === 1) console.log(s);',
};

export interface Scaling {
  one: Measured;
  two: Measured;
  /** Work done per second by two processes over one: 2 × one.seconds / two.seconds. */
  scaling: number;
}

export interface MachineScaling {
  cpu: Scaling;
  memory: Scaling;
}

async function scaling(loop: string, tries: number): Promise<Scaling> {
  const node = JSON.stringify(process.execPath);
  const code = JSON.stringify(loop);
  const one = await leastDisturbed(tries, () => measureChild('sh', ['-c', `${node} -e ${code}`]));
  const two = await leastDisturbed(tries, () => measureChild('sh', ['-c', `${node} -e ${code} & ${node} -e ${code}; wait`]));
  return { one, two, scaling: (2 * one.seconds) / two.seconds };
}

export async function machineScaling(tries: number): Promise<MachineScaling> {
  return { cpu: await scaling(LOOPS.cpu, tries), memory: await scaling(LOOPS.memory, tries) };
}
