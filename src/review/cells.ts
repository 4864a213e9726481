/**
 * The cells a review page shows: every template cell by its record path, and the rows and columns a
 * report adds (by label), each with what the hard checks say about it.
 */
import type { Cell } from '../model/cell.js';
import { isUncertain } from '../model/cell.js';
import type { ReportRecord } from '../model/record.js';
import { cellPath } from '../checks/cells.js';
import { cellVerdicts, type CellVerdict } from '../checks/verdicts.js';
import { cellEntries } from '../writers/cells.js';

export interface ReviewCell {
  /** The record path (`requests.newReceived.total`); added rows and columns: `requests.extraRows[小计].total`. */
  path: string;
  cell: Cell;
  verdict: CellVerdict | null;
  /** Read with doubt: unread, reconstructed or low OCR confidence. */
  doubtful: boolean;
  /** The checks (any severity) that name it. */
  checks: string[];
}

export function reviewCells(record: ReportRecord): ReviewCell[] {
  const verdicts = cellVerdicts(record.checks);
  const named = new Map<string, string[]>();
  for (const c of record.checks) {
    for (const p of c.cells) {
      const list = named.get(p);
      if (list) list.push(c.id);
      else named.set(p, [c.id]);
    }
  }
  const make = (path: string, cell: Cell): ReviewCell => ({
    path,
    cell,
    verdict: verdicts.get(path) ?? null,
    doubtful: isUncertain(cell),
    checks: named.get(path) ?? [],
  });
  const out = [...cellEntries(record)].map((e) => make(cellPath(e.table, e.row, e.column), e.cell));
  const requests = record.tables.requests;
  for (const r of requests?.extraRows ?? []) {
    for (const [col, cell] of Object.entries(r.cells)) out.push(make(`requests.extraRows[${r.label}].${col}`, cell));
  }
  for (const c of requests?.extraColumns ?? []) {
    for (const [row, cell] of Object.entries(c.cells)) out.push(make(`requests.extraColumns[${c.label}].${row}`, cell));
  }
  return out;
}
