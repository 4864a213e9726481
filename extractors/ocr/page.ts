/**
 * One page image read into the document model. The page is turned upright when it lies on its side and
 * straightened when slightly skewed; ruled tables are found from their lines and read cell by cell
 * (numbers as one line of digits, labels as Chinese text); the rest of the page is read as text. Lines
 * come out in the order a word processor's PDF paints them: top to bottom, a table row by row, each row's
 * cells left to right, a cell spanning rows in the row where it starts.
 */
import type { Box, DocWarning, Item, Line } from '../../src/model/document.js';
import { binarize, crop, otsu, pad, resize, rotateQuarter, rotateSmall, toPgm, whiten, whitenPaper, type Gray } from './image.js';
import type { OcrPool, Psm } from './engine.js';
import { findRules, findTables, type GridCell, type Rect, type Table } from './grid.js';
import { cellInk, type CellInk } from './ink.js';
import { digitBlobs, glyphOf, splitRunTogether, type NumberRead } from './digits.js';
import { estimateSkew, isSideways, NEGLIGIBLE_SKEW } from './skew.js';
import { dropStrayMarks, isLabel, joinCjk, snapLabel } from './text.js';
import { holesOf, readNumber } from './number.js';
import { parseTsvLines } from './tsv.js';
import { yieldToEngine } from './yield.js';


export interface PageImage {
  image: Gray;
  /** Pixels per point. */
  scale: number;
  /** Page size in points. */
  width: number;
  height: number;
}

export interface OcrPageOptions {
  pool: OcrPool;
  /** 'page': tables and text; 'tables': only the ruled tables (a text page whose tables are images). */
  scope: 'page' | 'tables';
}

export interface OcrPageResult {
  lines: Line[];
  /** Table areas in points on the (straightened) page, for merging with a text layer. */
  tableBoxes: Box[];
  warnings: DocWarning[];
  /** Every numeric cell read, for the document-wide digit check (digits.ts), which sets their confidence. */
  numbers: NumberRead[];
  stats: { cells: number; textLines: number; skew: number; turned: 0 | 90 | 270 };
}

/** Confidence given to what the ink alone decides (a dash). */
const INK_CONFIDENCE = 0.95;
/** Below this a reading is doubtful (cell.ts isUncertain). */
export const LOW_CONFIDENCE = 0.9;

interface Block {
  top: number;
  lines: Line[];
}

export async function ocrPage(page: PageImage, n: number, options: OcrPageOptions): Promise<OcrPageResult> {
  const warnings: DocWarning[] = [];
  let { image } = page;
  let { width, height } = page;
  const { scale } = page;
  const dpi = scale * 72;

  // A page scanned sideways: its lines of print run up and down. Turn it the way that reads better.
  let turned: 0 | 90 | 270 = 0;
  if (isSideways(image)) {
    const pick = await chooseTurn(image, dpi, options.pool);
    if (pick) {
      image = rotateQuarter(image, pick.turns);
      turned = pick.turns === 1 ? 90 : 270;
      [width, height] = [height, width];
      warnings.push({
        code: 'OCR_PAGE_TURNED',
        message: `page ${n} lies on its side: turned 90° ${turned === 90 ? 'clockwise' : 'counter-clockwise'} before reading; boxes are on the turned page`,
        page: n,
      });
    }
  }

  const skew = estimateSkew(image);
  if (Math.abs(skew) >= NEGLIGIBLE_SKEW) {
    await yieldToEngine();
    image = rotateSmall(image, -skew);
  }
  await yieldToEngine();
  image = whitenPaper(image);
  const threshold = otsu(image);
  const ink = binarize(image, threshold);
  await yieldToEngine();
  const tables = findTables(findRules(ink, image.width, image.height, { scale }), { scale });
  await yieldToEngine();

  const toBox = (r: Rect): Box => [
    round(r.x0 / scale),
    round(height - r.y1 / scale),
    round(r.x1 / scale),
    round(height - r.y0 / scale),
  ];

  const blocks: Block[] = [];
  const numbers: NumberRead[] = [];
  const unread: Box[] = [];
  let cells = 0;
  const tableJobs = tables.map(async (table) => {
    const rows = await readTable(table, image, ink, scale, dpi, options.pool, toBox, numbers, unread);
    for (const line of rows) cells += line.items.length;
    blocks.push({ top: table.y0, lines: rows });
  });
  let textLines = 0;
  const proseJob =
    options.scope === 'page'
      ? readProse(image, tables, scale, dpi, height, options.pool, toBox).then((lines) => {
          textLines = lines.length;
          blocks.push(...lines);
        })
      : Promise.resolve();
  await Promise.all([...tableJobs, proseJob]);

  blocks.sort((a, b) => a.top - b.top);
  const lines = blocks.flatMap((b) => b.lines);
  if (unread.length) {
    warnings.push({
      code: 'OCR_CELL_UNREAD',
      message: `page ${n}: ${unread.length} table cell${unread.length > 1 ? 's' : ''} with print that could not be read as a number (left empty, confidence 0) at ${unread
        .map((b) => `[${b.map((v) => Math.round(v)).join(', ')}]`)
        .join(' ')}`,
      page: n,
    });
  }
  if (lines.length === 0) {
    warnings.push({
      code: options.scope === 'page' ? 'OCR_NO_TEXT' : 'OCR_NO_TABLE',
      message:
        options.scope === 'page'
          ? `page ${n}: OCR found no text (a blank page?)`
          : `page ${n}: no ruled table found in the image: its values stay unread`,
      page: n,
    });
  }
  return {
    lines,
    tableBoxes: tables.map(toBox),
    warnings,
    numbers,
    stats: { cells, textLines, skew, turned },
  };
}

