/**
 * The PDF extractor on real reports (samples/real/*.pdf), on small PDFs built here by hand where the
 * expected glyph positions follow from the font metrics, and on broken inputs (samples/bad/, written by
 * scripts/make-bad-pdfs.sh).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { extractDocument } from '../extractors/index.js';
import { extractPdf, extractPdfWithStats } from '../extractors/pdf.js';
import { InputError } from '../src/errors.js';
import type { Item, Line, PositionedDocument } from '../src/model/document.js';
import { SAMPLES } from './helpers/samples.js';

const REAL = ['hongze-2023.pdf', 'hongze-2024.pdf', 'huaian-2024.pdf'] as const;

function real(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, 'real', name)));
}

function bad(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, 'bad', name)));
}

const text = (line: Line) => line.items.map((i) => i.text).join(' ');

// ---------------------------------------------------------------------------------------------------------
// Hand-built PDFs: a correct xref table, ASCII content, fonts whose widths are known.

function buildPdf(objects: string[]): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

function stream(data: string, dict = ''): string {
  return `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
}

/** Text for the UCS-2 encoded CJK fonts below: <4E09...>. */
function ucs2(s: string): string {
  return `<${[...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('')}>`;
}

/** Maps every printable byte to a private-use code point: what a vendor font's broken ToUnicode does. */
const PUA_CMAP = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <E020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

/**
 * Pages sharing these resources: F1 Helvetica (WinAnsi; digits 556/1000 em, space 278), F2 Helvetica with
 * private-use ToUnicode, C1 / V1 non-embedded STSong-Light horizontal / vertical (UCS-2; ideographs 1 em,
 * digits 1/2 em, space 1/4 em), image Im1 (1×1 grey).
 */
function pdfPages(contents: string[], page: { mediaBox?: string; rotate?: number } = {}): Uint8Array {
  const shared = [
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', // 3
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>', // 4
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 /W [1 [250] 17 26 500] >>', // 5
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>', // 6
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V /DescendantFonts [5 0 R] >>', // 7
    stream('\x80', '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8'), // 8
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 10 0 R >>', // 9
    stream(PUA_CMAP), // 10
  ];
  const resources = '<< /Font << /F1 3 0 R /F2 9 0 R /C1 4 0 R /V1 7 0 R >> /XObject << /Im1 8 0 R >> >>';
  const first = 3 + shared.length;
  const kids = contents.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${contents.length} >>`,
    ...shared,
    ...contents.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox ${page.mediaBox ?? '[0 0 595 842]'}${page.rotate ? ` /Rotate ${page.rotate}` : ''}` +
        ` /Resources ${resources} /Contents ${first + 2 * i + 1} 0 R >>`,
      stream(content),
    ]),
  ]);
}

function onePage(content: string, page: { mediaBox?: string; rotate?: number } = {}): Uint8Array {
  return pdfPages([content], page);
}

/** Helvetica advance widths in 1/1000 em. */
const HELVETICA: Record<string, number> = { ' ': 278, ...Object.fromEntries([...'0123456789'].map((d) => [d, 556])) };

/** Pen x of each character of a Tj string at `x0`, size `size`: what the words' x0 must be. */
function penPositions(s: string, x0: number, size: number): number[] {
  const xs: number[] = [];
  let x = x0;
  for (const c of s) {
    xs.push(x);
    x += (HELVETICA[c]! * size) / 1000;
  }
  return xs;
}

function items(doc: PositionedDocument): Item[] {
  return doc.pages.flatMap((p) => p.lines.flatMap((l) => l.items));
}

// ---------------------------------------------------------------------------------------------------------

