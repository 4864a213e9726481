/**
 * Affine matrices and boxes in PDF's row-vector convention ([a b c d e f], p' = p × M), the one content
 * streams use, so a `cm` operator or a text matrix can be applied exactly as written.
 */
import type { Box } from '../../src/model/document.js';

export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `first` then `second`: mul(cm, ctm) is the CTM after a `cm` operator. */
export function mul(first: ArrayLike<number>, second: ArrayLike<number>): Matrix {
  const [a1, b1, c1, d1, e1, f1] = [first[0]!, first[1]!, first[2]!, first[3]!, first[4]!, first[5]!];
  const [a2, b2, c2, d2, e2, f2] = [second[0]!, second[1]!, second[2]!, second[3]!, second[4]!, second[5]!];
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}

/** The axis-aligned box of the rectangle [x0, x1] × [y0, y1] of a local frame, mapped by `m`. */
export function rectBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** The part of `box` on the page, or undefined when none of it is (text painted off the page is not read). */
export function clampToPage(box: Box, width: number, height: number): Box | undefined {
  const b: Box = [Math.max(0, box[0]), Math.max(0, box[1]), Math.min(width, box[2]), Math.min(height, box[3])];
  return b[0] <= b[2] && b[1] <= b[3] ? b : undefined;
}

/** Thousandths of a point: far below any layout tolerance, and the output stays short and stable. */
export function roundBox(b: Box): Box {
  return [round(b[0]), round(b[1]), round(b[2]), round(b[3])];
}

function round(v: number): number {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0 in the output
}
