/**
 * Reading a numeric cell, and judging the reading. The chi_sim LSTM reads Latin digits unsteadily: the
 * same clean "5" comes back as 5, 3 or 9 depending on the image's scale, a lone "1" often as nothing, a
 * "6" as "0" with confidence 0.9. So a number is read at a normalized size (digits 20 px tall, where it is
 * steadiest), checked against the printed glyphs (as many digits as digit glyphs; each digit's holes where
 * that digit has them: 0 one round hole, 6 one low, 9 one high, 8 two, 1 2 3 5 7 none; a 1 narrow), and, when the
 * first reading is doubtful, read again differently (digits 24 px tall between two drawn zeros, which
 * steadies short numbers). Only a reading that passes its checks, and either reads confidently or is
 * read the same twice, keeps a confidence of 0.9 or more.
 */
import { createGray, resize, toPgm, type Gray } from './image.js';
import type { OcrPool } from './engine.js';
import type { Blob } from './ink.js';
import { cleanNumber, NUMBER_TEXT } from './text.js';
import { parseTsvWords } from './tsv.js';

export const DIGITS = '0123456789.,-';

/** Where a digit glyph has its holes (counted in the page's ink). */
export interface Holes {
  count: number;
  /** The glyph's width over its height. */
  aspect: number;
  /** Share of the top 40% of the glyph's box that is ink (a filled-in upper loop of an 8 is dense). */
  upperInk: number;
  /** Per hole: centre height (0 top, 1 bottom) and height, as shares of the glyph's height. */
  holes: { y: number; h: number }[];
}

export interface NumberReading {
  text: string;
  confidence: number;
  /** How the reading was reached, for the record's warnings and for tests. */
  how: 'read' | 'agreed' | 'chosen' | 'reshaped' | 'spaced' | 'doubtful';
}

/**
 * Holes of a glyph: background regions inside its box (grown by a pixel) that do not reach the box's edge.
 * Read from the grey image with a light threshold, so that the faint pixels of a thin stroke close it
 * (a scan breaks the bottom of a small 0 more often than it fills a hole).
 */
export function holesOf(image: Gray, g: Blob, threshold = HOLE_THRESHOLD): Holes {
  const x0 = Math.max(0, g.x0 - 1);
  const y0 = Math.max(0, g.y0 - 1);
  const w = Math.min(image.width, g.x1 + 1) - x0;
  const h = Math.min(image.height, g.y1 + 1) - y0;
  const aspect = (g.x1 - g.x0) / Math.max(1, g.y1 - g.y0);
  let upper = 0;
  const upperRows = Math.max(1, Math.round(0.4 * (g.y1 - g.y0)));
  for (let y = g.y0; y < g.y0 + upperRows; y++) for (let x = g.x0; x < g.x1; x++) if (image.data[y * image.width + x]! < threshold) upper++;
  const upperInk = upper / Math.max(1, upperRows * (g.x1 - g.x0));
  if (w <= 4 || h <= 4) return { count: 0, aspect, upperInk, holes: [] };
  const seen = new Uint8Array(w * h);
  const isInk = (x: number, y: number) => image.data[(y0 + y) * image.width + x0 + x]! < threshold;
  const stack: number[] = [];
  const flood = (sx: number, sy: number): { area: number; top: number; bottom: number; edge: boolean } => {
    let area = 0;
    let top = sy;
    let bottom = sy;
    let edge = false;
    seen[sy * w + sx] = 1;
    stack.push(sy * w + sx);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      area++;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) edge = true;
      // 4-connected background: a diagonal gap in a stroke does not open a hole.
      for (const [nx, ny] of [
        [x - 1, y],
        [x + 1, y],
        [x, y - 1],
        [x, y + 1],
      ] as const) {
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const q = ny * w + nx;
        if (seen[q] || isInk(nx, ny)) continue;
        seen[q] = 1;
        stack.push(q);
      }
    }
    return { area, top, bottom, edge };
  };
  const holes: { y: number; h: number }[] = [];
  const minArea = Math.max(2, 0.02 * (w - 2) * (h - 2));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (seen[y * w + x] || isInk(x, y)) continue;
      const r = flood(x, y);
      if (!r.edge && r.area >= minArea) holes.push({ y: (r.top + r.bottom + 1) / 2 / h, h: (r.bottom - r.top + 1) / (h - 2) });
    }
  }
  return { count: holes.length, aspect, upperInk, holes };
}

