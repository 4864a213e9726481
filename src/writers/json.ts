import type { ReportRecord } from '../model/record.js';

/** Same record, same bytes: key order is fixed by construction, indentation by this writer. */
export function toJson(record: ReportRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}
