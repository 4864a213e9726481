/**
 * Page orientation from the ink alone: the slight skew of a scan (text lines and ruling lines are
 * horizontal when the page is straight, so the horizontal projection is sharpest at the right angle), and
 * whether the page lies on its side (lines of text then run vertically).
 */
import { binarize, otsu, resize, type Gray } from './image.js';

/** Skews searched, in degrees either way; a scan turned further than this is not a slight skew. */
const MAX_SKEW = 3;
const COARSE_STEP = 0.1;
const FINE_STEP = 0.01;
/** Below this the page is left as it is: the error stays under a pixel across an A4 page at 300 dpi. */
export const NEGLIGIBLE_SKEW = 0.03;

interface InkPoints {
  xs: Float64Array;
  ys: Float64Array;
  n: number;
  width: number;
  height: number;
}

/** Ink pixels of an image reduced to about `targetWidth` pixels wide. */
function inkPoints(img: Gray, targetWidth: number): { points: InkPoints; factor: number } {
  const factor = Math.max(1, img.width / targetWidth);
  const small = factor > 1 ? resize(img, Math.round(img.width / factor), Math.round(img.height / factor)) : img;
  const mask = binarize(small, otsu(small));
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (mask[y * small.width + x]) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { points: { xs, ys, n, width: small.width, height: small.height }, factor };
}

/** Sharpness of the horizontal projection of the points sheared by `degrees`: Σ (row count)². */
function score(p: InkPoints, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const cx = p.width / 2;
  const pad = Math.ceil(Math.abs(t) * p.width) + 2;
  const rows = new Float64Array(p.height + 2 * pad);
  for (let i = 0; i < p.n; i++) {
    // Content turned counter-clockwise by a rises to the right: y + (x − cx)·tan a undoes it.
    const y = p.ys[i]! + (p.xs[i]! - cx) * t + pad;
    const y0 = Math.floor(y);
    const f = y - y0;
    rows[y0] = rows[y0]! + 1 - f;
    rows[y0 + 1] = rows[y0 + 1]! + f;
  }
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += rows[i]! * rows[i]!;
  return s;
}

/**
 * The angle (degrees, counter-clockwise as seen) by which the page content is turned; rotating the image
 * by its negative straightens it. 0 when the page has too little ink to tell.
 */
export function estimateSkew(img: Gray): number {
  const { points } = inkPoints(img, 1200);
  if (points.n < 200) return 0;
  let best = 0;
  let bestScore = -1;
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += COARSE_STEP) {
    const s = score(points, a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  const centre = best;
  for (let a = centre - COARSE_STEP; a <= centre + COARSE_STEP + 1e-9; a += FINE_STEP) {
    const s = score(points, a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  return Math.round(best * 100) / 100;
}

/**
 * Whether the page's lines run vertically (a page scanned sideways): the projection across rows is much
 * sharper along x than along y. Undefined when there is too little ink to tell.
 */
export function isSideways(img: Gray): boolean | undefined {
  const { points } = inkPoints(img, 600);
  if (points.n < 200) return undefined;
  const rows = new Float64Array(points.height);
  const cols = new Float64Array(points.width);
  for (let i = 0; i < points.n; i++) {
    rows[points.ys[i]!]! += 1;
    cols[points.xs[i]!]! += 1;
  }
  // Normalized sharpness: Σ count² / (n² / bins); text in horizontal lines gives rows far above columns.
  const sharp = (v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
    return (s * v.length) / (points.n * points.n);
  };
  const r = sharp(rows);
  const c = sharp(cols);
  return c > 1.3 * r;
}
