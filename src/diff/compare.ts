/**
 * Two records of the same report, cell by cell and check by check. A cell is compared on what it says (value,
 * kind) and on how the identities judge it; where it was read (page, bbox, address, offset), its raw text,
 * OCR confidence and the source block differ legitimately between input kinds and runs, and are not compared.
 */
import type { Cell } from '../model/cell.js';
import type { Check, ReportRecord } from '../model/record.js';
import { cellEntries } from '../writers/cells.js';
import { cellPath } from '../checks/cells.js';
import { cellVerdicts, type CellVerdict } from '../checks/verdicts.js';

export interface CellState {
  value: number | null;
  kind: Cell['kind'];
  /** What the hard checks naming the cell say (checks/verdicts.ts); null: the cell is in none. */
  checks: CellVerdict | null;
}

export interface CellDifference {
  path: string;
  /** null: the record has no such cell (another template, or the table was not found). */
  a: CellState | null;
  b: CellState | null;
}

export interface IdentityChange {
  id: string;
  /** null: the record has no such check. */
  a: Check['status'] | null;
  b: Check['status'] | null;
}

export interface RecordDifference {
  cells: CellDifference[];
  identities: IdentityChange[];
}

export function compareRecords(a: ReportRecord, b: ReportRecord): RecordDifference {
  const stateA = cellStates(a);
  const stateB = cellStates(b);
  const cells: CellDifference[] = [];
  for (const path of union(stateA.keys(), stateB.keys())) {
    const sa = stateA.get(path) ?? null;
    const sb = stateB.get(path) ?? null;
    if (!sameState(sa, sb)) cells.push({ path, a: sa, b: sb });
  }
  const statusA = new Map(a.checks.map((c) => [c.id, c.status]));
  const statusB = new Map(b.checks.map((c) => [c.id, c.status]));
  const identities: IdentityChange[] = [];
  for (const id of union(statusA.keys(), statusB.keys())) {
    const sa = statusA.get(id) ?? null;
    const sb = statusB.get(id) ?? null;
    if (sa !== sb) identities.push({ id, a: sa, b: sb });
  }
  return { cells, identities };
}

export function isEmpty(d: RecordDifference): boolean {
  return d.cells.length === 0 && d.identities.length === 0;
}

/** Every template cell of the record by path, in template order. */
function cellStates(record: ReportRecord): Map<string, CellState> {
  const judged = cellVerdicts(record.checks);
  const out = new Map<string, CellState>();
  for (const { table, row, column, cell } of cellEntries(record)) {
    const path = cellPath(table, row, column);
    out.set(path, { value: cell.value, kind: cell.kind, checks: judged.get(path) ?? null });
  }
  return out;
}

function sameState(a: CellState | null, b: CellState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.kind === b.kind && a.checks === b.checks;
}

/** A's keys in A's order, then B's others in B's order. */
function union(a: Iterable<string>, b: Iterable<string>): string[] {
  const seen = new Set(a);
  const out = [...seen];
  for (const k of b) {
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(k);
  }
  return out;
}
