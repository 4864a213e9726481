/**
 * A check of every number read against the document's own digit glyphs. A report prints its table digits
 * in one font, so a glyph should look like the glyphs read as the same digit elsewhere. A glyph whose
 * nearest look-alikes in other cells were mostly read as one other digit is the same print read two ways:
 * its reading is doubtful, whatever tesseract's confidence said.
 */
import type { Item } from '../../src/model/document.js';
import { crop, resize, type Gray } from './image.js';
import { lineGlyphs, type Blob } from './ink.js';

/** A glyph image normalized to this size (height fixed, width kept in proportion, centred). */
const W = 20;
const H = 24;

export interface DigitGlyph {
  /** Darkness 0..1, W × H. */
  pixels: Float32Array;
}

export interface NumberRead {
  item: Item;
  /** The digits tesseract read, without separators. */
  digits: string;
  /** One glyph per printed digit, left to right; undefined when the glyphs and digits do not pair up. */
  glyphs: DigitGlyph[] | undefined;
  /** Tesseract's own confidence, 0..1. */
  ocrConfidence: number;
}

/** The glyph's pixels, normalized in size. */
export function glyphOf(image: Gray, b: Blob): DigitGlyph {
  const part = crop(image, b.x0, b.y0, b.x1, b.y1);
  const h = H;
  const w = Math.max(1, Math.min(W, Math.round((part.width * H) / Math.max(1, part.height))));
  const small = resize(part, w, h);
  const pixels = new Float32Array(W * H);
  const dx = Math.floor((W - w) / 2);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels[y * W + dx + x] = (255 - small.data[y * w + x]!) / 255;
  return { pixels };
}

/** The blobs of a numeric cell that are digits (full height), left to right. */
export function digitBlobs(blobs: Blob[], lineHeight: number): Blob[] {
  return lineGlyphs(blobs).filter((b) => b.y1 - b.y0 >= 0.6 * lineHeight);
}

/** A digit is about this wide for its height (0 to 9 but 1, in the usual faces: 0.5–0.75). */
const DIGIT_ASPECT = 0.6;

/**
 * Glyphs wider than a digit split into digits where the ink is thinnest near where each digit should end
 * (small print at 200 dpi runs 00 together). `ink`: the page's ink mask.
 */
export function splitRunTogether(glyphs: Blob[], ink: Uint8Array, width: number): Blob[] {
  const out: Blob[] = [];
  for (const g of glyphs) {
    const w = g.x1 - g.x0;
    const h = g.y1 - g.y0;
    const n = Math.round(w / (DIGIT_ASPECT * h));
    if (w <= 0.8 * h || n < 2) {
      out.push(g);
      continue;
    }
    const column = (x: number) => {
      let s = 0;
      for (let y = g.y0; y < g.y1; y++) s += ink[y * width + x]!;
      return s;
    };
    let start = g.x0;
    for (let k = 1; k < n; k++) {
      const nominal = g.x0 + (k * w) / n;
      const reach = Math.max(1, Math.round((0.25 * w) / n));
      let best = Math.round(nominal);
      let bestInk = Infinity;
      for (let x = Math.round(nominal - reach); x <= Math.round(nominal + reach); x++) {
        if (x <= start + 1 || x >= g.x1 - 1) continue;
        const c = column(x);
        if (c < bestInk) {
          bestInk = c;
          best = x;
        }
      }
      out.push({ ...g, x0: start, x1: best, area: 0 });
      start = best;
    }
    out.push({ ...g, x0: start, area: 0 });
  }
  return out;
}

function distance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** Neighbours consulted per glyph. */
const K = 3;
/** Ceiling for a reading the glyphs contradict. */
export const CONTRADICTED = 0.4;

export interface ConfirmStats {
  checked: number;
  contradicted: number;
}

/**
 * Lowers, in place, the confidence of every reading with a glyph whose nearest glyphs in other cells
 * (most of its K nearest) were read as one other digit: the same print read two ways. Never raises a
 * confidence: glyphs that agree may share a misreading.
 */
export function confirmDigits(reads: NumberRead[]): ConfirmStats {
  const samples: { label: string; glyph: DigitGlyph; read: number }[] = [];
  reads.forEach((r, i) => {
    if (!r.glyphs) return;
    r.glyphs.forEach((g, k) => samples.push({ label: r.digits[k]!, glyph: g, read: i }));
  });
  const stats: ConfirmStats = { checked: 0, contradicted: 0 };
  // Look-alikes count only when they are as close as glyphs of one font and digit typically are: a table in
  // another font has no look-alikes, and proves nothing either way.
  const nearestOf = samples.map((a) => {
    let best = Infinity;
    for (const b of samples) if (b.read !== a.read) best = Math.min(best, distance(a.glyph.pixels, b.glyph.pixels));
    return best;
  });
  const finite = nearestOf.filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  const close = finite.length ? 2 * finite[finite.length >> 1]! + 1e-6 : 0;
  reads.forEach((r, i) => {
    if (!r.glyphs) return;
    stats.checked++;
    const contradicted = r.glyphs.some((g, k) => {
      const label = r.digits[k]!;
      const nearest: { d: number; label: string }[] = [];
      for (const s of samples) {
        // Never with itself, nor with the other glyphs of its own cell.
        if (s.read === i) continue;
        const d = distance(g.pixels, s.glyph.pixels);
        if (nearest.length < K || d < nearest[nearest.length - 1]!.d) {
          nearest.push({ d, label: s.label });
          nearest.sort((a, b) => a.d - b.d);
          if (nearest.length > K) nearest.pop();
        }
      }
      const near = nearest.filter((n) => n.d <= close);
      if (near.length < 2) return false;
      const votes = new Map<string, number>();
      for (const n of near) votes.set(n.label, (votes.get(n.label) ?? 0) + 1);
      const [top, count] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]!;
      return top !== label && count >= 2 && count > (votes.get(label) ?? 0);
    });
    if (contradicted) {
      stats.contradicted++;
      r.item.confidence = Math.min(r.item.confidence ?? 1, CONTRADICTED);
    }
  });
  return stats;
}