describe('real reports', () => {
  const docs = new Map<string, PositionedDocument>();
  beforeAll(async () => {
    for (const name of REAL) docs.set(name, await extractPdf(real(name), `samples/real/${name}`));
  });

  it('records the source: path, sha256, media type, extractor, page count, Info title', () => {
    const doc = docs.get('hongze-2023.pdf')!;
    expect(doc.source).toEqual({
      path: 'samples/real/hongze-2023.pdf',
      sha256: '94a211353fb046b7c869cbb236078deb4d1f7085bd0c2b0dbf85051ec831698c',
      mediaType: 'application/pdf',
      extractor: 'pdf-text',
      pages: 5,
    });
    expect(doc.metaTitle).toBe('洪泽区人民政府2023年政府信息公开工作年度报告');
    expect(doc.pages.map((p) => [p.number, p.width, p.height])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 595, 842]));
    expect(docs.get('huaian-2024.pdf')!.source.pages).toBe(6);
  });

  it('hongze-2023 p.3: the 新收 label and its seven values in one line, left to right, inside the page', () => {
    const page = docs.get('hongze-2023.pdf')!.pages[2]!;
    const line = page.lines.find((l) => l.items[0]?.text === '一、本年新收政府信息公开申请数量')!;
    expect(line).toBeDefined();
    expect(line.items.map((i) => i.text)).toEqual(['一、本年新收政府信息公开申请数量', '21', '0', '0', '0', '0', '0', '21']);
    const boxes = line.items.map((i) => i.box!);
    for (let k = 1; k < boxes.length; k++) expect(boxes[k]![0]).toBeGreaterThanOrEqual(boxes[k - 1]![2]);
    for (const b of boxes) {
      expect(b[0]).toBeGreaterThanOrEqual(0);
      expect(b[2]).toBeLessThanOrEqual(page.width!);
      expect(b[1]).toBeGreaterThanOrEqual(0);
      expect(b[3]).toBeLessThanOrEqual(page.height!);
    }
    // The first value sits where poppler's pdftotext -bbox puts it: x 318.72–332.82.
    expect(boxes[1]![0]).toBeCloseTo(318.72, 1);
    expect(boxes[1]![2]).toBeCloseTo(332.82, 1);
  });

  it('keeps content-stream order: a rowspanned group label comes before its rows, not sorted by y', () => {
    const lines = docs.get('hongze-2023.pdf')!.pages[2]!.lines.map(text);
    const group = lines.indexOf('（三）不予公开'); // painted at the block's vertical centre, below its first rows
    const first = lines.findIndex((t) => t.startsWith('1. 属于国家秘密'));
    expect(group).toBeGreaterThan(0);
    expect(first).toBe(group + 1);
  });

  it('leaves a vertical spanning label pdf.js cuts short (三、本年度办理结果 → 三、本年, 三、本) as label text, before its rows', () => {
    for (const name of ['hongze-2023.pdf', 'hongze-2024.pdf']) {
      const lines = docs.get(name)!.pages[2]!.lines;
      const at = lines.findIndex((l) => l.items.length === 1 && /^三[、︑]本/u.test(l.items[0]!.text));
      expect(at, name).toBeGreaterThan(0);
      expect('三、本年度办理结果'.startsWith(lines[at]!.items[0]!.text.replace('︑', '、')), name).toBe(true);
      const [x0, y0, x1, y1] = lines[at]!.items[0]!.box!;
      expect(y1 - y0).toBeGreaterThan(2 * (x1 - x0));
      // The label precedes the rows it labels.
      expect(text(lines[at + 1]!)).toMatch(/^（一）予以公开/);
    }
  });

  it('drops page numbers (- 3 -) and leaves no item outside its page', () => {
    for (const [name, doc] of docs) {
      for (const page of doc.pages) {
        for (const line of page.lines) {
          expect(text(line).replace(/\s+/g, ''), `${name} p.${page.number}`).not.toMatch(/^[-—–]\d+[-—–]$/);
          for (const item of line.items) {
            const [x0, y0, x1, y1] = item.box!;
            expect(x0 <= x1 && y0 <= y1, `${name} ${item.text}`).toBe(true);
            expect(x0 >= 0 && y0 >= 0 && x1 <= page.width! && y1 <= page.height!, `${name} ${item.text}`).toBe(true);
          }
        }
      }
    }
  });

  it('emits no empty or whitespace items, and the tables read cleanly (no warnings)', () => {
    for (const [name, doc] of docs) {
      expect(items(doc).every((i) => i.text.trim() === i.text && i.text !== ''), name).toBe(true);
      expect(doc.warnings, name).toEqual([]);
    }
  });

  it('is deterministic: the same bytes give the same document', async () => {
    const again = await extractPdf(real('hongze-2023.pdf'), 'samples/real/hongze-2023.pdf');
    expect(JSON.stringify(again)).toBe(JSON.stringify(docs.get('hongze-2023.pdf')));
  });

  it('walks the operator list only on pages that need it', async () => {
    // huaian: every item is one word already, no vertical font, and its caption without numbers below
    // (第二十条 第（六）项, its table on the next page) sits too low for a table image to fit under it.
    const { stats } = await extractPdfWithStats(real('huaian-2024.pdf'), 'x.pdf');
    expect(stats).toEqual({ operatorListPages: [], splitItems: 0, unmatchedItems: 0 });
    // hongze p.3 carries the vertical label.
    // Their only vertical text is a spanning table label: not worth a second pass over the page.
    expect((await extractPdfWithStats(real('hongze-2024.pdf'), 'x.pdf')).stats.operatorListPages).toEqual([]);
    expect((await extractPdfWithStats(real('hongze-2023.pdf'), 'x.pdf')).stats.operatorListPages).toEqual([]);
  });
});

