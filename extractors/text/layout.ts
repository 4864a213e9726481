/**
 * Plain text laid out in fixed-width columns (pdftotext -layout, copied tables): a blank cell is only
 * spaces, so the values of a row cannot be placed by counting them. Such text gets the geometry it
 * implies: every word an item whose box is its display columns (a CJK character is two wide) and its line,
 * so the x-placement that serves PDFs places these values too.
 */
import type { Item } from '../../src/model/document.js';

/** A gap this wide between two words is alignment, not a space in a sentence. */
const ALIGNMENT_GAP = /\S {3,}\S/;
/** Fewer aligned lines than this is prose with an odd gap, not a table. */
const MIN_ALIGNED_LINES = 5;

export function isLayoutText(lines: readonly string[]): boolean {
  let aligned = 0;
  for (const line of lines) if (ALIGNMENT_GAP.test(line) && ++aligned >= MIN_ALIGNED_LINES) return true;
  return false;
}

/** East Asian wide and fullwidth characters take two columns in a monospaced layout. */
function width(ch: string): number {
  const c = ch.codePointAt(0)!;
  return (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
    ? 2
    : 1;
}

/**
 * The words of one line as items. `lineIndex` sets the box's y (lines go down the page, so y falls as in
 * PDF space); `offset` is the line's offset in the source text.
 */
export function layoutItems(line: string, lineIndex: number, offset: number): Item[] {
  const items: Item[] = [];
  let col = 0;
  let i = 0;
  for (const m of line.matchAll(/\S+/gu)) {
    for (; i < m.index; i++) col += width(line[i]!);
    const start = col;
    for (const ch of m[0]) col += width(ch);
    i = m.index + m[0].length;
    items.push({ text: m[0], box: [start, -lineIndex - 1, col, -lineIndex], sourceOffset: offset + m.index });
  }
  return items;
}
