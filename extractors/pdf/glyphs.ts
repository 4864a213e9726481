/**
 * Exact glyph positions from a page's operator list: pdf.js's text items are whole runs with one width,
 * and splitting that width evenly misplaces words (digits and CJK differ in width). This replays the
 * text state the way pdf.js's canvas renderer does (display/canvas.js showText), so the boxes are where
 * the glyphs are painted. It also records where images are painted, for the scan and table-image checks.
 */
import type { Box } from '../../src/model/document.js';
import { apply, IDENTITY, mul, rectBox, type Matrix } from './geometry.js';
import { DESCENT } from './items.js';

export interface Glyph {
  /** The glyph's text, normalized as pdf.js normalizes item text, without whitespace ('' for a space). */
  text: string;
  box: Box;
  /** The pen position where the glyph starts, where a pdf.js text item starting with it has its origin. */
  origin: [number, number];
  /** Font size on the page. */
  size: number;
  vertical: boolean;
}

export interface PagePaint {
  glyphs: Glyph[];
  /** Where images are painted, on the upright page. */
  images: Box[];
}

/** What is needed of a font: pdf.js's FontFaceObject, looked up by the name setFont carries. */
export interface FontInfo {
  fontMatrix: ArrayLike<number>;
  vertical: boolean;
  defaultVMetrics?: ArrayLike<number>;
}

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/** pdf.js's OPS numbers used here (pdfjs-dist's OPS object, passed in so this file needs no import of pdf.js). */
export type Ops = Record<
  | 'save'
  | 'restore'
  | 'transform'
  | 'paintFormXObjectBegin'
  | 'paintFormXObjectEnd'
  | 'beginText'
  | 'setFont'
  | 'setGState'
  | 'setTextMatrix'
  | 'moveText'
  | 'setLeadingMoveText'
  | 'nextLine'
  | 'setLeading'
  | 'setCharSpacing'
  | 'setWordSpacing'
  | 'setHScale'
  | 'setTextRise'
  | 'showText'
  | 'paintImageXObject'
  | 'paintInlineImageXObject'
  | 'paintImageMaskXObject',
  number
>;

interface PdfGlyph {
  unicode: string;
  width: number;
  isSpace: boolean;
  vmetric?: ArrayLike<number> | null;
}

interface State {
  ctm: Matrix;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  leading: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
  font: FontInfo | undefined;
  fontSize: number;
  fontDirection: number;
}

const FALLBACK_FONT: FontInfo = { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], vertical: false };

