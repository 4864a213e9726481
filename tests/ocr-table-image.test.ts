/**
 * A text PDF whose table is a picture (TABLE_IS_IMAGE): with --ocr auto only that table is read by OCR and
 * its rows take the table's place among the page's text-layer lines; the text layer stays for the rest.
 * The picture is 表四 cut from the scanned twin of 洪泽区 2023 (page 4), placed under a text caption.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extractPdf } from '../extractors/pdf.js';
import { documentOptions, loadPdfJs } from '../extractors/pdf/pdfjs.js';
import { pagePaint, scanPixels } from '../extractors/ocr/render.js';
import { crop, type Gray } from '../extractors/ocr/image.js';
import { shutdownOcr } from '../extractors/ocr/index.js';
import type { PositionedDocument } from '../src/model/document.js';
import { ROOT } from './helpers/samples.js';

function ucs2(s: string): string {
  return `<${[...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('')}>`;
}

function buildPdf(objects: (string | Buffer)[][]): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let at = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(at);
    for (const p of [`${i + 1} 0 obj\n`, ...parts, '\nendobj\n']) {
      const b = typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
      chunks.push(b);
      at += b.length;
    }
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  chunks.push(Buffer.from(tail, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

/** 表四 of the scan's page 4, in pixels of the 300 dpi scan. */
async function tableFourImage(): Promise<Gray> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(readFileSync(join(ROOT, 'samples', 'scanned', 'hongze-2023-300dpi.pdf'))) })
    .promise;
  try {
    const page = await doc.getPage(4);
    const vp = page.getViewport({ scale: 1 });
    const scan = scanPixels(page, await pagePaint(pdfjs, page), vp.width, vp.height)!;
    return crop(scan.image, 300, 1350, 2170, 1970);
  } finally {
    await doc.destroy();
  }
}

async function pdfWithTableImage(img: Gray): Promise<Uint8Array> {
  const caption = ucs2('四、政府信息公开行政复议、行政诉讼情况');
  const prose = ucs2('五、存在的主要问题及改进情况');
  const w = 560;
  const h = Math.round((w * img.height) / img.width);
  const content = `BT /C1 16 Tf 72 760 Td ${caption} Tj ET q ${w} 0 0 ${h} 18 ${740 - h} cm /Im1 Do Q BT /C1 16 Tf 72 ${720 - h} Td ${prose} Tj ET`;
  const pixels = deflateSync(img.data);
  return buildPdf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /C1 4 0 R >> /XObject << /Im1 7 0 R >> >> /Contents 8 0 R >>'],
    ['<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>'],
    [
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>',
    ],
    ['<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>'],
    [
      `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
      pixels,
      '\nendstream',
    ],
    [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
  ]);
}

describe('a text page whose table is an image', () => {
  let doc: PositionedDocument;
  let never: PositionedDocument;
  beforeAll(async () => {
    const pdf = await pdfWithTableImage(await tableFourImage());
    never = await extractPdf(pdf, 'table-image.pdf');
    doc = await extractPdf(pdf, 'table-image.pdf', { ocr: 'auto' });
  }, 120_000);
  afterAll(() => shutdownOcr());

  it('is marked TABLE_IS_IMAGE by the text-layer extractor, and read by OCR only with ocr set', () => {
    expect(never.warnings.map((w) => w.code)).toEqual(['TABLE_IS_IMAGE']);
    expect(never.source).toMatchObject({ extractor: 'pdf-text' });
    expect(never.source.ocrPages).toBeUndefined();
    expect(doc.source).toMatchObject({ extractor: 'pdf-ocr', ocrPages: [1] });
    expect(doc.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['TABLE_IS_IMAGE', 'OCR_USED']));
  });

  it("puts the table's rows between the caption and the text below it, the text layer kept", () => {
    const lines = doc.pages[0]!.lines.map((l) => l.items.map((i) => i.text));
    expect(lines[0]).toEqual(['四、政府信息公开行政复议、行政诉讼情况']);
    expect(lines.at(-1)).toEqual(['五、存在的主要问题及改进情况']);
    const values = lines.find((l) => l.length === 15);
    expect(values).toEqual(['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
    expect(lines.flat()).toContain('复议后起诉');
    // OCR items carry confidences and boxes inside the picture's area.
    const items = doc.pages[0]!.lines.slice(1, -1).flatMap((l) => l.items);
    for (const i of items) {
      expect(i.confidence).toBeGreaterThanOrEqual(0);
      expect(i.box![0]).toBeGreaterThanOrEqual(18 - 1);
      expect(i.box![2]).toBeLessThanOrEqual(578 + 1);
    }
  });
});
