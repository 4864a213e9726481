/**
 * Vertical text rebuilt from glyphs. pdf.js 5.6's getTextContent tests a vertical glyph against the page
 * with its advance in text-space units (evaluator.js compareWithLastPosition: `posY + glyphWidth <
 * viewBox[1]`); WPS writes text matrices scaled by 0.05, so that advance reads as ~200 pt and every vertical
 * glyph in the lower ~200 pt of the page is dropped: 三、本年度办理结果 comes out as 三、本年. The operator
 * list has all of them, so vertical runs are taken from there.
 */
import type { Box } from '../../src/model/document.js';
import { union } from './geometry.js';
import type { Glyph } from './glyphs.js';
import type { PdfItem } from './items.js';
import { startCandidates } from './words.js';
import { SPANNING_LABELS } from '../../src/template/templates.js';
import { labelKey } from '../../src/template/labelKey.js';
import { normalizeGlyphs } from '../../normalizers/glyphs.js';

interface Run {
  /** Index of the first glyph, for placing a run pdf.js lost entirely among the lines. */
  start: number;
  glyphs: number[];
  text: string;
  box: Box;
}

/** A column's next glyph is at most this far below the last (in font sizes): further down is another label. */
const MAX_GAP = 1;
/** Glyphs of one column share their centre line up to this share of the font size. */
const COLUMN_TOLERANCE = 0.25;

function verticalRuns(glyphs: Glyph[]): Run[] {
  const runs: Run[] = [];
  let run: Run | undefined;
  let last: Glyph | undefined;
  glyphs.forEach((g, i) => {
    if (!g.vertical || g.text === '') return;
    const continues =
      run &&
      last &&
      Math.abs(g.origin[0] - last.origin[0]) <= COLUMN_TOLERANCE * g.size &&
      g.box[3] <= last.box[3] &&
      last.box[1] - g.box[3] <= MAX_GAP * g.size;
    if (continues && run) {
      run.glyphs.push(i);
      run.text += g.text;
      run.box = union(run.box, g.box);
    } else {
      run = { start: i, glyphs: [i], text: g.text, box: g.box };
      runs.push(run);
    }
    last = g;
  });
  return runs;
}

/**
 * Each vertical line replaced by the whole glyph run it starts or belongs to (a run split by pdf.js into
 * several items is emitted once); runs with no item at all are inserted where they were painted.
 */
export function rebuildVertical(lines: PdfItem[][], glyphs: Glyph[]): PdfItem[][] {
  const runs = verticalRuns(glyphs);
  if (runs.length === 0) return lines;
  const runOf = new Map<number, Run>();
  for (const run of runs) for (const i of run.glyphs) runOf.set(i, run);

  const emitted = new Set<Run>();
  const out: { line: PdfItem[]; anchor: number | undefined }[] = [];
  let cursor = 0;
  for (const line of lines) {
    const first = line[0]!;
    const start = startCandidates(glyphs, first, cursor).next();
    const anchor = start.done ? undefined : start.value;
    if (anchor !== undefined) cursor = anchor;
    const run = first.vertical && anchor !== undefined ? runOf.get(anchor) : undefined;
    if (!run) {
      out.push({ line, anchor });
      continue;
    }
    if (emitted.has(run)) continue; // the rest of a run already emitted whole
    emitted.add(run);
    out.push({ line: [runItem(run, glyphs)], anchor: run.start });
  }

  for (const run of runs) {
    if (emitted.has(run)) continue;
    // Before the first line painted after it: content order is what the table builders read.
    const at = out.findIndex((l) => l.anchor !== undefined && l.anchor > run.start);
    const entry = { line: [runItem(run, glyphs)], anchor: run.start };
    if (at < 0) out.push(entry);
    else out.splice(at, 0, entry);
  }
  return out.map((l) => l.line);
}

function runItem(run: Run, glyphs: Glyph[]): PdfItem {
  const first = glyphs[run.glyphs[0]!]!;
  return { text: run.text, box: run.box, origin: first.origin, baseline: first.origin[1], size: first.size, vertical: true };
}

const SPANNING_KEYS = SPANNING_LABELS.map(labelKey);

/** A vertical run that is a start of a spanning table label (after glyph normalization): label text only. */
export function isSpanningLabelPiece(text: string): boolean {
  const key = labelKey(normalizeGlyphs(text).text);
  return key !== '' && !/\d/.test(key) && SPANNING_KEYS.some((label) => label.startsWith(key));
}
