/**
 * Splitting runs of digits into cells. Crawled pages print a row's cells with nothing between them
 * (一、本年新收…801000081 is 80 1 0 0 0 0 81). Every way to cut the tokens into exactly the row's cells is
 * enumerated, filtered by `accept` (the identities), and the caller decides whether one split is left.
 */
import type { ValueToken } from './tokens.js';

export interface Slot {
  decimal?: boolean;
  signed?: boolean;
}

export interface Piece {
  /** `blank`: a column the row prints nothing in (known from x-positions). */
  kind: 'number' | 'dash' | 'blank';
  value: number | null;
  raw: string;
  start: number;
  end: number;
  unit?: string;
  /** Cut out of a longer printed run. */
  split: boolean;
}

export interface SplitResult {
  candidates: Piece[][];
  /** The search stopped at its budget: candidates may be incomplete. */
  exhausted: boolean;
}

const MAX_DIGITS = 12;
const INTEGER = /^(?:0|[1-9]\d*)$/;
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

export const BLANK: Piece = { kind: 'blank', value: null, raw: '', start: 0, end: 0, split: false };

/** The tokens read as they are, one per cell, when their count matches. */
export function direct(tokens: ValueToken[]): Piece[] {
  return tokens.map((t) => ({
    kind: t.kind,
    value: t.kind === 'number' ? signed(t, t.digits!) : null,
    raw: t.text,
    start: t.start,
    end: t.end,
    ...(t.unit ? { unit: t.unit } : {}),
    split: false,
  }));
}

export function splitRuns(
  tokens: ValueToken[],
  slots: Slot[],
  accept: (values: (number | null)[]) => boolean = () => true,
  options: { budget?: number; maxCandidates?: number } = {},
): SplitResult {
  const budget = options.budget ?? 200_000;
  const maxCandidates = options.maxCandidates ?? 64;
  const candidates: Piece[][] = [];
  let steps = 0;
  let exhausted = false;
  const pieces: Piece[] = [];
  const n = slots.length;

  // Pieces still needed must fit in the characters left: each remaining token gives at least one.
  const walk = (ti: number, ci: number): void => {
    if (exhausted) return;
    if (++steps > budget) {
      exhausted = true;
      return;
    }
    if (ti === tokens.length) {
      if (pieces.length === n && accept(pieces.map((p) => p.value))) {
        candidates.push(pieces.slice());
        if (candidates.length >= maxCandidates) exhausted = true;
      }
      return;
    }
    const remainingTokens = tokens.length - ti - 1;
    const t = tokens[ti]!;
    if (t.kind === 'dash' || t.grouped) {
      if (ci > 0) return;
      if (pieces.length >= n) return;
      const [p] = direct([t]);
      if (t.kind === 'number' && !fits(t.digits!, slots[pieces.length]!, !!t.sign)) return;
      pieces.push(p!);
      walk(ti + 1, 0);
      pieces.pop();
      return;
    }
    const digits = t.digits!;
    for (let len = 1; ci + len <= digits.length && len <= MAX_DIGITS + 1; len++) {
      const part = digits.slice(ci, ci + len);
      const last = ci + len === digits.length;
      const slot = slots[pieces.length];
      if (!slot) return;
      if (!fits(part, slot, ci === 0 && !!t.sign)) continue;
      if (pieces.length + 1 + remainingTokens > n) return;
      const offsetOf = (k: number) => charOffset(t, k);
      pieces.push({
        kind: 'number',
        value: ci === 0 ? signed(t, part) : Number(part),
        raw: (ci === 0 && t.sign ? t.text.slice(0, 1) : '') + part + (last && t.unit ? t.unit : ''),
        start: ci === 0 ? t.start : offsetOf(ci),
        end: last ? t.end : offsetOf(ci + len),
        ...(last && t.unit ? { unit: t.unit } : {}),
        split: !(ci === 0 && last),
      });
      if (last) walk(ti + 1, 0);
      else walk(ti, ci + len);
      pieces.pop();
    }
  };
  walk(0, 0);
  return { candidates, exhausted };
}

function fits(part: string, slot: Slot, hasSign: boolean): boolean {
  if (hasSign && !slot.signed) return false;
  if (part.replace('.', '').length > MAX_DIGITS) return false;
  return slot.decimal ? DECIMAL.test(part) : INTEGER.test(part);
}

function signed(t: ValueToken, part: string): number {
  const v = Number(part);
  return t.sign === '-' ? -v : v;
}

/** Stream offset of digit index k of an ungrouped token (sign first, then digits). */
function charOffset(t: ValueToken, k: number): number {
  return t.start + (t.sign ? 1 : 0) + k;
}
