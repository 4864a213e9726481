/**
 * One item per word, each with the box its glyphs are painted in. Table builders place a value in a
 * column by its own box, so a run like "0 0 0" (three cells in one text run) must become three items.
 */
import type { Box } from '../../src/model/document.js';
import { union } from './geometry.js';
import type { Glyph } from './glyphs.js';
import type { PdfItem } from './items.js';

export interface Word {
  text: string;
  box: Box;
}

/** A table value as printed: 21, 1,234, 7730.28, 0.5%, or a dash or slash for "none". */
const CELL = /^(?:[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)%?|[-—–－―/／]+)$/;
const DIGIT = /\d/;
const HAN = /\p{Script=Han}/u;

/**
 * Whether an item is worth splitting (and so the page's operator list worth fetching). Chinese text with
 * spaces is prose or a spaced-out label (总 计, 商 业 企, 2024 年): it stays whole, as the label matcher
 * wants it, unless it holds a run of values (合计 21 0 0).
 */
export function needsWords(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2) return false;
  if (!HAN.test(text)) return true;
  return words.some((w, i) => {
    const next = words[i + 1];
    return next !== undefined && CELL.test(w) && CELL.test(next) && (DIGIT.test(w) || DIGIT.test(next));
  });
}

/** Glyphs further apart than this (in font sizes), with no space between them, are two cells fused in one run. */
const FUSED_GAP = 0.8;

/**
 * Finds each item's glyphs in the page's glyph list. Items and glyphs come in the same content-stream
 * order, so the search starts where the last match ended; it wraps around so a miss costs time, not a match.
 */
export class GlyphMatcher {
  private cursor = 0;

  constructor(private readonly glyphs: Glyph[]) {}

  /** The item's words with their glyph boxes, or undefined when its glyphs cannot be found with certainty. */
  words(item: PdfItem): Word[] | undefined {
    const compact = item.text.replace(/\s+/g, '');
    for (const k of startCandidates(this.glyphs, item, this.cursor)) {
      const owners = this.consume(compact, k);
      if (!owners) continue;
      this.cursor = (owners.at(-1)! + 1) % this.glyphs.length;
      return this.toWords(item, owners);
    }
    return undefined;
  }

  /** For each character of `compact`, the index of the glyph that painted it; undefined on any mismatch. */
  private consume(compact: string, start: number): number[] | undefined {
    const owners: number[] = [];
    for (let j = start; j < this.glyphs.length && owners.length < compact.length; j++) {
      const t = this.glyphs[j]!.text;
      if (t === '') continue;
      if (!compact.startsWith(t, owners.length)) return undefined;
      for (let c = 0; c < t.length; c++) owners.push(j);
    }
    return owners.length === compact.length ? owners : undefined;
  }

  private toWords(item: PdfItem, owners: number[]): Word[] {
    const words: Word[] = [];
    let at = 0;
    for (const token of item.text.split(/\s+/).filter(Boolean)) {
      let text = '';
      let box: Box | undefined;
      let last: Glyph | undefined;
      for (let c = 0; c < token.length; c++, at++) {
        const g = this.glyphs[owners[at]!]!;
        if (last && g !== last && gap(last, g, item.vertical) > FUSED_GAP * item.size && box) {
          words.push({ text, box });
          text = '';
          box = undefined;
        }
        text += token[c];
        box = box ? union(box, g.box) : g.box;
        last = g;
      }
      if (box) words.push({ text, box });
    }
    return words;
  }
}

/**
 * Glyphs where the item may start, nearest in paint order from `from` (wrapping around): the pen is at the
 * item's origin and the glyph's text begins the item's text.
 */
export function* startCandidates(glyphs: Glyph[], item: PdfItem, from: number): Generator<number> {
  const compact = item.text.replace(/\s+/g, '');
  if (compact === '') return;
  const n = glyphs.length;
  const tolerance = Math.max(1, 0.25 * item.size);
  for (let step = 0; step < n; step++) {
    const k = (from + step) % n;
    const g = glyphs[k]!;
    if (g.text === '' || !compact.startsWith(g.text)) continue;
    if (Math.hypot(g.origin[0] - item.origin[0], g.origin[1] - item.origin[1]) <= tolerance) yield k;
  }
}

/** Empty space between two glyphs along the writing direction (left to right, or top to bottom). */
function gap(a: Glyph, b: Glyph, vertical: boolean): number {
  return vertical ? a.box[1] - b.box[3] : b.box[0] - a.box[2];
}
