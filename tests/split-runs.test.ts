/** Splitting runs of digits into cells: every reading enumerated, none invented. */
import { describe, expect, it } from 'vitest';
import { readValues } from '../src/tables/tokens.js';
import { splitRuns, type Slot } from '../src/tables/split-runs.js';

const ints = (n: number): Slot[] => Array.from({ length: n }, () => ({}));
const readings = (text: string, slots: Slot[], accept?: (v: (number | null)[]) => boolean) =>
  splitRuns(readValues(text, 0, text.length).tokens, slots, accept).candidates.map((c) => c.map((p) => p.value));
const rowTotal = (v: (number | null)[]) => v.slice(0, 6).reduce((a, b) => a! + b!, 0) === v[6];

describe('readValues', () => {
  it('reads numbers, signs, units, separators and dashes, and stops at other text', () => {
    const text = '1,234 +1036 -3 251000元 — / 无 5949.088667 第二十条';
    const { tokens, stop } = readValues(text, 0, text.length);
    expect(tokens.map((t) => [t.kind, t.digits, t.sign, t.unit])).toEqual([
      ['number', '1234', undefined, undefined],
      ['number', '1036', '+', undefined],
      ['number', '3', '-', undefined],
      ['number', '251000', undefined, '元'],
      ['dash', undefined, undefined, undefined],
      ['dash', undefined, undefined, undefined],
      ['dash', undefined, undefined, undefined],
      ['number', '5949.088667', undefined, undefined],
    ]);
    expect(text.slice(stop)).toBe('第二十条');
  });

  it('treats markdown pipes as separators', () => {
    expect(readValues('| 32 | 2 |', 0, 10).tokens.map((t) => t.digits)).toEqual(['32', '2']);
  });
});

describe('splitRuns', () => {
  it('finds the one split of 801000081 that keeps the row total', () => {
    expect(readings('801000081', ints(7), rowTotal)).toEqual([[80, 1, 0, 0, 0, 0, 81]]);
  });

  it('keeps whitespace as a cell boundary (&nbsp; padding inside cells)', () => {
    expect(readings('230 000023', ints(7), rowTotal)).toEqual([[23, 0, 0, 0, 0, 0, 23]]);
  });

  it('lists every reading when nothing decides', () => {
    expect(readings('350', ints(2))).toEqual([
      [3, 50],
      [35, 0],
    ]);
  });

  it('never reads a number with a leading zero', () => {
    expect(readings('1007', ints(2))).toEqual([
      [100, 7],
    ]);
  });

  it('keeps a decimal inside the money cell', () => {
    expect(readings('13575394432.52元', [{}, { decimal: true }])).toHaveLength(10);
    expect(readings('13575394432.52元', [{}, { decimal: true }])).toContainEqual([135, 75394432.52]);
    expect(readings('1.5', ints(1))).toEqual([]);
  });

  it('gives nothing when the run is too short for the cells', () => {
    expect(readings('1 0 0 0 0 0', ints(7))).toEqual([]);
  });

  it('stops at its budget instead of hanging on a long run', () => {
    const run = '1'.repeat(80);
    const r = splitRuns(readValues(run, 0, run.length).tokens, ints(15), () => true, { budget: 10_000 });
    expect(r.exhausted).toBe(true);
  });
});
