/** Tidy long-form CSV: one line per cell (file, table, row, column, value, raw, page). */
import type { ReportRecord } from '../model/record.js';
import { cellEntries } from './cells.js';

export const CSV_HEADER = ['file', 'table', 'row', 'column', 'value', 'raw', 'page'];

export function csvRows(record: ReportRecord): string[] {
  const out: string[] = [];
  for (const { table, row, column, cell } of cellEntries(record)) {
    out.push(
      csvLine([record.source.path, table, row, column, cell.value === null ? '' : String(cell.value), cell.raw, cell.page ?? '']),
    );
  }
  return out;
}

export function toCsv(records: ReportRecord[]): string {
  return [csvLine(CSV_HEADER), ...records.flatMap(csvRows)].join('\n') + '\n';
}

function csvLine(fields: (string | number)[]): string {
  return fields.map((f) => escape(String(f))).join(',');
}

function escape(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
