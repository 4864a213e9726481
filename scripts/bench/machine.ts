/**
 * What two jobs can gain on this machine at best: the same pure CPU loop (no memory traffic, no I/O) run
 * once alone and then as two processes at once. On two real cores the second run takes as long as the
 * first (2.0×); on two hyperthreads of one core, or a host that is oversubscribed, less. Parallel figures
 * (ingest --jobs 2 / --jobs 1) are read against this ceiling.
 */
import { leastDisturbed, measureChild, type Measured } from './measure.js';

const LOOP = 'let x = 0; for (let i = 0; i < 4e8; i++) x = (x * 1103515245 + 12345) | 0; if (x === 1) console.log(x);';

export interface MachineScaling {
  one: Measured;
  two: Measured;
  /** Work done per second by two processes over one: 2 × one.seconds / two.seconds. */
  scaling: number;
}

export async function machineScaling(tries: number): Promise<MachineScaling> {
  const node = JSON.stringify(process.execPath);
  const loop = JSON.stringify(LOOP);
  const one = await leastDisturbed(tries, () => measureChild('sh', ['-c', `${node} -e ${loop}`]));
  const two = await leastDisturbed(tries, () => measureChild('sh', ['-c', `${node} -e ${loop} & ${node} -e ${loop}; wait`]));
  return { one, two, scaling: (2 * one.seconds) / two.seconds };
}
