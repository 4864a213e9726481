/**
 * Every cell read from a PDF points at its page and box, and the PDF's own text inside that box is the
 * cell's raw text. The box is re-read here straight from pdf.js's text items, not through our extractor.
 */
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../src/pipeline/extract.js';
import { cellEntries } from '../src/writers/cells.js';
import { readSample } from './helpers/samples.js';
import { openBare } from './helpers/bare-pdfjs.js';

type Box = [number, number, number, number];

async function textItems(bytes: Uint8Array) {
  const doc = await openBare(bytes);
  const pages: { width: number; height: number; items: { str: string; x: number; y: number }[] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const vp = page.getViewport({ scale: 1 });
    const tc = await page.getTextContent();
    const items = tc.items.flatMap((i) => ('str' in i && i.str.trim() ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number }] : []));
    pages.push({ width: vp.width, height: vp.height, items });
  }
  await doc.destroy();
  return pages;
}

describe.each(['hongze-2023.pdf', 'hongze-2024.pdf', 'huaian-2024.pdf'])('%s', (name) => {
  it('every cell has a page and a box inside it, and the text at that box is its raw', async () => {
    const bytes = new Uint8Array(readSample(name));
    const record = await extractRecord(bytes, name);
    const pages = await textItems(bytes);
    const problems: string[] = [];
    let cells = 0;
    for (const { table, row, column, cell } of cellEntries(record)) {
      cells++;
      const where = `${table}.${row}.${column}`;
      const page = cell.page ? pages[cell.page - 1] : undefined;
      if (!page || !cell.bbox) {
        problems.push(`${where}: no page/box`);
        continue;
      }
      const [x0, y0, x1, y1] = cell.bbox as Box;
      if (!(x0 >= 0 && y0 >= 0 && x1 <= page.width && y1 <= page.height && x0 < x1 && y0 < y1)) problems.push(`${where}: box outside page`);
      // The items whose origin (left end of the baseline) falls inside the box, read left to right.
      const inside = page.items.filter((i) => i.x >= x0 - 0.5 && i.x <= x1 && i.y >= y0 - 0.5 && i.y <= y1);
      const text = inside
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str.trim())
        .join('');
      if (text !== cell.raw) problems.push(`${where}: box reads ${JSON.stringify(text)}, raw ${JSON.stringify(cell.raw)}`);
    }
    expect(cells).toBeGreaterThan(180);
    expect(problems).toEqual([]);
  });
});