describe('glyph positions from the operator list', () => {
  it('splits (12 345 6) into three words at the Helvetica pen positions', async () => {
    const { document, stats } = await extractPdfWithStats(onePage('BT /F1 12 Tf 72 720 Td (12 345 6) Tj ET'), 'a.pdf');
    const xs = penPositions('12 345 6', 72, 12);
    const words = items(document);
    expect(words.map((w) => w.text)).toEqual(['12', '345', '6']);
    expect(document.pages[0]!.lines).toHaveLength(1);
    for (const [w, start, end] of [
      [words[0]!, 0, 2],
      [words[1]!, 3, 6],
      [words[2]!, 7, 8],
    ] as const) {
      expect(Math.abs(w.box![0] - xs[start]!)).toBeLessThan(0.01);
      // The right edge is the last glyph's advance: 556/1000 em.
      expect(Math.abs(w.box![2] - (xs[end - 1]! + 6.672))).toBeLessThan(0.01);
      // Descent below the baseline, one font size tall.
      expect(w.box![1]).toBeCloseTo(720 - 0.12 * 12, 3);
      expect(w.box![3] - w.box![1]).toBeCloseTo(12, 3);
    }
    expect(stats).toEqual({ operatorListPages: [1], splitItems: 1, unmatchedItems: 0 });
  });

  it('follows the CTM, character spacing, horizontal scaling and TJ adjustments', async () => {
    // cm scales by 2 and moves to (100,100); Tc 3 and Tz 50 apply before scaling; TJ -500 moves 5 units right.
    const pdf = onePage('q 2 0 0 2 100 100 cm BT /F1 10 Tf 3 Tc 50 Tz 0 0 Td [(7 8) -500 (9)] TJ ET Q');
    const words = items(await extractPdf(pdf, 'b.pdf'));
    expect(words.map((w) => w.text)).toEqual(['7', '8', '9']);
    // Unscaled pen: 7 at 0; 8 at 5.56+3 + 2.78+3 = 14.34; 9 at 14.34 + 8.56 + 5 = 27.9; then ×0.5 (Tz), ×2 (cm), +100.
    const expected = [0, 14.34, 27.9].map((x) => 100 + x * 0.5 * 2);
    words.forEach((w, i) => expect(Math.abs(w.box![0] - expected[i]!)).toBeLessThan(0.01));
    words.forEach((w) => expect(w.box![2] - w.box![0]).toBeCloseTo(5.56, 2)); // 556/1000 × 10 × 0.5 × 2
    expect(words[0]!.box![1]).toBeCloseTo(100 - 0.12 * 20, 3);
  });

  it('keeps Chinese prose with spaces whole (2024 年), and splits a run of values in it', async () => {
    const prose = ucs2('全年共受理申请 17 件');
    const run = ucs2('合计 21 0 3');
    const doc = await extractPdf(onePage(`BT /C1 12 Tf 72 700 Td ${prose} Tj ET BT /C1 12 Tf 72 650 Td ${run} Tj ET`), 'c.pdf');
    expect(doc.pages[0]!.lines.map((l) => l.items.map((i) => i.text))).toEqual([['全年共受理申请 17 件'], ['合计', '21', '0', '3']]);
    // Ideographs 1 em, digits 1/2 em, spaces 1/4 em at 12 pt: an even split of the run's width would be off by points.
    const x0s = doc.pages[0]!.lines[1]!.items.map((i) => i.box![0]);
    const x1s = doc.pages[0]!.lines[1]!.items.map((i) => i.box![2]);
    expect(x0s).toEqual([72, 99, 114, 123]);
    expect(x1s).toEqual([96, 111, 120, 129]);
  });

  it('rebuilds a vertical run pdf.js cuts short (text matrix scaled by 0.05, as WPS writes it)', async () => {
    const pdf = onePage(
      `BT /V1 199 Tf 0.05 0 0 0.05 90 250 Tm ${ucs2('附注：本表数据截至')} Tj ET BT /C1 12 Tf 120 280 Td ${ucs2('（一）予以公开')} Tj ET`,
    );
    const doc = await extractPdf(pdf, 'd.pdf');
    const lines = doc.pages[0]!.lines;
    // The vertical CMap gives ： in its vertical form (U+FE13), as printed; glyph normalization folds it later.
    expect(lines.map((l) => text(l))).toEqual(['附注\uFE13本表数据截至', '（一）予以公开']);
    // Nine glyphs of 9.95 pt downwards from y = 250, centred on x = 90.
    const [x0, y0, x1, y1] = lines[0]!.items[0]!.box!;
    expect([x0, x1, y1]).toEqual([85.025, 94.975, 250]);
    expect(y0).toBeCloseTo(250 - 9 * 9.95, 3);
  });

  it('measures boxes on the upright page for a shifted media box and /Rotate 90', async () => {
    const pdf = onePage('BT /F1 12 Tf 172 820 Td (Hello 21 3) Tj ET', { mediaBox: '[100 100 695 942]', rotate: 90 });
    const doc = await extractPdf(pdf, 'e.pdf');
    const page = doc.pages[0]!;
    expect([page.width, page.height]).toEqual([842, 595]);
    const words = items(doc);
    expect(words.map((w) => w.text)).toEqual(['Hello', '21', '3']);
    for (const w of words) {
      const [x0, y0, x1, y1] = w.box!;
      expect(x0 >= 0 && y0 >= 0 && x1 <= 842 && y1 <= 595).toBe(true);
    }
    // Rotated a quarter turn clockwise: the run reads downwards from 72 pt below the top.
    expect(words[0]!.box![3]).toBeCloseTo(595 - 72, 3);
    expect(words[1]!.box![3]).toBeLessThan(words[0]!.box![1]);
  });
});

