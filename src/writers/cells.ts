/** Every cell of a record with its table, row and column, in template order: what tabular writers walk. */
import type { Cell } from '../model/cell.js';
import type { ReportRecord } from '../model/record.js';

export interface CellEntry {
  table: 'activeDisclosure' | 'requests' | 'reviewLitigation';
  row: string;
  column: string;
  cell: Cell;
}

export function* cellEntries(record: ReportRecord): Generator<CellEntry> {
  const { activeDisclosure, requests, reviewLitigation } = record.tables;
  for (const [row, cols] of Object.entries(activeDisclosure ?? {})) {
    for (const [column, cell] of Object.entries(cols as Record<string, Cell>)) yield { table: 'activeDisclosure', row, column, cell };
  }
  for (const [row, cols] of Object.entries(requests?.rows ?? {})) {
    for (const [column, cell] of Object.entries(cols)) yield { table: 'requests', row, column, cell };
  }
  for (const [row, cols] of Object.entries(reviewLitigation ?? {})) {
    for (const [column, cell] of Object.entries(cols as Record<string, Cell>)) yield { table: 'reviewLitigation', row, column, cell };
  }
}
