/**
 * The printed rows of 表三 in order, with their group structure: the template rows plus any 小计 rows, shared
 * by the HTML and plain-text renderings.
 */
import { RESULTS_GROUP, requestRows, REQUEST_COLUMNS, type OtherHandlingForm } from '../../src/template/templates.js';
import type { PCell, PrintedTables } from './cells.js';

export interface T3Row {
  /** Template row key, or `subtotal:<after>` for an added 小计 row. */
  key: string;
  label: string;
  /** （三）不予公开 ... for sub-items and their 小计 rows. */
  group?: string;
  /** Inside the 三、本年度办理结果 block. */
  inResults: boolean;
  /** The value cells in printed column order (7, or 8 with the 法人 小计 column). */
  cells: PCell[];
}

export const OUTSIDE_RESULTS = new Set(['newReceived', 'carriedIn', 'carriedOut']);

export function t3Rows(form: OtherHandlingForm, t: PrintedTables): T3Row[] {
  const cols = REQUEST_COLUMNS.map((c) => c.key);
  const ordered = (cells: Record<string, PCell>, extra: PCell | undefined): PCell[] => {
    const xs = cols.map((c) => cells[c]!);
    if (t.extraColumn) {
      if (!extra) throw new Error('8-column table without a subtotal cell');
      xs.splice(6, 0, extra); // after 其他, before 总计
    }
    return xs;
  };
  const out: T3Row[] = [];
  for (const row of requestRows(form)) {
    out.push({
      key: row.key,
      label: row.label,
      ...(row.group ? { group: row.group } : {}),
      inResults: !OUTSIDE_RESULTS.has(row.key),
      cells: ordered(t.requests[row.key]!, t.extraColumn?.[row.key]),
    });
    const sub = t.subtotalRows.find((s) => s.after === row.key);
    if (sub) out.push({ key: `subtotal:${row.key}`, label: sub.label, group: sub.group, inResults: true, cells: ordered(sub.cells, sub.extra) });
  }
  return out;
}

/** Header words of 表三's applicant columns in printed order. */
export function t3ColumnLabels(extraColumn: boolean): string[] {
  const labels = REQUEST_COLUMNS.map((c) => c.label as string);
  if (extraColumn) labels.splice(6, 0, '小计');
  return labels;
}

export { RESULTS_GROUP };
