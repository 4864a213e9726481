/**
 * Page furniture: page numbers (`- 3 -`, `— 3 —`, `第 3 页`, GB/T 9704 style) and running headers or
 * footers. They sit in the top or bottom margin; left in, a page number between two halves of a table
 * reads as a value of its last row.
 */
import type { Box } from '../../src/model/document.js';
import { union } from './geometry.js';
import type { PdfItem } from './items.js';

/** The margin bands, as a share of the page height: A4 公文 body text starts about 100 pt from either edge. */
const BAND = 0.09;

const DASHES = '-—–－―─~～·•';
const PAGE_NUMBER = [
  new RegExp(`^[${DASHES}]+\\d{1,4}[${DASHES}]+$`),
  /^第\d{1,4}页(?:[,，]?共\d{1,4}页)?$/,
  /^\d{1,4}\/\d{1,4}$/,
  /^(?:page|p\.?)\d{1,4}(?:of\d{1,4})?$/i,
];
const BARE_NUMBER = /^\d{1,4}$/;

export function lineBox(line: PdfItem[]): Box {
  return line.map((i) => i.box).reduce(union);
}

/** Text as compared here: no spaces, fullwidth digits and dashes folded (－３－). */
function compact(line: PdfItem[]): string {
  return line
    .map((i) => i.text)
    .join('')
    .normalize('NFKC')
    .replace(/\s+/g, '');
}

type Band = 'top' | 'bottom' | undefined;

function band(box: Box, height: number): Band {
  if (box[3] <= BAND * height) return 'bottom';
  if (box[1] >= (1 - BAND) * height) return 'top';
  return undefined;
}

/** Lines that are a page number standing alone in a margin band. */
export function dropPageNumbers(lines: PdfItem[][], height: number): PdfItem[][] {
  const boxes = lines.map(lineBox);
  return lines.filter((line, i) => {
    const box = boxes[i]!;
    const where = band(box, height);
    if (!where) return true;
    const text = compact(line);
    if (PAGE_NUMBER.some((re) => re.test(text))) return false;
    if (!BARE_NUMBER.test(text)) return true;
    // A bare number is only a page number as the outermost line: anything else may be a table's last value.
    const outermost = boxes.every((b, j) => j === i || (where === 'bottom' ? b[1] >= box[1] : b[3] <= box[3]));
    return !outermost;
  });
}

/**
 * Lines with the same text (digits aside: 第 3 页 of 5) at the same height in a margin band on most pages.
 * Needs three pages at least: on two, a repeated line proves nothing.
 */
export function dropRunningLines(pages: { lines: PdfItem[][]; height: number }[]): void {
  if (pages.length < 3) return;
  interface Seen {
    page: number;
    line: PdfItem[];
    y: number;
  }
  const byKey = new Map<string, Seen[]>();
  pages.forEach((page, p) => {
    for (const line of page.lines) {
      const box = lineBox(line);
      const where = band(box, page.height);
      if (!where) continue;
      const key = `${where}|${compact(line).replace(/\d+/g, '#')}`;
      if (key.length < where.length + 3) continue; // one character is not a running title
      const list = byKey.get(key) ?? [];
      list.push({ page: p, line, y: (box[1] + box[3]) / 2 });
      byKey.set(key, list);
    }
  });
  const drop = new Set<PdfItem[]>();
  for (const seen of byKey.values()) {
    for (const anchor of seen) {
      const same = seen.filter((s) => Math.abs(s.y - anchor.y) <= 3);
      const onPages = new Set(same.map((s) => s.page));
      if (onPages.size >= 3 && onPages.size > pages.length / 2) for (const s of same) drop.add(s.line);
    }
  }
  if (drop.size === 0) return;
  for (const page of pages) page.lines = page.lines.filter((l) => !drop.has(l));
}
