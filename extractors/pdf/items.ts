/**
 * pdf.js text items as positioned items on the upright page: boxes from each item's transform, in the
 * order the content stream paints them (Word/WPS paint table cells row by row; the table builders need it).
 */
import type { Box } from '../../src/model/document.js';
import { apply, clampToPage, mul, rectBox, type Matrix } from './geometry.js';

/** What the extractor keeps of one pdf.js text item until the document is built. */
export interface PdfItem {
  text: string;
  box: Box;
  /** Where the first glyph's pen position is, on the upright page: what glyphs from the operator list are matched on. */
  origin: [number, number];
  /** Baseline height (horizontal writing) on the upright page. */
  baseline: number;
  /** Font size in points on the page. */
  size: number;
  vertical: boolean;
}

/** The part of pdf.js's TextItem read here (the type is not exported from the legacy build's entry point). */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** Below the baseline, as a share of the font size: CJK and digits sit on it with about this much descent room. */
export const DESCENT = 0.12;

/**
 * The matrix from PDF user space to the upright page: origin at the visible box's bottom-left corner, y up,
 * /Rotate applied. With no rotation and a zero origin (nearly every report) it is the identity, so boxes
 * are plain PDF user-space coordinates; otherwise they stay consistent with the page's width and height.
 */
export function uprightMatrix(viewportTransform: number[], height: number): Matrix {
  const v = viewportTransform;
  // The viewport maps user space to a y-down canvas; flipping y back gives the upright page.
  return mul([v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!], [1, 0, 0, -1, 0, height]);
}

export function toPdfItem(
  raw: RawTextItem,
  vertical: boolean,
  upright: Matrix,
  width: number,
  height: number,
): PdfItem | undefined {
  // pdf.js pads runs with filler items ("" with hasEOL, " " between cells): geometry says the same, better.
  const text = raw.str.trim();
  if (text === '') return undefined;
  const t = raw.transform;
  const m = mul([t[0]!, t[1]!, t[2]!, t[3]!, t[4]!, t[5]!], upright);
  const xScale = Math.hypot(m[0], m[1]);
  const yScale = Math.hypot(m[2], m[3]);
  if (xScale === 0 || yScale === 0) return undefined;
  // A unit frame along the item's own axes: the text may be rotated on the page.
  const frame: Matrix = [m[0] / xScale, m[1] / xScale, m[2] / yScale, m[3] / yScale, m[4], m[5]];
  const sizeScale = yScale / Math.hypot(t[2]!, t[3]!);
  let box: Box;
  let size: number;
  if (!vertical) {
    size = yScale;
    const advance = raw.width * sizeScale;
    box = rectBox(frame, 0, -DESCENT * size, advance, (1 - DESCENT) * size);
  } else {
    // Vertical writing: the pen is at the top centre of the first glyph and moves down by `height`;
    // pdf.js reports the font size as the item's width.
    size = xScale;
    const advance = raw.height * sizeScale;
    box = rectBox(frame, -size / 2, -advance, size / 2, 0);
  }
  const onPage = clampToPage(box, width, height);
  if (!onPage) return undefined;
  const origin = apply(m, 0, 0);
  return { text, box: onPage, origin, baseline: origin[1], size, vertical };
}
