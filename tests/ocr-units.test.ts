/**
 * The OCR pieces that need no OCR engine: ruling lines and cell grids, skew, digit holes, label snapping,
 * routing and merging, and the identity-driven repair of digit confusions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { createGray, rotateSmall, binarize, type Gray } from '../extractors/ocr/image.js';
import { findRules, findTables } from '../extractors/ocr/grid.js';
import { estimateSkew, isSideways } from '../extractors/ocr/skew.js';
import { fitsGlyphs, holesFit, holesOf } from '../extractors/ocr/number.js';
import { cellInk } from '../extractors/ocr/ink.js';
import { dropStrayMarks, joinCjk, snapLabel } from '../extractors/ocr/text.js';
import { parseTsvLines, parseTsvWords } from '../extractors/ocr/tsv.js';
import { mergeTables, ocrTargets } from '../extractors/ocr/route.js';
import type { Line, Page } from '../src/model/document.js';
import { extractRecord } from '../src/pipeline/extract.js';
import { repairOcrDigits, swaps } from '../src/pipeline/ocr-repair.js';
import type { ReportRecord } from '../src/model/record.js';
import { cellAt } from '../src/checks/cells.js';
import { readSample } from './helpers/samples.js';

// ---------------------------------------------------------------------------------------------------------
// Drawing helpers: 4 px per point (288 dpi), black on white.

const S = 4;

function rect(img: Gray, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(img.height, Math.round(y1)); y++) {
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(img.width, Math.round(x1)); x++) img.data[y * img.width + x] = v;
  }
}

function hline(img: Gray, y: number, x0: number, x1: number): void {
  rect(img, x0, y - 1, x1, y + 1);
}
function vline(img: Gray, x: number, y0: number, y1: number): void {
  rect(img, x - 1, y0, x + 1, y1);
}

/** A 0-like ring, a 1-like bar, an 8-like double ring: glyphs for the hole tests. */
function ring(img: Gray, cx: number, cy: number, rx: number, ry: number, t: number): void {
  for (let y = Math.floor(cy - ry - 1); y <= cy + ry + 1; y++) {
    for (let x = Math.floor(cx - rx - 1); x <= cx + rx + 1; x++) {
      const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
      if (d <= 1 && d >= 1 - t / Math.min(rx, ry)) img.data[y * img.width + x] = 0;
    }
  }
}

/**
 * A ruled table like 表三's top: a header row whose first cell spans two rows, a cell spanning two
 * columns below it, and a body of 3 × 4 cells.
 */
function drawTable(): Gray {
  const img = createGray(400 * S, 300 * S);
  const X = [40, 160, 200, 240, 280].map((v) => v * S);
  const Y = [40, 60, 80, 100, 120, 140].map((v) => v * S);
  for (const y of [Y[0]!, Y[2]!, Y[3]!, Y[4]!, Y[5]!]) hline(img, y, X[0]!, X[4]!);
  hline(img, Y[1]!, X[1]!, X[4]!); // the first header cell spans rows 0–1
  for (const x of X) vline(img, x, Y[0]!, Y[5]!);
  // Row 2's first two columns are one cell: remove the line between them there.
  rect(img, X[1]! - 1, Y[2]! + 2, X[1]! + 1, Y[3]! - 2, 255);
  // Some print inside cells (blocks, short of any ruling-line length).
  rect(img, 60 * S, 105 * S, 64 * S, 114 * S);
  return img;
}

