/**
 * Injected inconsistencies: a report that does not add up, as real ones do. Each injection changes the
 * record's numbers and records exactly which hard identities then fail (assuming every operand is printed;
 * when blanks hide an operand the truth is re-evaluated from what is printed, see truth.ts).
 */
import { REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, requestRows } from '../../src/template/templates.js';
import type { Rng } from './prng.js';
import type { GenRecord } from './record.js';
import type { InjectionKind } from './variant.js';

export interface CellChange {
  /** `requests.granted.naturalPerson`, `reviewLitigation.review.total`. */
  cell: string;
  from: number;
  to: number;
}

export interface Injection {
  kind: InjectionKind;
  description: string;
  changes: CellChange[];
  /** The hard identities that fail after the change (every operand printed). */
  fails: string[];
}

const PARTS = REQUEST_COLUMNS.map((c) => c.key).filter((c) => c !== 'total');
const BALANCE_ROWS = new Set(['newReceived', 'carriedIn', 'carriedOut']);

/** The column identities a 表三 cell takes part in. */
export function columnIdentities(row: string, col: string): string[] {
  if (BALANCE_ROWS.has(row)) return [`T3-BALANCE.${col}`];
  if (row === 'totalProcessed') return [`T3-BALANCE.${col}`, `T3-RESULT-SUM.${col}`];
  return [`T3-RESULT-SUM.${col}`];
}

function clone(r: GenRecord): GenRecord {
  return structuredClone(r);
}

/** A typo-like change of a positive count: ±1, ±10, a dropped or doubled digit. New value ≥ 1. */
function typo(rng: Rng, x: number): number {
  const s = String(x);
  const options: number[] = [x + 1, x + 10];
  if (x > 1) options.push(x - 1);
  if (x > 10) options.push(x - 10);
  if (s.length >= 2) options.push(Number(s.slice(0, -1)), Number(s + s.slice(-1)));
  if (s.length >= 2 && s[0] !== s[1]) options.push(Number(s[1]! + s[0]! + s.slice(2)));
  const ok = options.filter((y) => y >= 1 && y !== x);
  return rng.pick(ok);
}

const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * Applies one injection of the given kind; returns null when the record offers no place for it (e.g. all
 * zeros). The record passed in is not modified.
 */
