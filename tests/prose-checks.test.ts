/** Figures quoted in the prose against the tables (P-*): warnings with both numbers, never errors. */
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../src/pipeline/extract.js';
import { readSample } from './helpers/samples.js';

const prose = async (name: string) =>
  (await extractRecord(new Uint8Array(readSample(name)), name)).checks
    .filter((c) => c.id.startsWith('P-') || c.id === 'T4-PENDING-VS-PROSE')
    .map((c) => [c.id, c.severity, c.status, c.left, c.right]);

describe('P-* checks on real reports', () => {
  it('pingtan-2023: every figure section 一 quotes agrees with the tables', async () => {
    expect(await prose('pingtan-2023.txt')).toEqual([
      ['P-NEW-RECEIVED', 'warning', 'pass', 81, 81],
      ['P-GRANTED', 'warning', 'pass', 42, 42],
      ['P-DENIED', 'warning', 'pass', 5, 5],
      ['P-UNABLE', 'warning', 'pass', 31, 31],
      ['P-NOT-PROCESSED', 'warning', 'pass', 1, 1],
      ['P-OTHER-HANDLING', 'warning', 'pass', 2, 2],
      ['P-REVIEW', 'warning', 'pass', 2, 2],
      ['P-LITIGATION', 'warning', 'pass', 7, 7],
    ]);
  });

  it('pingtan-2022: 收到75件 counts new requests plus the carried-over one (74 + 1)', async () => {
    expect(await prose('pingtan-2022.txt')).toEqual([
      ['P-NEW-RECEIVED', 'warning', 'pass', 75, 75],
      ['P-REVIEW', 'warning', 'pass', 2, 2],
      ['P-LITIGATION', 'warning', 'pass', 1, 1],
    ]);
  });

  it('shanghai-office-2019: the two figures its prose really contradicts, and 均获维持 against pending cases', async () => {
    const failing = (await prose('shanghai-office-2019.html')).filter((c) => c[2] === 'fail');
    expect(failing).toEqual([
      ['P-GRANTED', 'warning', 'fail', 258, 275],
      ['P-UNABLE', 'warning', 'fail', 265, 337],
      ['T4-PENDING-VS-PROSE', 'warning', 'fail', 0, 3],
    ]);
  });

  it('hongze-2024: the prose counts one office (17), the table the whole district (95)', async () => {
    expect(await prose('hongze-2024.pdf')).toEqual([['P-NEW-RECEIVED', 'warning', 'fail', 17, 95]]);
  });
});
