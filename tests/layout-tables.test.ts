/**
 * Table builders on a positioned document (what the PDF and OCR extractors produce): values are placed
 * in columns by x, so a blank cell stays blank instead of shifting its neighbours.
 */
import { describe, expect, it } from 'vitest';
import type { Item, Line, PositionedDocument } from '../src/model/document.js';
import { buildRecord } from '../src/pipeline/build-record.js';
import { REQUEST_COLUMNS, requestRows } from '../src/template/templates.js';
import { keyStream } from '../src/layout/keyed.js';
import { locateLabels } from '../src/tables/labels.js';

const X = [300, 330, 360, 390, 420, 450, 480]; // column centres of 表三

/** A line of items laid out left to right at height y; `null` prints nothing in that column. */
function row(y: number, label: string, values: (number | null)[], xs = X): Line {
  const items: Item[] = [{ text: label, box: [80, y, 80 + label.length * 9, y + 9] }];
  values.forEach((v, i) => {
    if (v === null) return;
    const w = String(v).length * 6;
    items.push({ text: String(v), box: [xs[i]! - w / 2, y, xs[i]! + w / 2, y + 12] });
  });
  return { items };
}

function doc(lines: Line[]): PositionedDocument {
  return {
    source: { path: 'synthetic.pdf', sha256: '', mediaType: 'application/pdf', extractor: 'pdf-text', pages: 1 },
    pages: [{ number: 1, width: 595, height: 842, lines }],
    warnings: [],
  };
}

const header: Line = {
  items: REQUEST_COLUMNS.map((c, i) => ({ text: c.label, box: [X[i]! - 10, 700, X[i]! + 10, 710] as [number, number, number, number] })),
};

describe('表三 from positioned items', () => {
  const rows = requestRows('split');
  const values = (i: number): (number | null)[] => (i === 0 ? [5, null, 1, null, null, null, 6] : [0, 0, 0, 0, 0, 0, 0]);
  const lines: Line[] = [
    { items: [{ text: '三、收到和处理政府信息公开申请情况', box: [80, 750, 300, 766] }] },
    header,
    ...rows.map((r, i) => row(680 - i * 20, r.group && r.label.startsWith('1.') ? `${r.group}${r.label}` : r.label, values(i))),
    { items: [{ text: '四、政府信息公开行政复议、行政诉讼情况', box: [80, 100, 300, 116] }] },
  ];
  const record = buildRecord(doc(lines), { replaced: 0, byClass: {} });

  it('keeps blank cells blank and every value in its own column', () => {
    const r = record.tables.requests!.rows.newReceived!;
    expect(REQUEST_COLUMNS.map((c) => [r[c.key]!.value, r[c.key]!.kind])).toEqual([
      [5, 'number'],
      [null, 'blank'],
      [1, 'number'],
      [null, 'blank'],
      [null, 'blank'],
      [null, 'blank'],
      [6, 'number'],
    ]);
  });

  it('gives every value its page and box', () => {
    const c = record.tables.requests!.rows.newReceived!.total!;
    expect(c.page).toBe(1);
    expect(c.bbox).toEqual([477, 680, 483, 692]);
  });

  it('evaluates the row with its blanks as unknown, passing if blanks were 0', () => {
    const check = record.checks.find((c) => c.id === 'T3-ROW-TOTAL.newReceived')!;
    expect([check.status, check.ifBlankZero]).toEqual(['unknown', 'pass']);
  });
});

describe('locateLabels', () => {
  it('ends the row above at the next label even when its ordinal runs into the digits', () => {
    const text = '1.本机关不掌握相关政府信息2200003252.没有现成信息需要另行制作0000000';
    const rows = requestRows('split').filter((r) => r.key.startsWith('unableToProvide'));
    const found = locateLabels(text, keyStream(text), rows, 0, text.length);
    expect(found.map((l) => text.slice(l.end, found[found.indexOf(l) + 1]?.start ?? text.length))).toEqual([
      '220000325',
      '0000000',
    ]);
  });

  it('finds a label printed with a typo between its neighbours', () => {
    const text = '1.属于国家秘密 1 0 0 0 0 0 1\n2.其他法律行政止公开 0 0 0 0 0 0 0\n3.危及“三安全一稳定” 0';
    const rows = requestRows('split').filter((r) => r.key.startsWith('denied')).slice(0, 3);
    const found = locateLabels(text, keyStream(text), rows, 0, text.length);
    expect(found.map((l) => [l.key, text.slice(l.start, l.end).trim()])).toEqual([
      ['denied.stateSecret', '1.属于国家秘密'],
      ['denied.prohibitedByLaw', '2.其他法律行政止公开'],
      ['denied.threeSecurities', '3.危及“三安全一稳定”'],
    ]);
  });
});
