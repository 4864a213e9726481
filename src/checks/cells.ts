/**
 * Record paths (`requests.denied.stateSecret.total`) and the cells they name.
 * Checks refer to cells by path only, so a check's `cells` list is exactly what an auditor looks up.
 */
import type { Cell } from '../model/cell.js';
import type { Tables } from '../model/record.js';

export type TableName = 'requests' | 'reviewLitigation' | 'activeDisclosure';

type Grid = Readonly<Record<string, Readonly<Record<string, Cell>>>>;

export function cellPath(table: TableName, row: string, col: string): string {
  return `${table}.${row}.${col}`;
}

/** Row keys contain dots (`denied.stateSecret`) but table and column keys never do: split at the first and last dot. */
export function parsePath(path: string): { table: string; row: string; col: string } | null {
  const first = path.indexOf('.');
  const last = path.lastIndexOf('.');
  if (first <= 0 || last <= first + 1 || last === path.length - 1) return null;
  return { table: path.slice(0, first), row: path.slice(first + 1, last), col: path.slice(last + 1) };
}

export function gridOf(tables: Tables, table: TableName): Grid | null {
  switch (table) {
    case 'requests':
      return tables.requests?.rows ?? null;
    case 'reviewLitigation':
      return tables.reviewLitigation;
    case 'activeDisclosure':
      return tables.activeDisclosure;
  }
}

function isTableName(name: string): name is TableName {
  return name === 'requests' || name === 'reviewLitigation' || name === 'activeDisclosure';
}

export function cellAt(tables: Tables, path: string): Cell | undefined {
  const parts = parsePath(path);
  if (!parts || !isTableName(parts.table)) return undefined;
  return gridOf(tables, parts.table)?.[parts.row]?.[parts.col];
}

/** A missing cell is as unknown as a blank one; a non-finite value would poison every sum it enters. */
export function valueOf(cell: Cell | undefined): number | null {
  if (!cell || cell.value === null || !Number.isFinite(cell.value)) return null;
  return cell.value;
}
