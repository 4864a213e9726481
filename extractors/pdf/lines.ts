/**
 * Items into lines without re-sorting: consecutive items stay in one line while they share a baseline and
 * move rightwards. Sorting by y would interleave a row's cells with the wrapped label of the row above,
 * and put a rowspanned group label (painted before its rows) somewhere inside them.
 */
import type { PdfItem } from './items.js';

/** Baselines closer than this share of the smaller font size are one line (cells print digits larger than labels). */
const BASELINE_TOLERANCE = 0.4;
/** Glyph boxes may overlap a little (kerning, tight cells) without the pen having gone back. */
const BACKWARDS_TOLERANCE = 0.5;

export function groupLines(items: PdfItem[]): PdfItem[][] {
  const lines: PdfItem[][] = [];
  let current: PdfItem[] = [];
  for (const item of items) {
    const prev = current.at(-1);
    if (prev && continuesLine(prev, item)) {
      current.push(item);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [item];
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

function continuesLine(prev: PdfItem, item: PdfItem): boolean {
  // A vertical run (a rowspanned label printed top to bottom) is a line of its own.
  if (prev.vertical || item.vertical) return false;
  const size = Math.min(prev.size, item.size);
  if (Math.abs(item.baseline - prev.baseline) > BASELINE_TOLERANCE * size) return false;
  return item.box[0] >= prev.box[2] - BACKWARDS_TOLERANCE * size;
}