/** Whether a digit's holes are where that digit has them (in any common typeface). */
export function holesFit(digit: string, t: Holes): boolean {
  const one = t.holes[0];
  // A 1 is a narrow stroke; every other digit is at least a third as wide as tall.
  if (digit === '1' ? t.aspect > 0.5 : t.aspect < 0.3) return false;
  switch (digit) {
    case '0':
      return t.count === 1 && one!.y > 0.38 && one!.y < 0.62 && one!.h >= 0.45;
    case '6':
      return t.count === 1 && one!.y >= 0.55;
    case '9':
      return t.count === 1 && one!.y <= 0.45;
    case '8':
      // Two loops; at small sizes one may fill in, leaving one hole high or low (never a round middle
      // one), and a filled upper loop is dense where a 6 has one thin stroke.
      return t.count === 2 || (t.count === 1 && (one!.y < 0.4 || (one!.y > 0.6 && t.upperInk >= 0.6)));
    case '4':
      return t.count === 0 || (t.count === 1 && one!.y <= 0.65);
    default:
      return t.count === 0;
  }
}

/** A reading fits the glyphs: one digit per digit glyph, each with its digit's holes. */
export function fitsGlyphs(text: string, holes: Holes[] | undefined): boolean {
  if (!holes) return true; // glyphs run together: nothing to compare
  const digits = text.replace(/[^0-9]/g, '');
  return digits.length === holes.length && [...digits].every((d, i) => holesFit(d, holes[i]!));
}

/** On paper made white (image.ts whitenPaper): anything this dark is part of a stroke. */
const HOLE_THRESHOLD = 215;
const PRIMARY_HEIGHT = 20;
const SECOND_HEIGHT = 24;
/** A confident first reading that fits its glyphs is kept without a second. */
const SURE = 0.9;
/** Two readings that agree and fit the glyphs. */
const AGREED = 0.93;
/** The only reading that fits the glyphs when the two differ: probably right, still flagged. */
const CHOSEN = 0.6;
const DOUBTFUL = 0.3;
/** Glyphs read one by one when both readings lost a digit: a guess worth checking, flagged. */
const SPACED = 0.8;
/** A digit changed to the look-alike its holes call for (5 with a low hole is a 6). */
const RESHAPED = 0.5;

/** Digits the LSTM takes for one another, and which differ in their holes. */
const LOOK_ALIKES: Record<string, string> = {
  '0': '869',
  '1': '74',
  '3': '85',
  '5': '63',
  '6': '05',
  '4': '1',
  '7': '1',
  '8': '03',
  '9': '08',
};

/** Readings one digit away (a look-alike) that fit the glyphs. */
function reshaped(text: string, holes: Holes[]): string[] {
  const out = new Set<string>();
  if (text.replace(/[^0-9]/g, '').length !== holes.length) return [];
  let k = -1;
  for (let i = 0; i < text.length; i++) {
    const d = text[i]!;
    if (!/[0-9]/.test(d)) continue;
    k++;
    if (holesFit(d, holes[k]!)) continue;
    for (const alt of LOOK_ALIKES[d] ?? '') {
      const t = text.slice(0, i) + alt + text.slice(i + 1);
      if (fitsGlyphs(t, holes)) out.add(t);
    }
  }
  return [...out];
}

function scaled(img: Gray, lineHeight: number, target: number): { img: Gray; k: number } {
  const k = target / Math.max(1, lineHeight);
  return { img: resize(img, Math.max(1, Math.round(img.width * k)), Math.max(1, Math.round(img.height * k))), k };
}

async function plainRead(img: Gray, lineHeight: number, dpi: number, pool: OcrPool) {
  const s = scaled(img, lineHeight, PRIMARY_HEIGHT);
  const r = await pool.run({ image: toPgm(s.img), psm: '7', whitelist: DIGITS, dpi: dpi * s.k, tsv: true });
  const words = parseTsvWords(r.tsv ?? '');
  const text = cleanNumber(words.map((w) => w.text).join(''));
  const confidence = words.length ? Math.min(...words.map((w) => w.confidence)) / 100 : 0;
  return NUMBER_TEXT.test(text) ? { text, confidence } : undefined;
}

const rings = new Map<number, Gray>();

/** A zero drawn as a ring, `h` pixels tall. */
function ring(h: number): Gray {
  const key = Math.round(h);
  const cached = rings.get(key);
  if (cached) return cached;
  const w = Math.max(3, Math.round(key * 0.56));
  const g = createGray(w + 4, key + 4);
  const cx = g.width / 2;
  const cy = g.height / 2;
  const rx = w / 2;
  const ry = key / 2;
  const t = Math.max(1.5, key * 0.11);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const d = Math.hypot((x + 0.5 - cx) / rx, (y + 0.5 - cy) / ry);
      if (d <= 1 && d >= 1 - t / Math.min(rx, ry)) g.data[y * g.width + x] = 0;
    }
  }
  rings.set(key, g);
  return g;
}

/** Images side by side on white, vertically centred, `gap` pixels apart and around. */
function sideBySide(parts: Gray[], gap: number): Gray {
  const h = Math.max(...parts.map((p) => p.height));
  const w = parts.reduce((a, p) => a + p.width, 0) + gap * (parts.length + 1);
  const out = createGray(w, h);
  let x = gap;
  for (const p of parts) {
    const y0 = Math.floor((h - p.height) / 2);
    for (let y = 0; y < p.height; y++) out.data.set(p.data.subarray(y * p.width, (y + 1) * p.width), (y0 + y) * w + x);
    x += p.width + gap;
  }
  return out;
}