export function inject(rng: Rng, record: GenRecord, kind: InjectionKind): { record: GenRecord; injection: Injection } | null {
  const r = clone(record);
  const R = r.requests;
  const rows = requestRows(r.form);
  const leaves = rows.filter((x) => x.leaf).map((x) => x.key);
  const set = (row: string, col: string, to: number): CellChange => {
    const from = R[row]![col as keyof (typeof R)[string]];
    (R[row] as Record<string, number>)[col] = to;
    return { cell: `requests.${row}.${col}`, from, to };
  };
  switch (kind) {
    case 'cell-off': {
      const cands = rows.flatMap((row) => PARTS.filter((c) => R[row.key]![c] > 0).map((c) => [row.key, c] as const));
      if (!cands.length) return null;
      const [row, col] = rng.pick(cands);
      const ch = set(row, col, typo(rng, R[row]![col]));
      return {
        record: r,
        injection: {
          kind,
          description: `${ch.cell} printed ${ch.to} instead of ${ch.from}`,
          changes: [ch],
          fails: uniq([`T3-ROW-TOTAL.${row}`, ...columnIdentities(row, col)]),
        },
      };
    }
    case 'total-ignores-row': {
      const cands = leaves.filter((l) => R[l]!.total > 0);
      if (!cands.length) return null;
      const leaf = rng.pick(cands);
      const cols = REQUEST_COLUMNS.map((c) => c.key).filter((c) => R[leaf]![c] > 0);
      const changes = cols.map((c) => set('totalProcessed', c, R.totalProcessed![c] - R[leaf]![c]));
      return {
        record: r,
        injection: {
          kind,
          description: `（七）总计 leaves out row ${leaf} in every column`,
          changes,
          fails: cols.flatMap((c) => [`T3-BALANCE.${c}`, `T3-RESULT-SUM.${c}`]),
        },
      };
    }
    case 'row-total-ignores-column': {
      const cands = rows.flatMap((row) => PARTS.filter((c) => c !== 'naturalPerson' && R[row.key]![c] > 0).map((c) => [row.key, c] as const));
      if (!cands.length) return null;
      const [row, col] = rng.pick(cands);
      const ch = set(row, 'total', R[row]!.total - R[row]![col]);
      return {
        record: r,
        injection: {
          kind,
          description: `row ${row}: 总计 leaves out column ${col}`,
          changes: [ch],
          fails: uniq([`T3-ROW-TOTAL.${row}`, ...columnIdentities(row, 'total')]),
        },
      };
    }
    case 'swap-columns': {
      const cands = rows.flatMap((row) =>
        PARTS.slice(0, -1).flatMap((c, i) => {
          const d = PARTS[i + 1]!;
          return R[row.key]![c] !== R[row.key]![d] && R[row.key]![c] > 0 && R[row.key]![d] > 0 ? [[row.key, c, d] as const] : [];
        }),
      );
      // Fall back to pairs with a zero (still a swap of two printed cells under the `zero` convention).
      const loose = rows.flatMap((row) =>
        PARTS.slice(0, -1).flatMap((c, i) => {
          const d = PARTS[i + 1]!;
          return R[row.key]![c] !== R[row.key]![d] ? [[row.key, c, d] as const] : [];
        }),
      );
      const pool = cands.length ? cands : loose;
      if (!pool.length) return null;
      const [row, c, d] = rng.pick(pool);
      const a = R[row]![c];
      const b = R[row]![d];
      const changes = [set(row, c, b), set(row, d, a)];
      return {
        record: r,
        injection: {
          kind,
          description: `row ${row}: cells ${c} and ${d} swapped`,
          changes,
          fails: uniq([...columnIdentities(row, c), ...columnIdentities(row, d)]),
        },
      };
    }
    case 'swap-rows': {
      const cands: [string, string, (typeof PARTS)[number]][] = [];
      for (const c of PARTS) {
        for (let i = 0; i < leaves.length - 1; i++) {
          const a = leaves[i]!;
          const b = leaves[i + 1]!;
          if (R[a]![c] !== R[b]![c] && R[a]![c] > 0 && R[b]![c] > 0) cands.push([a, b, c]);
        }
      }
      if (!cands.length) {
        for (const c of PARTS) {
          for (let i = 0; i < leaves.length - 1; i++) {
            const a = leaves[i]!;
            const b = leaves[i + 1]!;
            if (R[a]![c] !== R[b]![c]) cands.push([a, b, c]);
          }
        }
      }
      if (!cands.length) return null;
      const [a, b, c] = rng.pick(cands);
      const va = R[a]![c];
      const vb = R[b]![c];
      const changes = [set(a, c, vb), set(b, c, va)];
      return {
        record: r,
        injection: { kind, description: `column ${c}: rows ${a} and ${b} swapped`, changes, fails: [`T3-ROW-TOTAL.${a}`, `T3-ROW-TOTAL.${b}`] },
      };
    }
    case 't4-total-ignores':
    case 't4-cell-off': {
      const T = r.reviewLitigation;
      const parts = REVIEW_COLUMNS.map((c) => c.key).filter((c) => c !== 'total');
      const cands = REVIEW_GROUPS.flatMap((g) => parts.filter((c) => T[g.key][c] > 0).map((c) => [g.key, c] as const));
      if (!cands.length) {
        // All zeros: a part cell filled in while the total was left at 0 (or a stray 1 typed in a part cell).
        const g = rng.pick(REVIEW_GROUPS).key;
        const c = rng.pick(parts);
        const v = kind === 't4-total-ignores' ? rng.int(1, 3) : 1;
        T[g][c] = v;
        return {
          record: r,
          injection: {
            kind,
            description: kind === 't4-total-ignores' ? `表四 ${g} 总计 0 while ${c} is ${v}` : `reviewLitigation.${g}.${c} printed 1 instead of 0`,
            changes: [{ cell: `reviewLitigation.${g}.${c}`, from: 0, to: v }],
            fails: [`T4-TOTAL.${g}`],
          },
        };
      }
      const [g, c] = rng.pick(cands);
      if (kind === 't4-total-ignores') {
        const from = T[g].total;
        T[g].total = from - T[g][c];
        return {
          record: r,
          injection: {
            kind,
            description: `表四 ${g} 总计 leaves out ${c}`,
            changes: [{ cell: `reviewLitigation.${g}.total`, from, to: T[g].total }],
            fails: [`T4-TOTAL.${g}`],
          },
        };
      }
      const from = T[g][c];
      T[g][c] = typo(rng, from);
      return {
        record: r,
        injection: {
          kind,
          description: `reviewLitigation.${g}.${c} printed ${T[g][c]} instead of ${from}`,
          changes: [{ cell: `reviewLitigation.${g}.${c}`, from, to: T[g][c] }],
          fails: [`T4-TOTAL.${g}`],
        },
      };
    }
  }
}