function round(v: number): number {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? 0 : r;
}

// ---------------------------------------------------------------------------------------------------------
// Tables

async function readTable(
  table: Table,
  image: Gray,
  ink: Uint8Array,
  scale: number,
  dpi: number,
  pool: OcrPool,
  toBox: (r: Rect) => Box,
  numbers: NumberRead[],
  unread: Box[],
): Promise<Line[]> {
  const inset = table.thickness / 2 + 0.8 * scale;
  const reads = table.cells.map(async (cell) => {
    const inner: Rect = { x0: cell.x0 + inset, y0: cell.y0 + inset, x1: cell.x1 - inset, y1: cell.y1 - inset };
    if (inner.x1 - inner.x0 < 2 || inner.y1 - inner.y0 < 2) return undefined;
    const found = cellInk(ink, image.width, inner, scale);
    if (found.kind === 'empty' || !found.box) return undefined;
    const read = await readCell(found, inner, image, ink, scale, dpi, pool);
    if (!read) return undefined;
    return { cell, found, inner, read: read as CellRead };
  });
  const cellsRead = (await Promise.all(reads)).filter((r) => r !== undefined);
  // A column of numbers: a cell in it that read as something other than a number, a dash or a label is a
  // number the ink test missed; read as a number, or left unread, it cannot end its row early (a table
  // builder stops reading a row's values at the first text, and the cells after it would come out blank).
  const numericColumns = new Set<number>();
  const byColumn = new Map<number, { numbers: number; others: number }>();
  for (const { cell, read } of cellsRead) {
    if (cell.c0 !== cell.c1) continue;
    const c = byColumn.get(cell.c0) ?? { numbers: 0, others: 0 };
    if (read.number || read.unread) c.numbers++;
    else c.others++;
    byColumn.set(cell.c0, c);
  }
  for (const [col, c] of byColumn) if (c.numbers >= 3 && c.numbers >= 2 * c.others) numericColumns.add(col);
  await Promise.all(
    cellsRead.map(async (r) => {
      const { cell, read } = r;
      if (read.number || read.unread || read.label || cell.c0 !== cell.c1 || !numericColumns.has(cell.c0)) return;
      if (isValueText(read.text)) return;
      const img = cellImage(r.found, r.inner, image, scale);
      r.read = (await readNumberCell(r.found, img, image, ink, dpi, pool)) ?? { text: UNREAD, confidence: 0, unread: true };
    }),
  );
  const done = cellsRead.map(({ cell, found, read }) => {
    const item: Item = { text: read.text, box: toBox(found.box!), confidence: read.confidence };
    if (read.number) numbers.push({ item, ...read.number });
    if (read.unread) unread.push(item.box!);
    return { cell, item };
  });
  const rows = new Map<number, Item[]>();
  for (const { cell, item } of done) {
    const row = rows.get(cell.r0) ?? [];
    row.push(item);
    rows.set(cell.r0, row);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, items]) => ({ items }));
}

/** What stands for a numeric cell whose print could not be read: a dash (no value), with confidence 0. */
const UNREAD = '—';

interface CellRead {
  text: string;
  confidence: number;
  unread?: true;
  /** A template label or header (as read, or snapped to one). */
  label?: true;
  number?: Omit<NumberRead, 'item'>;
}

