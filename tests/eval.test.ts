/** The accuracy evaluation (npm run eval) on a small subset, so CI guards both the scorer and the figures. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesWithTruth } from '../scripts/eval/discover.js';
import { evaluate } from '../scripts/eval/run.js';
import { ROOT, SAMPLES } from './helpers/samples.js';

const SUBSET = ['real/pingchangguan-2022.txt', 'real/pingtan-2023.txt', 'real/hongze-2023.pdf', 'generated/kangxi-twin/kangxi.pdf'];

describe('npm run eval, on a subset', () => {
  const pairs = samplesWithTruth(SAMPLES).filter((p) => SUBSET.some((s) => p.input.endsWith(path.join(...s.split('/')))));

  it('finds each input with its truth', () => {
    expect(pairs.map((p) => path.relative(SAMPLES, p.input)).sort()).toEqual([...SUBSET].map((s) => path.join(...s.split('/'))).sort());
  });

  it('scores per input kind: no silent error, only the ambiguous runs flagged, the source failures recalled and attributed', async () => {
    const { rows, details } = await evaluate(pairs, ROOT);
    expect(details.map((d) => [d.input, d.score?.correct, d.score?.cells, d.score?.silentWrong, d.score?.flaggedWrong])).toEqual([
      ['samples/generated/kangxi-twin/kangxi.pdf', 200, 200, 0, 0],
      ['samples/real/hongze-2023.pdf', 186, 186, 0, 0],
      ['samples/real/pingchangguan-2022.txt', 200, 200, 0, 0],
      // 表二 行政规范性文件77132470: no identity decides the split; the three cells stay unread and flagged.
      ['samples/real/pingtan-2023.txt', 197, 200, 0, 3],
    ]);
    expect(rows.map((r) => [r.kind, r.reports, r.cells, r.silentWrong, r.identityMismatches, r.sourceFailures, r.recalled, r.attributed])).toEqual([
      ['text', 2, 400, 0, 0, 0, 0, 0],
      ['pdf-text', 2, 386, 0, 0, 2, 2, 2],
    ]);
  });
});
