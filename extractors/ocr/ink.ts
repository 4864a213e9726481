/**
 * What is printed inside one table cell, from its ink alone: the glyph blobs (specks and leftovers of the
 * ruling lines dropped), their lines, their box, and whether they look like a number (digits of one height
 * on one line, a decimal point or comma on the baseline) or a dash. Decides which cells are read at all
 * and how: a cell with no ink is blank, never a zero.
 */
import type { Rect } from './grid.js';

export interface Blob extends Rect {
  area: number;
}

export type InkKind = 'empty' | 'number' | 'dash' | 'text';

export interface CellInk {
  kind: InkKind;
  /** Blobs kept, in image coordinates. */
  blobs: Blob[];
  /** Box of the kept ink, in image coordinates (undefined when empty). */
  box?: Rect;
  /** Text lines (top to bottom), each a box. */
  lines: Rect[];
  /** Blobs dropped as specks or rule remnants (to be painted white before reading). */
  dropped: Blob[];
}

/** 8-connected blobs of ink inside `r`. */
export function blobsIn(ink: Uint8Array, width: number, r: Rect): Blob[] {
  const x0 = Math.max(0, Math.floor(r.x0));
  const y0 = Math.max(0, Math.floor(r.y0));
  const x1 = Math.ceil(r.x1);
  const y1 = Math.ceil(r.y1);
  const w = x1 - x0;
  const h = y1 - y0;
  if (w <= 0 || h <= 0) return [];
  const seen = new Uint8Array(w * h);
  const out: Blob[] = [];
  const stack: number[] = [];
  for (let sy = 0; sy < h; sy++) {
    for (let sx = 0; sx < w; sx++) {
      const s = sy * w + sx;
      if (seen[s] || !ink[(y0 + sy) * width + x0 + sx]) continue;
      let bx0 = sx;
      let by0 = sy;
      let bx1 = sx;
      let by1 = sy;
      let area = 0;
      seen[s] = 1;
      stack.push(s);
      while (stack.length) {
        const p = stack.pop()!;
        const px = p % w;
        const py = (p - px) / w;
        area++;
        if (px < bx0) bx0 = px;
        if (px > bx1) bx1 = px;
        if (py < by0) by0 = py;
        if (py > by1) by1 = py;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = py + dy;
          if (ny < 0 || ny >= h) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = px + dx;
            if (nx < 0 || nx >= w || (dx === 0 && dy === 0)) continue;
            const q = ny * w + nx;
            if (seen[q] || !ink[(y0 + ny) * width + x0 + nx]) continue;
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
      out.push({ x0: x0 + bx0, y0: y0 + by0, x1: x0 + bx1 + 1, y1: y0 + by1 + 1, area });
    }
  }
  return out;
}

const union = (a: Rect, b: Rect): Rect => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

/** Blobs grouped into text lines by vertical overlap (a line's blobs overlap its core band). */
function textLines(blobs: Blob[]): Rect[] {
  const sorted = [...blobs].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const lines: Rect[] = [];
  for (const b of sorted) {
    const mid = (b.y0 + b.y1) / 2;
    const line = lines.find((l) => mid >= l.y0 && mid <= l.y1);
    if (line) Object.assign(line, union(line, b));
    else lines.push({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  }
  // Lines whose bands overlap by most of the smaller are one line (a tall digit next to a short one).
  lines.sort((a, b) => a.y0 - b.y0);
  const out: Rect[] = [];
  for (const l of lines) {
    const last = out.at(-1);
    const overlap = last ? Math.min(last.y1, l.y1) - Math.max(last.y0, l.y0) : 0;
    if (last && overlap > 0.5 * Math.min(last.y1 - last.y0, l.y1 - l.y0)) Object.assign(last, union(last, l));
    else out.push({ ...l });
  }
  return out;
}

/**
 * The ink of a cell's interior `r` (the cell box already shrunk past its ruling lines). `scale` is pixels
 * per point: specks are judged against the size of print.
 */
export function cellInk(ink: Uint8Array, width: number, r: Rect, scale: number): CellInk {
  const all = blobsIn(ink, width, r);
  const minPrint = 0.9 * scale; // a full stop or decimal point of 10 pt print is about 1–1.5 pt across
  const cw = r.x1 - r.x0;
  const ch = r.y1 - r.y0;
  const thin = 1.2 * scale;
  const dropped: Blob[] = [];
  let kept: Blob[] = [];
  for (const b of all) {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    const touching = b.x0 <= r.x0 + 1 || b.y0 <= r.y0 + 1 || b.x1 >= r.x1 - 1 || b.y1 >= r.y1 - 1;
    // What is left of a ruling line: long and thin along an edge of the cell.
    const remnant = touching && ((w >= 0.6 * cw && h <= thin) || (h >= 0.6 * ch && w <= thin));
    if (remnant) dropped.push(b);
    else kept.push(b);
  }
  // Small blobs are print only next to real glyphs (a decimal point, a comma, the dot of a character).
  const big = kept.filter((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0) >= 2.5 * scale);
  if (big.length === 0) return { kind: 'empty', blobs: [], lines: [], dropped: [...dropped, ...kept] };
  const core = big.reduce<Rect>((a, b) => union(a, b), { ...big[0]! });
  const reach = 1.5 * scale;
  kept = kept.filter((b) => {
    const small = Math.max(b.x1 - b.x0, b.y1 - b.y0) < 2.5 * scale;
    if (!small) return true;
    const near =
      b.x1 >= core.x0 - reach && b.x0 <= core.x1 + reach && b.y1 >= core.y0 - reach && b.y0 <= core.y1 + reach && b.area >= minPrint * minPrint * 0.5;
    if (!near) dropped.push(b);
    return near;
  });
  // A line made only of specks (a dot of dust above or below the print) is not a line.
  let lines = textLines(kept);
  const tallest = Math.max(...lines.map((l) => l.y1 - l.y0));
  const specks = lines.filter((l) => l.y1 - l.y0 < 0.4 * tallest && !big.some((b) => (b.y0 + b.y1) / 2 >= l.y0 && (b.y0 + b.y1) / 2 <= l.y1));
  if (specks.length) {
    const isSpeck = (b: Blob) => specks.some((l) => (b.y0 + b.y1) / 2 >= l.y0 && (b.y0 + b.y1) / 2 <= l.y1);
    dropped.push(...kept.filter(isSpeck));
    kept = kept.filter((b) => !isSpeck(b));
    lines = textLines(kept);
  }
  const box = kept.reduce<Rect>((a, b) => union(a, b), { ...kept[0]! });
  return { kind: classify(kept, lines, scale), blobs: kept, box, lines, dropped };
}

/**
 * Glyphs of one line: blobs that overlap horizontally by most of the narrower are pieces of one glyph (a
 * digit broken by noise, the parts of a Chinese character), left to right.
 */
export function lineGlyphs(blobs: Blob[]): Blob[] {
  const sorted = [...blobs].sort((a, b) => a.x0 - b.x0);
  const out: Blob[] = [];
  for (const b of sorted) {
    const last = out.at(-1);
    const overlap = last ? Math.min(last.x1, b.x1) - Math.max(last.x0, b.x0) : 0;
    if (last && overlap >= 0.5 * Math.min(last.x1 - last.x0, b.x1 - b.x0)) {
      Object.assign(last, union(last, b), { area: last.area + b.area });
    } else out.push({ ...b });
  }
  return out;
}

/**
 * A number: one line, every tall glyph about the line's height and narrower than tall (digits), small glyphs
 * only on the baseline (decimal point, thousands comma) or a leading minus. A dash: one wide flat glyph.
 */
function classify(blobs: Blob[], lines: Rect[], scale: number): InkKind {
  if (lines.length !== 1) return 'text';
  const line = lines[0]!;
  const lh = line.y1 - line.y0;
  const glyphs = lineGlyphs(blobs);
  if (glyphs.length === 1) {
    const b = glyphs[0]!;
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (w >= 2.5 * scale && h <= 0.35 * w && h <= 2 * scale) return 'dash';
  }
  const tall: Blob[] = [];
  let points = 0;
  for (const [i, b] of glyphs.entries()) {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (h >= 0.75 * lh) {
      // Digits are about half as wide as tall (a 1 far less); CJK glyphs are as wide as tall.
      if (w > 0.8 * h) return 'text';
      tall.push(b);
      continue;
    }
    if (h >= 0.45 * lh) return 'text'; // a part of a character, not a digit
    // A decimal point or comma stands on the baseline after a digit (the dots of 心 in 总 do not).
    const low = b.y0 >= line.y0 + 0.55 * lh && i > 0;
    const minus = i === 0 && w > h && b.y0 >= line.y0 + 0.3 * lh && b.y1 <= line.y1 - 0.3 * lh;
    if (low) points++;
    else if (!minus) return 'text';
  }
  // Digits of a number stand on one baseline at one height, close together.
  for (let i = 0; i < tall.length; i++) {
    const b = tall[i]!;
    if (Math.abs(b.y1 - line.y1) > 0.12 * lh || Math.abs(b.y0 - line.y0) > 0.12 * lh) return 'text';
    const next = tall[i + 1];
    if (next && next.x0 - b.x1 > 0.75 * lh) return 'text';
  }
  // One decimal point, or grouping commas: never more points than groups of three digits.
  if (points > Math.max(1, Math.floor(tall.length / 3))) return 'text';
  const digits = tall.length;
  return digits > 0 ? 'number' : 'text';
}