/** The cell's ink on white, specks removed, with a margin: what tesseract is given. */
function cellImage(found: CellInk, inner: Rect, image: Gray, scale: number): Gray {
  const box = found.box!;
  const m = Math.round(1 * scale);
  const x0 = Math.max(inner.x0, box.x0 - m);
  const y0 = Math.max(inner.y0, box.y0 - m);
  const x1 = Math.min(inner.x1, box.x1 + m);
  const y1 = Math.min(inner.y1, box.y1 + m);
  const part = whitenPaper(crop(image, x0, y0, x1, y1));
  for (const d of found.dropped) whiten(part, d.x0 - Math.floor(x0), d.y0 - Math.floor(y0), d.x1 - Math.floor(x0), d.y1 - Math.floor(y0));
  return pad(part, Math.round(3 * scale));
}

async function readCell(
  found: CellInk,
  inner: Rect,
  image: Gray,
  ink: Uint8Array,
  scale: number,
  dpi: number,
  pool: OcrPool,
): Promise<CellRead | undefined> {
  if (found.kind === 'dash') return { text: '—', confidence: INK_CONFIDENCE };
  const img = cellImage(found, inner, image, scale);
  if (found.kind === 'number') {
    const r = await readNumberCell(found, img, image, ink, dpi, pool);
    if (r) return r;
    // Print that looks like a number but reads as none. Left out, the row would show a blank there; as
    // a dash with no confidence it stays in its column, empty (never a made-up value) and flagged.
    return { text: UNREAD, confidence: 0, unread: true };
  }
  const t = await readText(img, found, dpi, pool);
  // A printed "--" is two short strokes: the ink test does not call it a dash, and the Chinese model
  // reads it as 一一.
  if (STROKES_ONLY.test(t.text.replace(/\s+/g, ''))) return { text: '—', confidence: t.confidence };
  // Digits run together (small print) look like a Chinese character to the ink test: a text reading with
  // no Chinese in it and digits is read again as a number.
  if (found.lines.length === 1 && /\d/.test(t.text) && DIGIT_LIKE.test(t.text)) {
    return (await readNumberCell(found, img, image, ink, dpi, pool)) ?? { text: UNREAD, confidence: 0, unread: true };
  }
  return t;
}

/** Nothing but horizontal strokes, as read. */
const STROKES_ONLY = /^[一—–\-_－]{1,4}$/u;

/** A cell text a table builder reads as a value: a number or a dash (—, -, /, 无). */
function isValueText(text: string): boolean {
  return /^(?:-?[\d,]+(?:\.\d+)?|[—–－\-]{1,4}|[/／]|无|不适用)$/u.test(text.replace(/\s+/g, ''));
}

/** What tesseract makes of digits when it reads them as text. */
const DIGIT_LIKE = /^[\d.,，。\s\-—|\]\[lIoO]+$/;

async function readNumberCell(found: CellInk, img: Gray, image: Gray, ink: Uint8Array, dpi: number, pool: OcrPool): Promise<CellRead | undefined> {
  const lineHeight = found.lines[0]!.y1 - found.lines[0]!.y0;
  const glyphs = splitRunTogether(digitBlobs(found.blobs, lineHeight), ink, image.width);
  const holes = glyphs.map((g) => holesOf(image, g));
  // Each glyph with the room up to its neighbours: faint strokes (the thin diagonal of a 4) fall outside
  // the ink box but belong to the glyph.
  const reach = 0.15 * lineHeight;
  const glyphImages = glyphs.map((g, i) => {
    const left = i > 0 ? (glyphs[i - 1]!.x1 + g.x0) / 2 : g.x0 - reach;
    const right = i + 1 < glyphs.length ? (g.x1 + glyphs[i + 1]!.x0) / 2 : g.x1 + reach;
    return whitenPaper(crop(image, left, g.y0 - 1, right, g.y1 + 1));
  });
  const r = await readNumber(img, lineHeight, dpi, pool, holes, glyphImages);
  if (!r) return undefined;
  const digits = r.text.replace(/[^0-9]/g, '');
  const paired = glyphs.length === digits.length;
  return {
    text: r.text,
    confidence: round(r.confidence),
    number: { digits, glyphs: paired ? glyphs.map((b) => glyphOf(image, b)) : undefined, ocrConfidence: round(r.confidence) },
  };
}