describe('ruled tables from the page image', () => {
  it('finds the grid, its spans, and nothing else', () => {
    const img = drawTable();
    const ink = binarize(img, 128);
    const tables = findTables(findRules(ink, img.width, img.height, { scale: S }), { scale: S });
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.xs.map((x) => Math.round(x / S))).toEqual([40, 160, 200, 240, 280]);
    expect(t.ys.map((y) => Math.round(y / S))).toEqual([40, 60, 80, 100, 120, 140]);
    const spans = t.cells.map((c) => [c.r0, c.r1, c.c0, c.c1]);
    expect(spans).toContainEqual([0, 1, 0, 0]); // rowspan
    expect(spans).toContainEqual([2, 2, 0, 1]); // colspan
    // Row 0: the spanning cell and 3; row 1: 3; row 2: the wide cell and 2; rows 3 and 4: 4 each.
    expect(t.cells).toHaveLength(4 + 3 + 3 + 4 + 4);
  });

  it('reads a cell with no print as empty and a speck as nothing', () => {
    const img = drawTable();
    rect(img, 250 * S, 127 * S, 250 * S + 2, 127 * S + 2); // a speck of dust in the last body cell
    const ink = binarize(img, 128);
    const empty = cellInk(ink, img.width, { x0: 241 * S, y0: 121 * S, x1: 279 * S, y1: 139 * S }, S);
    expect(empty.kind).toBe('empty');
    const printed = cellInk(ink, img.width, { x0: 41 * S, y0: 101 * S, x1: 159 * S, y1: 119 * S }, S);
    expect(printed.kind).not.toBe('empty');
  });

  it('ignores the frames of large print (口 in a title is no table)', () => {
    const img = createGray(200 * S, 100 * S);
    // A 20 pt square: long enough strokes, too small a frame.
    hline(img, 20 * S, 20 * S, 40 * S);
    hline(img, 40 * S, 20 * S, 40 * S);
    vline(img, 20 * S, 20 * S, 40 * S);
    vline(img, 40 * S, 20 * S, 40 * S);
    const ink = binarize(img, 128);
    expect(findTables(findRules(ink, img.width, img.height, { scale: S }), { scale: S })).toEqual([]);
  });
});

describe('page orientation', () => {
  it('measures a slight skew and the sideways page', () => {
    const img = drawTable();
    // Lines of "text" under the table.
    for (let k = 0; k < 12; k++) for (let c = 0; c < 30; c++) rect(img, (40 + c * 8) * S, (160 + k * 10) * S, (46 + c * 8) * S, (166 + k * 10) * S);
    expect(Math.abs(estimateSkew(img))).toBeLessThan(0.05);
    expect(estimateSkew(rotateSmall(img, 0.6))).toBeCloseTo(0.6, 1);
    expect(estimateSkew(rotateSmall(img, -0.45))).toBeCloseTo(-0.45, 1);
    expect(isSideways(img)).toBe(false);
    const turned = createGray(img.height, img.width);
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) turned.data[x * turned.width + (img.height - 1 - y)] = img.data[y * img.width + x]!;
    expect(isSideways(turned)).toBe(true);
  });
});

describe('digit glyphs: holes and widths', () => {
  const glyph = (draw: (img: Gray) => void) => {
    const img = createGray(40, 50);
    draw(img);
    const ink = binarize(img, 128);
    const found = cellInk(ink, img.width, { x0: 1, y0: 1, x1: 39, y1: 49 }, 1);
    const g = found.blobs.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1), area: a.area + b.area }));
    return holesOf(img, g);
  };
  const zero = glyph((img) => ring(img, 20, 25, 9, 15, 3));
  const one = glyph((img) => rect(img, 18, 10, 23, 40));
  const eight = glyph((img) => {
    ring(img, 20, 17, 8, 7, 3);
    ring(img, 20, 32, 9, 8, 3);
  });
  const six = glyph((img) => {
    ring(img, 20, 31, 9, 9, 3);
    rect(img, 11, 12, 14, 31);
  });

  it('counts holes where they are', () => {
    expect(zero.count).toBe(1);
    expect(eight.count).toBe(2);
    expect(one.count).toBe(0);
    expect(six.count).toBe(1);
    expect(six.holes[0]!.y).toBeGreaterThan(0.55);
  });

  it('accepts a digit only where its holes fit', () => {
    expect(holesFit('0', zero)).toBe(true);
    expect(holesFit('8', zero)).toBe(false);
    expect(holesFit('8', eight)).toBe(true);
    expect(holesFit('0', eight)).toBe(false);
    expect(holesFit('1', one)).toBe(true);
    expect(holesFit('7', one)).toBe(false); // too narrow for anything but a 1
    expect(holesFit('6', six)).toBe(true);
    expect(holesFit('5', six)).toBe(false);
    expect(holesFit('0', six)).toBe(false);
    expect(fitsGlyphs('10', [one, zero])).toBe(true);
    expect(fitsGlyphs('1', [one, zero])).toBe(false); // a digit lost
    expect(fitsGlyphs('18', [one, zero])).toBe(false);
  });
});