describe('text layers that cannot be trusted', () => {
  it('no-text.pdf: a page with only a drawn rectangle → TEXT_LAYER_UNUSABLE, page kept with no lines', async () => {
    const doc = await extractPdf(bad('no-text.pdf'), 'no-text.pdf');
    expect(doc.pages).toEqual([{ number: 1, width: 595, height: 842, lines: [] }]);
    expect(doc.warnings).toEqual([{ code: 'TEXT_LAYER_UNUSABLE', message: 'no text on the page', page: 1 }]);
  });

  it('an image-only page is named as such', async () => {
    const doc = await extractPdf(onePage('q 595 0 0 842 0 0 cm /Im1 Do Q'), 'scan.pdf');
    expect(doc.warnings).toEqual([{ code: 'TEXT_LAYER_UNUSABLE', message: 'no text layer: the page is an image (scanned?)', page: 1 }]);
  });

  it('private-use characters: the text is removed, never emitted', async () => {
    const doc = await extractPdf(onePage('BT /F2 12 Tf 72 700 Td (abcdefghijklmnopqrstuvwxyz) Tj ET'), 'pua.pdf');
    expect(doc.pages[0]!.lines).toEqual([]);
    expect(doc.warnings).toMatchObject([{ code: 'TEXT_LAYER_UNUSABLE', page: 1 }]);
    expect(doc.warnings[0]!.message).toMatch(/private-use/);
  });

  it('GBK read as Latin-1 (ÄÚÈÝ): TEXT_LAYER_UNUSABLE', async () => {
    const latin1 = '\\304\\332\\310\\335\\263\\311\\271\\373 \\265\\304\\326\\367\\322\\252';
    const doc = await extractPdf(onePage(`BT /F1 12 Tf 72 700 Td (${latin1}) Tj ET`), 'moji.pdf');
    expect(doc.pages[0]!.lines).toEqual([]);
    expect(doc.warnings[0]!.message).toMatch(/mojibake/);
  });

  it('a stray symbol among plenty of text is not a reason to drop the page', async () => {
    const doc = await extractPdf(
      onePage(`BT /C1 12 Tf 72 700 Td ${ucs2('本年度共收到政府信息公开申请二十一件，均已按时答复完毕。')} Tj ET BT /F2 12 Tf 72 680 Td (a) Tj ET`),
      'stray.pdf',
    );
    expect(doc.warnings).toEqual([]);
    expect(doc.pages[0]!.lines).toHaveLength(2);
  });

  it('a table caption with no numbers below it and a large image → TABLE_IS_IMAGE; the caption stays', async () => {
    const caption = ucs2('三、收到和处理政府信息公开申请情况');
    const doc = await extractPdf(onePage(`BT /C1 16 Tf 72 700 Td ${caption} Tj ET q 450 0 0 400 72 200 cm /Im1 Do Q`), 'img.pdf');
    expect(doc.warnings).toEqual([
      { code: 'TABLE_IS_IMAGE', message: 'the table under "收到和处理政府信息公开申请情况" is an image: no numbers in the text layer', page: 1 },
    ]);
    expect(doc.pages[0]!.lines.map(text)).toEqual(['三、收到和处理政府信息公开申请情况']);
  });

  it('a large image above the caption (a banner, a seal) is not its table', async () => {
    const caption = ucs2('三、收到和处理政府信息公开申请情况');
    const doc = await extractPdf(onePage(`BT /C1 16 Tf 72 300 Td ${caption} Tj ET q 450 0 0 400 72 380 cm /Im1 Do Q`), 'img2.pdf');
    expect(doc.warnings).toEqual([]);
  });

  it('the same caption over a table printed as text raises nothing', async () => {
    const pdf = onePage(
      `BT /C1 16 Tf 72 700 Td ${ucs2('三、收到和处理政府信息公开申请情况')} Tj ET BT /C1 12 Tf 72 650 Td ${ucs2('一、本年新收政府信息公开申请数量')} Tj ET BT /F1 12 Tf 400 650 Td (21) Tj ET q 100 0 0 50 72 100 cm /Im1 Do Q`,
    );
    expect((await extractPdf(pdf, 'ok.pdf')).warnings).toEqual([]);
  });
});