async function readText(img: Gray, found: CellInk, dpi: number, pool: OcrPool): Promise<CellRead> {
  const psm: Psm = found.lines.length > 1 ? '6' : '7';
  const r = await pool.run({ image: toPgm(img), psm, dpi });
  const raw = dropStrayMarks(joinCjk(r.text.replace(/\n+/g, ' ')));
  const { text, snapped } = snapLabel(raw, { wrapped: found.lines.length > 1 });
  return { text, confidence: r.confidence / 100, ...(snapped || isLabel(text) ? { label: true as const } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Text outside the tables

/** Margin bands (share of the page height) where a lone number is a page number. */
const MARGIN = 0.09;
const PAGE_NUMBER = /^[-—–一_~·•.\s]*\d{1,3}[-—–一_~·•.\s]*$|^第\d{1,3}页/;

async function readProse(
  image: Gray,
  tables: Table[],
  scale: number,
  dpi: number,
  height: number,
  pool: OcrPool,
  toBox: (r: Rect) => Box,
): Promise<Block[]> {
  let page = image;
  if (tables.length) {
    page = { width: image.width, height: image.height, data: new Uint8Array(image.data) };
    const m = 1.5 * scale;
    for (const t of tables) whiten(page, t.x0 - m, t.y0 - m, t.x1 + m, t.y1 + m);
  }
  // Nothing but white (or specks): no reading at all.
  if (!hasPrint(page, scale)) return [];
  const r = await pool.run({ image: toPgm(page), psm: '3', dpi, tsv: true });
  const lines = parseTsvLines(r.tsv ?? '');
  const out: Block[] = [];
  for (const l of lines) {
    const text = joinCjk(l.words.join(' '));
    if (text === '') continue;
    const box = toBox(l);
    const inMargin = box[3] <= MARGIN * height || box[1] >= (1 - MARGIN) * height;
    if (inMargin && PAGE_NUMBER.test(text)) continue;
    // Tesseract reads noise as a stray letter or two at low confidence: not text.
    if (l.confidence < 30 && text.length <= 2) continue;
    out.push({ top: l.y0, lines: [{ items: [{ text, box, confidence: round(l.confidence / 100) }] }] });
  }
  return out;
}

function hasPrint(img: Gray, scale: number): boolean {
  const small = resize(img, Math.max(1, Math.round(img.width / 4)), Math.max(1, Math.round(img.height / 4)));
  const ink = binarize(small, Math.min(otsu(small), 160));
  let count = 0;
  for (let i = 0; i < ink.length; i++) count += ink[i]!;
  // At least a short line of print: a few characters' worth of dark pixels at quarter resolution.
  const char = ((scale * 10) / 4) ** 2 * 0.15;
  return count >= 3 * char;
}

// ---------------------------------------------------------------------------------------------------------
// Orientation

/**
 * Of the page as it is and its two quarter turns, the one whose densest band of print reads with the most
 * confidence; undefined when that is the page as it is (the ink test was wrong) or nothing reads.
 */
async function chooseTurn(image: Gray, dpi: number, pool: OcrPool): Promise<{ turns: 1 | 3 } | undefined> {
  const tries = await Promise.all(
    ([0, 1, 3] as const).map(async (turns) => {
      const turnedImage = turns === 0 ? image : rotateQuarter(image, turns);
      const band = densestBand(turnedImage);
      if (!band) return { turns, confidence: -1 };
      const r = await pool.run({ image: toPgm(crop(turnedImage, 0, band[0], turnedImage.width, band[1])), psm: '6', dpi });
      return { turns, confidence: r.text.trim() === '' ? -1 : r.confidence };
    }),
  );
  const best = tries.sort((a, b) => b.confidence - a.confidence)[0]!;
  return best.confidence < 0 || best.turns === 0 ? undefined : { turns: best.turns };
}

/** A band of rows holding a few lines of the most ink, for a quick test read. */
function densestBand(img: Gray): [number, number] | undefined {
  const ink = binarize(img, otsu(img));
  const rows = new Float64Array(img.height);
  for (let y = 0; y < img.height; y++) {
    let s = 0;
    for (let x = 0; x < img.width; x++) s += ink[y * img.width + x]!;
    rows[y] = s;
  }
  const span = Math.max(8, Math.round(img.height / 12));
  let best = -1;
  let at = 0;
  let sum = 0;
  for (let y = 0; y < img.height; y++) {
    sum += rows[y]!;
    if (y >= span) sum -= rows[y - span]!;
    if (y >= span - 1 && sum > best) {
      best = sum;
      at = y - span + 1;
    }
  }
  return best > 0 ? [at, at + span] : undefined;
}
