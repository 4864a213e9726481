/**
 * The real reports against their hand-checked truth files (samples/truth): every value, blank versus 0,
 * the template, title, agency and year, and exactly the hard identities the document itself breaks.
 */
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../src/pipeline/extract.js';
import { isHardIdentity } from '../src/checks/index.js';
import { ReportRecord } from '../src/model/record.js';
import { cellAt, readSample, readTruth, truthCells } from './helpers/samples.js';

/**
 * Rows of table 二 printed as one run of digits with no identity to choose a split: the program must leave
 * them unread and list the readings (the truth's among them), never guess. Read from each document's run.
 */
const UNRESOLVED_TABLE2: Record<string, string[]> = {
  'pingtan-2019.txt': ['normativeDocuments', 'licensing', 'otherServices', 'penalties', 'coercion', 'fees', 'procurement'],
  'pingtan-2021.txt': ['normativeDocuments'],
  'pingtan-2022.txt': ['normativeDocuments'],
  'pingtan-2023.txt': ['normativeDocuments'],
  'pingtan-2024.txt': ['normativeDocuments'],
  'pingtan-2025.txt': ['normativeDocuments'],
};

const TEMPLATE_SAMPLES = [
  'hongze-2023.pdf',
  'hongze-2024.pdf',
  'huaian-2024.pdf',
  'pingchangguan-2022.txt',
  'pingtan-2019.txt',
  'pingtan-2021.txt',
  'pingtan-2022.txt',
  'pingtan-2023.txt',
  'pingtan-2024.txt',
  'pingtan-2025.txt',
  'pingtan-2023.html',
  'pingtan-2025.html',
  'shanghai-office-2019.html',
  'template-2021-blank.docx',
];

describe.each(TEMPLATE_SAMPLES)('%s', (name) => {
  const truth = readTruth(name);
  const recordP = extractRecord(new Uint8Array(readSample(name)), name);
  const unresolvedRows = UNRESOLVED_TABLE2[name] ?? [];
  const isUnresolved = (path: string) => unresolvedRows.some((r) => path.startsWith(`activeDisclosure.${r}.`));

  it('matches the schema', async () => {
    const r = await recordP;
    expect(() => ReportRecord.parse(r)).not.toThrow();
  });

  it('has the truth template, year, agency and title', async () => {
    const r = await recordP;
    expect({ template: r.template, year: r.year, agency: r.agency, title: r.title }).toEqual({
      template: truth.template,
      year: truth.year,
      agency: truth.agency,
      title: truth.title,
    });
  });

  it('gives every decidable cell its truth value', async () => {
    const r = await recordP;
    const wrong = truthCells(truth)
      .filter(([path]) => !truth.uncertain.includes(path) && !isUnresolved(path))
      .filter(([path, want]) => cellAt(r, path)?.value !== want)
      .map(([path, want]) => `${path}: got ${JSON.stringify(cellAt(r, path)?.value)} want ${want}`);
    expect(wrong).toEqual([]);
  });

  it('leaves ambiguous runs unread, flagged, with the true reading among the candidates', async () => {
    const r = await recordP;
    for (const row of unresolvedRows) {
      const want = Object.values(truth.activeDisclosure![row]!);
      const cells = Object.values(r.tables.activeDisclosure![row]!);
      expect(cells.map((c) => [c.value, c.kind])).toEqual(want.map(() => [null, 'text']));
      const warning = r.warnings.find(
        (w) => w.code === 'DIGIT_RUN_UNRESOLVED' && w.cells?.[0] === `activeDisclosure.${row}.${Object.keys(truth.activeDisclosure![row]!)[0]}`,
      );
      expect(warning?.candidates).toContainEqual(want);
    }
    const unresolved = r.warnings.filter((w) => w.code === 'DIGIT_RUN_UNRESOLVED').flatMap((w) => w.cells ?? []);
    expect(unresolved.every(isUnresolved)).toBe(true);
  });

  it('fails exactly the identities the document breaks, and evaluates all of them', async () => {
    const r = await recordP;
    const hard = r.checks.filter((c) => isHardIdentity(c.id));
    const rows = Object.keys(r.tables.requests!.rows).length;
    expect(hard).toHaveLength(7 + 7 + rows + 3);
    expect(hard.filter((c) => c.status === 'fail').map((c) => c.id).sort()).toEqual([...truth.sourceFailures].sort());
    // A string there says it in words ("all hard identities (every cell blank)").
    const unknown = typeof truth.unknownChecks === 'string' ? hard.map((c) => c.id) : (truth.unknownChecks ?? []);
    expect(hard.filter((c) => c.status === 'unknown').map((c) => c.id).sort()).toEqual([...unknown].sort());
  });
});

