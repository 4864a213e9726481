/**
 * 表四 政府信息公开行政复议、行政诉讼情况: one row of 15 values under a header of stacked words, no row label.
 * Values start at the first number after the header; a run of digits is split only when T4-TOTAL of all
 * three groups leaves one reading.
 */
import type { Cell } from '../model/cell.js';
import type { ReviewLitigationTable } from '../model/record.js';
import { labelKey } from '../template/labelKey.js';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../template/templates.js';
import { blankCell, cellFromPiece, unreadCell } from './cells.js';
import { findKey, type Keyed } from '../layout/keyed.js';
import type { TableContext } from './context.js';
import { candidateValues, describe, readRow } from './row-values.js';
import { fragmentCenters } from './columns.js';
import type { Piece, Slot } from './split-runs.js';

const HEADER_WORDS = [
  ...REVIEW_GROUPS.map((g) => g.label),
  ...REVIEW_COLUMNS.map((c) => c.label),
  '行政诉讼',
  '情况',
];
const HEADER_CHARS = new Set([...HEADER_WORDS.join('')]);
const SLOTS: Slot[] = Array.from({ length: 15 }, () => ({}));
const COLUMN_LABELS = REVIEW_COLUMNS.map((c) => c.label);
const HEADER_START = labelKey(REVIEW_COLUMNS[0].label);
const MAX_STRAY = 3;

const totalsHold = (v: (number | null)[]) =>
  [0, 5, 10].every((g) => {
    const part = v.slice(g, g + 5);
    return part.some((x) => x === null) || part[0]! + part[1]! + part[2]! + part[3]! === part[4];
  });

export function buildReviewLitigation(ctx: TableContext): ReviewLitigationTable | null {
  const { text } = ctx.stream;
  const start = valuesStart(text, ctx.keyed, ctx.from, ctx.to);
  if (start === undefined) return headerPrinted(ctx) ? allBlank() : null;
  const columns = fragmentCenters(ctx.stream, ctx.from, start, COLUMN_LABELS, SLOTS.length);
  const read = readRow(ctx.stream, start, ctx.to, SLOTS, totalsHold, columns);
  let pieces: Piece[] | undefined;
  let reconstructed = false;
  if (read.status === 'direct') pieces = read.pieces;
  else if (read.status === 'split' && read.candidates.length === 1 && !read.exhausted) {
    pieces = read.candidates[0];
    reconstructed = !read.forced;
    ctx.warnings.push({
      code: 'DIGITS_RUN_TOGETHER',
      message: `表四: "${read.run}" printed without separators, split where T4-TOTAL leaves one reading: ${describe(pieces!)}`,
    });
  } else if (read.status === 'empty') {
    return allBlank();
  }
  const out: Record<string, Record<string, Cell>> = {};
  REVIEW_GROUPS.forEach((g, gi) => {
    out[g.key] = Object.fromEntries(
      REVIEW_COLUMNS.map((c, ci) => {
        const p = pieces?.[gi * 5 + ci];
        return [c.key, p ? cellFromPiece(ctx.stream, p, reconstructed && p.split) : unreadCell(read.run, ctx.stream, read.start, read.end)];
      }),
    );
  });
  if (!pieces) {
    const why =
      read.status === 'overflow'
        ? `${read.tokens.length} values where 15 cells are`
        : read.status === 'split' && read.candidates.length > 1
          ? `splits ${read.candidates.length} ways: ${read.candidates.slice(0, 4).map(describe).join(' | ')}`
          : 'no split into 15 cells satisfies T4-TOTAL';
    ctx.warnings.push({
      code: 'DIGIT_RUN_UNRESOLVED',
      message: `表四: "${read.run}" ${why}`,
      cells: REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `reviewLitigation.${g.key}.${c.key}`)),
      ...(read.status === 'split' ? candidateValues(read.candidates) : {}),
    });
  }
  return out as ReviewLitigationTable;
}

/** The header is there (its column words), whatever follows it. */
function headerPrinted(ctx: TableContext): boolean {
  return ['结果维持', '尚未审结'].every((w) => findKey(ctx.keyed, w, ctx.from, ctx.to) !== undefined);
}

/** A header with no value under it: blank cells print nothing, in PDFs and grids alike. */
function allBlank(): ReviewLitigationTable {
  return Object.fromEntries(
    REVIEW_GROUPS.map((g) => [g.key, Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, blankCell()]))]),
  ) as ReviewLitigationTable;
}

/**
 * The first value after the header: the header is made only of its own words' characters. Prose before
 * the table is skipped by starting at a column word (found in the key view: 结果维\n持 wraps).
 */
function valuesStart(text: string, keyed: Keyed, from: number, to: number): number | undefined {
  let at = from;
  for (;;) {
    const header = findKey(keyed, HEADER_START, at, to);
    if (!header) return undefined;
    // A few stray characters are a misread header word (a scan's 总计 as 癌YE计), not prose.
    let stray = 0;
    for (let i = header.start; i < to; i++) {
      const ch = text[i]!;
      if (/[\s、（）()]/u.test(ch)) continue;
      if (HEADER_CHARS.has(ch)) {
        stray = 0;
        continue;
      }
      if (/[0-9—–\-/／]/u.test(ch)) return i;
      if (/[。，,；;：:]/u.test(ch) || ++stray > MAX_STRAY) break;
    }
    at = header.end;
  }
}
