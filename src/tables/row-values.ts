/**
 * One table row's values: read the tokens after its label and decide how they fill the row's cells.
 * Whitespace-separated tokens, one per cell, are read as printed; fewer tokens than cells means digits
 * ran together, and every split that satisfies `accept` is returned for the table to decide.
 */
import { readValues, type ValueToken } from './tokens.js';
import { direct, splitRuns, type Piece, type Slot } from './split-runs.js';

export type RowValues =
  | { status: 'direct'; pieces: Piece[]; run: string; start: number; end: number }
  | { status: 'split'; candidates: Piece[][]; exhausted: boolean; run: string; start: number; end: number }
  | { status: 'empty'; run: ''; start: number; end: number }
  | { status: 'overflow'; tokens: ValueToken[]; run: string; start: number; end: number };

export function readRow(
  text: string,
  from: number,
  to: number,
  slots: Slot[],
  accept?: (values: (number | null)[]) => boolean,
): RowValues & { stop: number } {
  const { tokens, stop } = readValues(text, from, to);
  const start = tokens[0]?.start ?? from;
  const end = tokens.at(-1)?.end ?? from;
  const run = text.slice(start, end);
  if (tokens.length === 0) return { status: 'empty', run: '', start, end, stop };
  if (tokens.length === slots.length) return { status: 'direct', pieces: direct(tokens), run, start, end, stop };
  if (tokens.length > slots.length) return { status: 'overflow', tokens, run, start, end, stop };
  const { candidates, exhausted } = splitRuns(tokens, slots, accept);
  return { status: 'split', candidates, exhausted, run, start, end, stop };
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