describe.each(TEMPLATE_SAMPLES.filter((n) => n.endsWith('.txt')))('%s offsets', (name) => {
  const truth = readTruth(name);
  const recordP = extractRecord(readSample(name), name);
  it('points every read value back to its place in the source text', async () => {
    const r = await recordP;
    const text = new TextDecoder().decode(readSample(name));
    const misplaced = truthCells(truth)
      .map(([path]) => [path, cellAt(r, path)] as const)
      .filter(([, c]) => c?.kind === 'number')
      .filter(([, c]) => text.slice(c!.offset!, c!.offset! + c!.raw.length) !== c!.raw)
      .map(([path]) => path);
    expect(misplaced).toEqual([]);
  });
});

describe('pingchangguan-2022.txt (the seed)', () => {
  const name = 'pingchangguan-2022.txt';
  const recordP = extractRecord(readSample(name), name);

  it('passes all 42 hard identities with every value 0', async () => {
    const r = await recordP;
    const hard = r.checks.filter((c) => isHardIdentity(c.id));
    expect(hard).toHaveLength(42);
    expect(hard.every((c) => c.status === 'pass')).toBe(true);
    expect(r.checks.find((c) => c.id === 'T3-ALL-ZERO')?.status).toBe('fail');
  });

  it('replaces 218 radicals and leaves none in the output', async () => {
    const r = await recordP;
    expect(r.normalization).toEqual({ replaced: 218, byClass: { kangxi: 201, radicalSupplement: 17 } });
    expect(JSON.stringify(r)).not.toMatch(/[\u2e80-\u2fdf]/u);
  });

  it('splits the six sections', async () => {
    const r = await recordP;
    expect(r.sections.map((s) => [s.number, s.title])).toEqual([
      [1, '一、总体情况'],
      [2, '二、主动公开政府信息情况'],
      [3, '三、收到和处理政府信息公开申请情况'],
      [4, '四、政府信息公开行政复议、行政诉讼情况'],
      [5, '五、存在的主要问题及改进情况'],
      [6, '六、其他需要报告的事项'],
    ]);
    expect(r.sections[5]!.text).toBe('本年度政府信息公开信息处理费用为0');
  });
});

describe('digits run together (pingtan-2023.txt)', () => {
  it('marks split values reconstructed and leaves separated ones as read', async () => {
    const name = 'pingtan-2023.txt';
    const r = await extractRecord(readSample(name), name);
    const rows = r.tables.requests!.rows;
    // 一、本年新收…801000081 → 80 1 0 0 0 0 81
    expect(Object.values(rows.newReceived!).map((c) => [c.value, c.raw, c.reconstructed])).toEqual([
      [80, '80', true],
      [1, '1', true],
      [0, '0', true],
      [0, '0', true],
      [0, '0', true],
      [0, '0', true],
      [81, '81', true],
    ]);
    expect(r.warnings.map((w) => w.code)).toContain('DIGITS_RUN_TOGETHER');
    const seed = await extractRecord(readSample('pingchangguan-2022.txt'), 'seed');
    expect(JSON.stringify(seed.tables)).not.toContain('reconstructed');
  });
});

describe('pingtan-2013.txt (before the national template)', () => {
  it('has template none, no tables and no checks', async () => {
    const name = 'pingtan-2013.txt';
    const truth = readTruth(name);
    const r = await extractRecord(readSample(name), name);
    expect(r.template).toBe(truth.template);
    expect(r.year).toBe(truth.year);
    expect(r.tables).toEqual({ activeDisclosure: null, requests: null, reviewLitigation: null });
    expect(r.checks).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('NO_TEMPLATE');
  });
});

describe('template-2021-blank.docx (the official blank form)', () => {
  it('gb2021, all three tables found, every cell blank, no failing check', async () => {
    const name = 'template-2021-blank.docx';
    const r = await extractRecord(new Uint8Array(readSample(name)), name);
    expect(r.template).toBe('gb2021');
    const { activeDisclosure, requests, reviewLitigation } = r.tables;
    const cells = [
      ...Object.values(activeDisclosure!).flatMap((row) => Object.values(row)),
      ...Object.values(requests!.rows).flatMap((row) => Object.values(row)),
      ...Object.values(reviewLitigation!).flatMap((row) => Object.values(row)),
    ];
    expect(cells).toHaveLength(10 + 175 + 15);
    expect(new Set(cells.map((c) => `${c.value}/${c.kind}`))).toEqual(new Set(['null/blank']));
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });
});