describe('OCR text', () => {
  it('drops the spaces tesseract puts between Chinese characters, keeps those between numbers', () => {
    expect(joinCjk('一 、 本 年 新 收 政 府 信 息 公 开 申 请 数 量')).toBe('一、本年新收政府信息公开申请数量');
    expect(joinCjk('2023 年 收 到 21 件')).toBe('2023年收到21件');
    expect(joinCjk('21  0 4')).toBe('21 0 4');
  });

  it('snaps near-miss labels to the template, and only those', () => {
    expect(snapLabel('〈一)子以公开').text).toBe('（一）予以公开');
    expect(snapLabel('2.其他法律行政法规禁止公开').text).toBe('2.其他法律行政法规禁止公开');
    expect(snapLabel('尚未宙结')).toEqual({ text: '尚未审结', snapped: true });
    expect(snapLabel('洪泽区人民政府').snapped).toBe(false);
  });

  it('drops Latin marks read inside a Chinese word (a header printed one character per line), and only there', () => {
    // r013's scan: 表四's 总计 headers, 总 / 计 in a narrow cell, read as 总/\计 and 癌/CS计.
    expect(dropStrayMarks('总/\\计')).toBe('总计');
    expect(dropStrayMarks('癌/CS计')).toBe('癌计');
    expect(dropStrayMarks('A区政府 123')).toBe('A区政府 123');
    expect(dropStrayMarks('本机关ABCD信息')).toBe('本机关ABCD信息');
  });

  it('snaps a wrapped label read without its last line to the label, only when the cell has several lines', () => {
    // r000's scan: 6.属于四类过程性 / 信息 in two lines, read as 6.属全四类过程性.
    expect(snapLabel('6.属全四类过程性', { wrapped: true })).toEqual({ text: '6.属于四类过程性信息', snapped: true });
    expect(snapLabel('6.属全四类过程性')).toEqual({ text: '6.属全四类过程性', snapped: false });
    expect(snapLabel('5.属于三类内部', { wrapped: true }).text).toBe('5.属于三类内部事务信息');
    // Less than half of any label, or nearer no single beginning: left as read.
    expect(snapLabel('属于', { wrapped: true }).snapped).toBe(false);
    expect(snapLabel('洪泽区人民政府', { wrapped: true }).snapped).toBe(false);
  });

  it('reads tesseract TSV into words and lines', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\t0',
      '5\t1\t1\t1\t1\t2\t60\t20\t30\t40\t88\t21',
      '5\t1\t1\t1\t2\t1\t10\t80\t30\t40\t70\t总计',
    ].join('\n');
    expect(parseTsvWords(tsv).map((w) => [w.text, w.confidence, w.x0, w.x1])).toEqual([
      ['0', 91.5, 10, 40],
      ['21', 88, 60, 90],
      ['总计', 70, 10, 40],
    ]);
    expect(parseTsvLines(tsv).map((l) => [l.words.join(' '), l.x0, l.y0, l.x1, l.y1])).toEqual([
      ['0 21', 10, 20, 90, 60],
      ['总计', 10, 80, 40, 120],
    ]);
  });
});