export function walkOperatorList(
  list: OperatorList,
  OPS: Ops,
  fontOf: (name: string) => FontInfo | undefined,
  upright: Matrix,
  normalize: (s: string) => string,
): PagePaint {
  const glyphs: Glyph[] = [];
  const images: Box[] = [];
  const stack: State[] = [];
  let st: State = {
    ctm: IDENTITY,
    textMatrix: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    leading: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    rise: 0,
    font: undefined,
    fontSize: 0,
    fontDirection: 1,
  };
  const moveText = (x: number, y: number) => {
    st.x = st.lineX += x;
    st.y = st.lineY += y;
  };
  const setFont = (name: unknown, size: unknown) => {
    st.font = (typeof name === 'string' ? fontOf(name) : undefined) ?? FALLBACK_FONT;
    const s = typeof size === 'number' ? size : 0;
    st.fontDirection = s < 0 ? -1 : 1;
    st.fontSize = Math.abs(s);
  };

  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = (list.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...st });
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform:
        if (isMatrix(args)) st.ctm = mul(toMatrix(args), st.ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...st });
        if (isMatrix(args[0])) st.ctm = mul(toMatrix(args[0]), st.ctm);
        break;
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.beginText:
        st.textMatrix = IDENTITY;
        st.x = st.lineX = st.y = st.lineY = 0;
        break;
      case OPS.setFont:
        setFont(args[0], args[1]);
        break;
      case OPS.setGState:
        // An ExtGState may set the font: [['Font', [name, size]], ...].
        for (const entry of (args[0] ?? []) as [string, unknown][]) {
          if (entry[0] === 'Font' && Array.isArray(entry[1])) setFont(entry[1][0], entry[1][1]);
        }
        break;
      case OPS.setTextMatrix:
        if (isMatrix(args[0])) st.textMatrix = toMatrix(args[0]);
        st.x = st.lineX = st.y = st.lineY = 0;
        break;
      case OPS.moveText:
        moveText(num(args[0]), num(args[1]));
        break;
      case OPS.setLeadingMoveText:
        // Leading is kept as the y step of T*, as pdf.js's canvas keeps it: TD x y sets TL = -y.
        st.leading = num(args[1]);
        moveText(num(args[0]), num(args[1]));
        break;
      case OPS.nextLine:
        moveText(0, st.leading);
        break;
      case OPS.setLeading:
        st.leading = -num(args[0]);
        break;
      case OPS.setCharSpacing:
        st.charSpacing = num(args[0]);
        break;
      case OPS.setWordSpacing:
        st.wordSpacing = num(args[0]);
        break;
      case OPS.setHScale:
        st.hScale = num(args[0]) / 100;
        break;
      case OPS.setTextRise:
        st.rise = num(args[0]);
        break;
      case OPS.showText:
        showText((args[0] ?? []) as (PdfGlyph | number)[]);
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject: {
        // An image fills the unit square of the CTM.
        images.push(rectBox(mul(st.ctm, upright), 0, 0, 1, 1));
        break;
      }
    }
  }
  return { glyphs, images };

  function showText(run: (PdfGlyph | number)[]) {
    const font = st.font;
    const size = st.fontSize;
    if (!font || size === 0) return; // pdf.js neither paints nor advances
    const dir = st.fontDirection;
    const hs = st.hScale * dir;
    const advanceScale = size * (font.fontMatrix[0] ?? 0.001);
    const toPage = mul(mul(st.textMatrix, st.ctm), upright);
    // Glyphs are painted upright for a positive font size and mirrored for a negative one.
    const up = dir > 0 ? 1 : -1;
    const pageSize = size * Math.hypot(toPage[2], toPage[3]);
    let x = 0;
    for (const g of run) {
      if (typeof g === 'number') {
        x += ((font.vertical ? 1 : -1) * g * size) / 1000;
        continue;
      }
      const spacing = (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
      const text = normalize(g.unicode ?? '').replace(INVISIBLE, '');
      if (!font.vertical) {
        const tx = st.x + x * hs;
        const ty = st.y + st.rise;
        const w = g.width * advanceScale * hs;
        glyphs.push({
          text,
          box: rectBox(toPage, Math.min(tx, tx + w), ty - DESCENT * size * up, Math.max(tx, tx + w), ty + (1 - DESCENT) * size * up),
          origin: apply(toPage, tx, ty),
          size: pageSize,
          vertical: false,
        });
        x += g.width * advanceScale + spacing * dir;
      } else {
        const vm = g.vmetric ?? font.defaultVMetrics ?? [-1000, g.width / 2, 880];
        const vx = -(g.vmetric ? (vm[1] ?? 0) : g.width * 0.5) * advanceScale;
        const vy = (vm[2] ?? 880) * advanceScale;
        const advance = -(vm[0] ?? -1000);
        // The pen is the top centre of the glyph; its horizontal origin is offset by the position vector.
        const penY = st.y + st.rise - x * up;
        const gx = st.x + vx * hs;
        const gy = penY - vy * up;
        const w = g.width * advanceScale * hs;
        glyphs.push({
          text,
          box: rectBox(toPage, Math.min(gx, gx + w), gy - DESCENT * size * up, Math.max(gx, gx + w), gy + (1 - DESCENT) * size * up),
          origin: apply(toPage, st.x, penY),
          size: pageSize,
          vertical: true,
        });
        x += advance * advanceScale - spacing * dir;
      }
    }
    if (font.vertical) st.y -= x;
    else st.x += x * hs;
  }
}

/** Whitespace and the invisible format marks pdf.js leaves out of item text. */
const INVISIBLE = /[\s\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Matrices arrive as arrays or Float32Arrays (setTextMatrix). */
function isMatrix(v: unknown): v is ArrayLike<number> {
  return (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length >= 6;
}

function toMatrix(m: ArrayLike<number>): Matrix {
  return [num(m[0]), num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5])];
}
