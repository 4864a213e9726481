/**
 * One table row's values: read the tokens after its label and decide how they fill the row's cells.
 * Whitespace-separated tokens, one per cell, are read as printed; fewer tokens than cells means digits
 * ran together, and every split that satisfies `accept` is returned for the table to decide.
 */
import type { TextStream } from '../layout/stream.js';
import { readValues, type ValueToken } from './tokens.js';
import { BLANK, direct, splitRuns, type Piece, type Slot } from './split-runs.js';
import { assignColumns, boxOf } from './columns.js';

export type RowValues =
  | { status: 'direct'; pieces: Piece[]; run: string; start: number; end: number }
  | {
      status: 'split';
      candidates: Piece[][];
      exhausted: boolean;
      /** The digits cut into the cells one way only, identities or not: read, not inferred. */
      forced: boolean;
      run: string;
      start: number;
      end: number;
    }
  | { status: 'empty'; run: ''; start: number; end: number }
  | { status: 'overflow'; tokens: ValueToken[]; run: string; start: number; end: number };

/**
 * `columns`: x-centres of the row's cells, when the input has geometry. Values are then placed by
 * position, so a row that prints nothing in a column gets a blank cell there.
 */
export function readRow(
  stream: TextStream,
  from: number,
  to: number,
  slots: Slot[],
  accept?: (values: (number | null)[]) => boolean,
  columns?: number[],
): RowValues & { stop: number } {
  const { text } = stream;
  const { tokens, stop } = readValues(text, from, to);
  const start = tokens[0]?.start ?? from;
  const end = tokens.at(-1)?.end ?? from;
  const run = text.slice(start, end);
  if (tokens.length === 0) return { status: 'empty', run: '', start, end, stop };
  const placed = columns && tokens.length <= slots.length ? byPosition(stream, tokens, columns) : undefined;
  if (placed) return { status: 'direct', pieces: placed, run, start, end, stop };
  if (tokens.length === slots.length) return { status: 'direct', pieces: direct(tokens), run, start, end, stop };
  if (tokens.length > slots.length) return { status: 'overflow', tokens, run, start, end, stop };
  const { candidates, exhausted } = splitRuns(tokens, slots, accept);
  const forced = accept ? isForced(tokens, slots) : candidates.length === 1 && !exhausted && isForced(tokens, slots);
  return { status: 'split', candidates, exhausted, forced, run, start, end, stop };
}

function isForced(tokens: ValueToken[], slots: Slot[]): boolean {
  // A run of dashes (----) may be one dash cell or several: the split of the row is then a guess.
  if (tokens.some((t) => t.kind === 'dash' && t.text.length > 1)) return false;
  const any = splitRuns(tokens, slots, undefined, { maxCandidates: 2 });
  return any.candidates.length === 1 && !any.exhausted;
}

export function describe(pieces: Piece[]): string {
  return pieces.map((p) => p.raw).join(' ');
}

const MAX_LISTED = 20;

/** The candidate readings as values, for a warning an auditor can act on. */
export function candidateValues(candidates: Piece[][]): { candidates?: (number | null)[][] } {
  if (candidates.length === 0) return {};
  return { candidates: candidates.slice(0, MAX_LISTED).map((c) => c.map((p) => p.value)) };
}

function byPosition(stream: TextStream, tokens: ValueToken[], columns: number[]): Piece[] | undefined {
  const boxes = tokens.map((t) => boxOf(stream, t.start, t.end));
  if (!boxes.every((b) => b !== undefined)) return undefined;
  const cols = assignColumns(boxes, columns);
  if (!cols) return undefined;
  const pieces = direct(tokens);
  const out: Piece[] = columns.map(() => BLANK);
  cols.forEach((c, i) => (out[c] = pieces[i]!));
  return out;
}

/** The boxes of a stretch's values, for deriving columns from rows that print every value. */
export function valueBoxes(stream: TextStream, from: number, to: number) {
  return readValues(stream.text, from, to).tokens.map((t) => boxOf(stream, t.start, t.end));
}