describe('routing and merging', () => {
  const pages: Page[] = [1, 2, 3, 4].map((number) => ({ number, width: 595, height: 842, lines: [] }));
  const warnings = [
    { code: 'TEXT_LAYER_UNUSABLE', message: 'x', page: 2 },
    { code: 'TABLE_IS_IMAGE', message: 'y', page: 4 },
  ];

  it('auto reads exactly the unusable pages (whole) and the image tables (tables only)', () => {
    expect(ocrTargets('auto', pages, warnings)).toEqual([
      { page: 2, scope: 'page' },
      { page: 4, scope: 'tables' },
    ]);
    expect(ocrTargets('always', pages, warnings).map((t) => t.scope)).toEqual(['page', 'page', 'page', 'page']);
    expect(ocrTargets('never', pages, warnings)).toEqual([]);
  });

  it('puts OCR table rows in place of the text layer inside the table area, in reading order', () => {
    const line = (text: string, top: number): Line => ({ items: [{ text, box: [72, top - 12, 300, top] }] });
    const text = [line('三、收到和处理政府信息公开申请情况', 700), line('stray text inside the image', 500), line('四、…', 300)];
    const rows = [line('一、本年新收政府信息公开申请数量 21', 640), line('二、上年结转政府信息公开申请数量 0', 620)];
    const merged = mergeTables(text, rows, [[60, 400, 540, 660]]);
    expect(merged.map((l) => l.items[0]!.text)).toEqual([
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量 21',
      '二、上年结转政府信息公开申请数量 0',
      '四、…',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Repair: a text-layer record made to look like an OCR reading with one confused digit.

async function record(name: string): Promise<ReportRecord> {
  return extractRecord(new Uint8Array(readSample(name)), name, { ocr: 'never' });
}

/** The record with one cell as OCR might have read it, and its checks evaluated again. */
async function misread(name: string, path: string, raw: string, confidence: number): Promise<ReportRecord> {
  const r = await record(name);
  const tables = structuredClone(r.tables);
  const cell = cellAt(tables, path)!;
  cell.raw = raw;
  cell.value = Number(raw);
  cell.confidence = confidence;
  const { runChecks, proseChecks } = await import('../src/checks/index.js');
  return { ...r, tables, checks: [...runChecks('gb2021', tables), ...proseChecks(r.sections, tables)] };
}

describe('repairing digit confusions with the identities', () => {
  it('lists the swaps of confused digits', () => {
    expect(swaps('30').map((s) => s.value).sort((a, b) => a - b)).toEqual([36, 38, 80]);
    expect(swaps('8').map((s) => s.value).sort()).toEqual([0, 3]);
  });

  it('repairs a lone doubtful cell when exactly one swap makes every identity hold', async () => {
    // huaian 2024: 三 (七)总计 自然人 2932 read as 2982 (3 → 8), confidence 0.6.
    const path = 'requests.totalProcessed.naturalPerson';
    const bad = await misread('huaian-2024.pdf', path, '2982', 0.6);
    expect(bad.checks.some((c) => c.status === 'fail' && c.origin === 'extraction')).toBe(true);
    const { record: fixed, repairs } = repairOcrDigits(bad);
    expect(repairs).toEqual([expect.objectContaining({ path, raw: '2982', from: 2982, to: 2932 })]);
    const cell = cellAt(fixed.tables, path)!;
    expect(cell).toMatchObject({ value: 2932, raw: '2982', reconstructed: true, confidence: 0.6 });
    expect(fixed.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(fixed.warnings).toContainEqual(expect.objectContaining({ code: 'OCR_DIGIT_REPAIRED', cells: [path] }));
    // The input is left as it was.
    expect(cellAt(bad.tables, path)!.value).toBe(2982);
  });

  it('never repairs what was read confidently: the failure is the source\'s', async () => {
    const bad = await misread('huaian-2024.pdf', 'requests.totalProcessed.naturalPerson', '2982', 0.97);
    expect(bad.checks.filter((c) => c.status === 'fail').every((c) => c.origin === 'source')).toBe(true);
    expect(repairOcrDigits(bad)).toEqual({ record: bad, repairs: [] });
  });

  it('leaves 洪泽区 2023 (wrong totals in the document itself) untouched', async () => {
    const r = await record('hongze-2023.pdf');
    expect(repairOcrDigits(r).repairs).toEqual([]);
  });

  it('applies nothing when two swaps would each do, and says so', async () => {
    // huaian 2024 表四 复议后起诉: 12 + 1 + 1 + 6 = 20. The 1 of 结果纠正 read as 7, and the total doubtful too:
    // 7 → 1 and 20 → 26 would each make the total hold.
    const r = await misread('huaian-2024.pdf', 'reviewLitigation.litigationAfterReview.corrected', '7', 0.6);
    const tables = structuredClone(r.tables);
    cellAt(tables, 'reviewLitigation.litigationAfterReview.total')!.confidence = 0.6;
    const { runChecks, proseChecks } = await import('../src/checks/index.js');
    const both = { ...r, tables, checks: [...runChecks('gb2021', tables), ...proseChecks(r.sections, tables)] };
    const { repairs, record: out } = repairOcrDigits(both);
    expect(repairs).toEqual([]);
    expect(out.warnings).toContainEqual(
      expect.objectContaining({
        code: 'OCR_REPAIR_AMBIGUOUS',
        cells: ['reviewLitigation.litigationAfterReview.total', 'reviewLitigation.litigationAfterReview.corrected'],
      }),
    );
    expect(cellAt(out.tables, 'reviewLitigation.litigationAfterReview.corrected')!.value).toBe(7);
  });
});
