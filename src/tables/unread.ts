/**
 * A template table the document should have but that could not be read: every cell unread (kind text),
 * so the record says "not read" instead of pretending the table is absent or zero.
 */
import type { Cell } from '../model/cell.js';
import type { ActiveDisclosureTable, RequestsTable, ReviewLitigationTable } from '../model/record.js';
import {
  DISCLOSURE_ROWS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestRows,
  type OtherHandlingForm,
  type TemplateId,
} from './../template/templates.js';
import { unreadCell } from './cells.js';

const grid = (rows: readonly string[], cols: readonly string[]): Record<string, Record<string, Cell>> =>
  Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => [c, unreadCell('')]))]));

export function unreadDisclosure(template: TemplateId): ActiveDisclosureTable {
  return Object.fromEntries(
    DISCLOSURE_ROWS[template].map((r) => [r.key, Object.fromEntries(r.columns.map((c) => [c.key, unreadCell('')]))]),
  );
}

export function unreadRequests(form: OtherHandlingForm): RequestsTable {
  const cols = REQUEST_COLUMNS.map((c) => c.key);
  return { columns: cols, rows: grid(requestRows(form).map((r) => r.key), cols) };
}

export function unreadReview(): ReviewLitigationTable {
  return grid(
    REVIEW_GROUPS.map((g) => g.key),
    REVIEW_COLUMNS.map((c) => c.key),
  ) as ReviewLitigationTable;
}