/** The number between two drawn zeros ("0 N 0"), the zeros dropped from the reading. */
async function ringedRead(img: Gray, lineHeight: number, dpi: number, pool: OcrPool) {
  const s = scaled(img, lineHeight, SECOND_HEIGHT);
  const zero = ring(SECOND_HEIGHT);
  const line = sideBySide([zero, s.img, zero], SECOND_HEIGHT);
  const r = await pool.run({ image: toPgm(line), psm: '7', whitelist: `${DIGITS} `, dpi: dpi * s.k, tsv: true });
  const words = parseTsvWords(r.tsv ?? '');
  if (words.length !== 3 || words[0]!.text !== '0' || words[2]!.text !== '0') return undefined;
  const text = cleanNumber(words[1]!.text);
  return NUMBER_TEXT.test(text) ? { text, confidence: words[1]!.confidence / 100 } : undefined;
}

/**
 * The digit glyphs one by one, set far apart between two drawn zeros ("0 3 4 0"): for a number both
 * readings shortened (34 read as 3). Integers only (a decimal point is not among the glyphs).
 */
async function spacedRead(glyphs: Gray[], lineHeight: number, dpi: number, pool: OcrPool) {
  const k = SECOND_HEIGHT / Math.max(1, lineHeight);
  const parts = glyphs.map((g) => resize(g, Math.max(1, Math.round(g.width * k)), Math.max(1, Math.round(g.height * k))));
  const zero = ring(SECOND_HEIGHT);
  const line = sideBySide([zero, ...parts, zero], Math.round(1.5 * SECOND_HEIGHT));
  const r = await pool.run({ image: toPgm(line), psm: '7', whitelist: `${DIGITS} `, dpi: dpi * k, tsv: true });
  const words = parseTsvWords(r.tsv ?? '');
  if (words.length !== glyphs.length + 2 || words[0]!.text !== '0' || words.at(-1)!.text !== '0') return undefined;
  const middle = words.slice(1, -1);
  if (!middle.every((w) => /^\d$/.test(w.text))) return undefined;
  return { text: String(Number(middle.map((w) => w.text).join(''))), confidence: Math.min(...middle.map((w) => w.confidence)) / 100 };
}

/**
 * A numeric cell's reading. `img`: the cell's print on white; `lineHeight`: its digits' height in pixels;
 * `holes`: per digit glyph, left to right (undefined when glyphs run together); `glyphs`: those glyphs'
 * images, for reading them one by one when both readings miss a digit.
 */
export async function readNumber(
  img: Gray,
  lineHeight: number,
  dpi: number,
  pool: OcrPool,
  holes: Holes[] | undefined,
  glyphs?: Gray[],
): Promise<NumberReading | undefined> {
  const first = await plainRead(img, lineHeight, dpi, pool);
  const firstFits = first !== undefined && fitsGlyphs(first.text, holes);
  if (first && firstFits && first.confidence >= SURE) return { ...first, how: 'read' };
  const second = await ringedRead(img, lineHeight, dpi, pool);
  const secondFits = second !== undefined && fitsGlyphs(second.text, holes);
  if (first && second && first.text === second.text && firstFits) {
    return { text: first.text, confidence: Math.max(AGREED, first.confidence, second.confidence), how: 'agreed' };
  }
  if (firstFits !== secondFits) {
    const pick = firstFits ? first! : second!;
    return { text: pick.text, confidence: Math.min(pick.confidence, CHOSEN), how: 'chosen' };
  }
  const readings = [first, second].filter((r) => r !== undefined);
  // Neither fits and a digit was lost or added: the glyphs one by one.
  const digitsOf = (t: string) => t.replace(/[^0-9]/g, '').length;
  if (
    glyphs &&
    holes &&
    glyphs.length > 1 &&
    !firstFits &&
    !secondFits &&
    readings.some((r) => digitsOf(r.text) !== glyphs.length) &&
    readings.every((r) => !/[.,]/.test(r.text))
  ) {
    const spaced = await spacedRead(glyphs, lineHeight, dpi, pool);
    if (spaced && fitsGlyphs(spaced.text, holes) && spaced.text.length === glyphs.length) {
      return { text: spaced.text, confidence: Math.min(spaced.confidence, SPACED), how: 'spaced' };
    }
  }
  // Neither fits: a reading off by one look-alike digit whose holes give it away (26 read as 20).
  if (holes && !firstFits && !secondFits) {
    const fixes = new Set(readings.flatMap((r) => reshaped(r.text, holes)));
    if (fixes.size === 1) return { text: [...fixes][0]!, confidence: RESHAPED, how: 'reshaped' };
  }
  const best = readings.sort((a, b) => b.confidence - a.confidence)[0];
  if (!best) return undefined;
  return { text: best.text, confidence: Math.min(best.confidence, DOUBTFUL), how: 'doubtful' };
}
