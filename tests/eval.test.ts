/**
 * The accuracy evaluation (npm run eval) on a subset, so CI guards both the scorer and the figures: real
 * reports, and generated ones covering the layouts the corpus found failures in (法人 subtotal column,
 * 小计 rows, repeated headers, one-character-per-line headers, prose before 表四, layout text, crawled
 * runs) and injected inconsistencies.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesWithTruth } from '../scripts/eval/discover.js';
import { evaluate } from '../scripts/eval/run.js';
import { ROOT, SAMPLES } from './helpers/samples.js';

const GENERATED = [
  'r000-gb2021-county.pdf', // 小计 rows, header repeated inside a wrapped label
  'r004-gb2021-township.pdf', // 8 columns, header one character per line, blanks
  'r013-gb2021-city.txt', // 8 columns, spaced text
  'r009-gb2021-province.txt', // layout text: blanks are only spaces; 表四 header on two lines
  'r010-gb2019-township.txt', // crawled runs; injected: （七）总计 leaves out a row
  'r031-gb2021-county.pdf', // injected: two cells swapped; 8 columns
  'r038-gb2021-department.html', // injected: a 表四 total leaves out a part
  'r065-gb2021-county.pdf', // prose before 表四, group labels repeated after a page break
].map((f) => `generated/corpus/${f}`);
const SUBSET = ['real/pingchangguan-2022.txt', 'real/pingtan-2023.txt', 'real/hongze-2023.pdf', 'generated/kangxi-twin/kangxi.pdf', ...GENERATED];

describe('npm run eval, on a subset', () => {
  const pairs = samplesWithTruth(SAMPLES).filter((p) => SUBSET.some((s) => p.input.endsWith(path.join(...s.split('/')))));

  it('finds each input with its truth', () => {
    expect(pairs.map((p) => path.relative(SAMPLES, p.input)).sort()).toEqual([...SUBSET].map((s) => path.join(...s.split('/'))).sort());
  });

  it('scores per input kind: no silent error, only the ambiguous runs flagged, the source failures recalled and attributed', async () => {
    const { rows, details } = await evaluate(pairs, ROOT);
    expect(details.map((d) => [d.input, d.kind, d.score?.correct, d.score?.cells, d.score?.silentWrong, d.score?.flaggedWrong])).toEqual([
      ['samples/generated/corpus/r000-gb2021-county.pdf', 'pdf-text', 228, 228, 0, 0],
      ['samples/generated/corpus/r004-gb2021-township.pdf', 'pdf-text', 225, 225, 0, 0],
      ['samples/generated/corpus/r009-gb2021-province.txt', 'text', 200, 200, 0, 0],
      // 表二 runs with several readings (行政许可 0+7112, 行政强制 1+160, 采购 254.3705万元): unread, flagged.
      ['samples/generated/corpus/r010-gb2019-township.txt', 'text-runs', 190, 198, 0, 8],
      ['samples/generated/corpus/r013-gb2021-city.txt', 'text', 225, 225, 0, 0],
      ['samples/generated/corpus/r031-gb2021-county.pdf', 'pdf-text', 225, 225, 0, 0],
      ['samples/generated/corpus/r038-gb2021-department.html', 'html', 200, 200, 0, 0],
      ['samples/generated/corpus/r065-gb2021-county.pdf', 'pdf-text', 253, 253, 0, 0],
      ['samples/generated/kangxi-twin/kangxi.pdf', 'pdf-text', 200, 200, 0, 0],
      ['samples/real/hongze-2023.pdf', 'pdf-text', 186, 186, 0, 0],
      ['samples/real/pingchangguan-2022.txt', 'text', 200, 200, 0, 0],
      // 表二 行政规范性文件77132470: no identity decides the split; the three cells stay unread and flagged.
      ['samples/real/pingtan-2023.txt', 'text-runs', 197, 200, 0, 3],
    ]);
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, [r.reports, r.silentWrong, r.identityMismatches, r.sourceFailures, r.recalled, r.attributed]]));
    expect(byKind).toEqual({
      // hongze-2023's two 表四 failures; r031's swap (two row totals fail).
      'pdf-text': [6, 0, 0, 4, 4, 4],
      text: [3, 0, 0, 0, 0, 0],
      // r010's 总计 that leaves out a row: 4 identities fail, named as the document's.
      'text-runs': [2, 0, 0, 4, 4, 4],
      html: [1, 0, 0, 1, 1, 1],
    });
  });
});
