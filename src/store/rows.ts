/**
 * A record flattened into the rows of the archive tables. Built in the worker thread, so the single writer
 * (the main thread) only runs prepared inserts.
 */
import type { ReportRecord } from '../model/record.js';
import { cellEntries } from '../writers/cells.js';
import { agencyKey } from './agency.js';

export type SqlValue = string | number | null;

export interface ReportRows {
  /** Columns of `reports` that come from the record (the caller adds path, status, timings). */
  report: {
    agency: string | null;
    agency_key: string | null;
    year: number | null;
    title: string | null;
    template: string;
    extractor: string;
    media_type: string;
    encoding: string | null;
    pages: number | null;
    ocr_pages: number;
    failing_identities: number;
    unknown_checks: number;
    warning_count: number;
  };
  /** tbl, row, column, value, raw, kind, page, bbox, address, offset, unit, confidence, reconstructed */
  cells: SqlValue[][];
  /** id, severity, status, origin, formula, left, right, delta, cells, if_blank_zero, culprit, message */
  checks: SqlValue[][];
  /** seq, code, message, page, cells */
  warnings: SqlValue[][];
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function recordRows(record: ReportRecord): ReportRows {
  const cells: SqlValue[][] = [];
  for (const { table, row, column, cell } of cellEntries(record)) {
    cells.push([
      table,
      row,
      column,
      cell.value,
      cell.raw,
      cell.kind,
      orNull(cell.page),
      cell.bbox ? JSON.stringify(cell.bbox) : null,
      cell.address ? JSON.stringify(cell.address) : null,
      orNull(cell.offset),
      orNull(cell.unit),
      orNull(cell.confidence),
      cell.reconstructed ? 1 : null,
    ]);
  }
  // Check ids are unique within a record; keep the first should a future check repeat one.
  const seen = new Set<string>();
  const checks: SqlValue[][] = [];
  for (const c of record.checks) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    checks.push([
      c.id,
      c.severity,
      c.status,
      orNull(c.origin),
      c.formula,
      c.left,
      c.right,
      c.delta,
      JSON.stringify(c.cells),
      orNull(c.ifBlankZero),
      orNull(c.culprit),
      orNull(c.message),
    ]);
  }
  const warnings = record.warnings.map((w, i) => [i, w.code, w.message, orNull(w.page), w.cells ? JSON.stringify(w.cells) : null]);
  return {
    report: {
      agency: record.agency,
      agency_key: agencyKey(record.agency),
      year: record.year,
      title: record.title,
      template: record.template,
      extractor: record.source.extractor,
      media_type: record.source.mediaType,
      encoding: orNull(record.source.encoding),
      pages: orNull(record.source.pages),
      ocr_pages: record.source.ocrPages?.length ?? 0,
      failing_identities: record.checks.filter((c) => c.severity === 'error' && c.status === 'fail').length,
      unknown_checks: record.checks.filter((c) => c.status === 'unknown').length,
      warning_count: record.warnings.length,
    },
    cells,
    checks,
    warnings,
  };
}