describe('page furniture', () => {
  const pageWith = (body: string, footer: string) =>
    onePage(`BT /C1 12 Tf 72 700 Td ${ucs2(body)} Tj ET BT /F1 12 Tf 280 40 Td (${footer}) Tj ET`);

  for (const footer of ['- 3 -', '-4-', '7']) {
    it(`drops the page number "${footer}" in the bottom margin`, async () => {
      const doc = await extractPdf(pageWith('正文内容', footer), 'f.pdf');
      expect(doc.pages[0]!.lines.map(text)).toEqual(['正文内容']);
    });
  }

  it('keeps a number that is not alone in the margin (a table value beside its label)', async () => {
    const pdf = onePage(`BT /C1 12 Tf 72 40 Td ${ucs2('合计')} Tj ET BT /F1 12 Tf 400 40 Td (7) Tj ET`);
    expect((await extractPdf(pdf, 'g.pdf')).pages[0]!.lines.map(text)).toEqual(['合计 7']);
  });
});

describe('running headers and footers', () => {
  const header = `BT /C1 10 Tf 200 800 Td ${ucs2('洪泽区人民政府信息公开年报')} Tj ET`;
  const body = (n: number) => `BT /C1 12 Tf 72 600 Td ${ucs2(`第${'一二三四'[n]}部分正文`)} Tj ET`;

  it('drops a line repeated at the same place in the margin on most pages', async () => {
    const doc = await extractPdf(pdfPages([0, 1, 2, 3].map((n) => header + body(n))), 'h.pdf');
    expect(doc.pages.map((p) => p.lines.map(text))).toEqual([['第一部分正文'], ['第二部分正文'], ['第三部分正文'], ['第四部分正文']]);
  });

  it('keeps it on a two-page document, where repetition proves nothing', async () => {
    const doc = await extractPdf(pdfPages([0, 1].map((n) => header + body(n))), 'h2.pdf');
    expect(doc.pages.map((p) => p.lines.length)).toEqual([2, 2]);
  });
});

describe('bad inputs', () => {
  it('a text file named .pdf is read as text through the sniffing front door', async () => {
    const doc = await extractDocument(bad('not-a-pdf.pdf'), 'not-a-pdf.pdf');
    expect(doc.source.extractor).toBe('text');
  });

  it('extractPdf itself refuses bytes that are not a PDF', async () => {
    await expect(extractPdf(bad('not-a-pdf.pdf'), 'x.pdf')).rejects.toThrow(new InputError('not a PDF file'));
    await expect(extractPdf(new Uint8Array(0), 'x.pdf')).rejects.toThrow(new InputError('not a PDF file'));
  });

  it('a truncated PDF → InputError "damaged PDF: …", one line, promptly', async () => {
    const half = real('hongze-2023.pdf');
    for (const [name, bytes] of [
      ['truncated.pdf', bad('truncated.pdf')],
      ['hongze-2023 halved', half.slice(0, half.length >> 1)],
    ] as const) {
      const t0 = performance.now();
      const err = await extractDocument(bytes, name).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(InputError);
      expect((err as Error).message, name).toMatch(/^damaged PDF: [^\n]+$/);
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });

  it('a PDF with a user password → InputError "encrypted PDF (password required)"', async () => {
    await expect(extractDocument(bad('encrypted.pdf'), 'encrypted.pdf')).rejects.toThrow(
      new InputError('encrypted PDF (password required)'),
    );
  });

  it('a PDF with only an owner password opens and reads normally', async () => {
    const doc = await extractDocument(bad('owner-only.pdf'), 'owner-only.pdf');
    expect(items(doc).map((i) => i.text)).toEqual(['Annual', 'report', '2023:', '21', 'requests', 'received.']);
  });

  it("leaves the caller's bytes intact (pdf.js detaches the buffer it is given)", async () => {
    const bytes = real('hongze-2024.pdf');
    await extractPdf(bytes, 'x.pdf');
    expect(bytes.length).toBe(240143);
  });
});

describe('no noise', () => {
  afterEach(() => vi.restoreAllMocks());

  it('pdf.js prints nothing to stdout or the console, on good and bad files alike', async () => {
    const spies = [
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'debug'),
    ];
    await extractPdf(real('huaian-2024.pdf'), 'x.pdf');
    await extractPdf(bad('no-text.pdf'), 'x.pdf');
    await extractPdf(onePage('q 595 0 0 842 0 0 cm /Im1 Do Q'), 'x.pdf');
    for (const f of ['encrypted.pdf', 'truncated.pdf']) await extractPdf(bad(f), f).catch(() => undefined);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
