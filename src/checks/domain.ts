/** DOM-NONNEG-INT: counts are non-negative integers; a decimal or a minus sign in a count cell is a misreading or a typo. */
import type { Check, Tables } from '../model/record.js';
import { DISCLOSURE_ROWS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, requestRows } from '../template/templates.js';
import { cellAt, cellPath, valueOf } from './cells.js';
import { originOf } from './evaluate.js';
import { requestForm } from './identities.js';

interface CountCell {
  path: string;
  /** gb2019 本年增/减 is a change, so a sign is legitimate but a fraction is not. */
  signed: boolean;
}

/** The template's count cells of every present table, in report order (二, 三, 四). */
function countCells(template: 'gb2021' | 'gb2019', tables: Tables): CountCell[] {
  const out: CountCell[] = [];
  if (tables.activeDisclosure) {
    for (const row of DISCLOSURE_ROWS[template]) {
      for (const col of row.columns) {
        // Money columns hold decimals by design.
        if (col.decimal) continue;
        out.push({ path: cellPath('activeDisclosure', row.key, col.key), signed: col.signed === true });
      }
    }
  }
  if (tables.requests) {
    // Rows a report adds (extraRows, extraColumns) have no path of their own, so they cannot be named here.
    for (const row of requestRows(requestForm(tables.requests.rows))) {
      for (const col of REQUEST_COLUMNS) out.push({ path: cellPath('requests', row.key, col.key), signed: false });
    }
  }
  if (tables.reviewLitigation) {
    for (const group of REVIEW_GROUPS) {
      for (const col of REVIEW_COLUMNS) out.push({ path: cellPath('reviewLitigation', group.key, col.key), signed: false });
    }
  }
  return out;
}

export function domainCheck(template: 'gb2021' | 'gb2019', tables: Tables): Check | null {
  if (!tables.activeDisclosure && !tables.requests && !tables.reviewLitigation) return null;
  const offending: { path: string; value: number; why: string }[] = [];
  for (const { path, signed } of countCells(template, tables)) {
    const value = valueOf(cellAt(tables, path));
    if (value === null) continue;
    if (!Number.isInteger(value)) offending.push({ path, value, why: 'not an integer' });
    else if (value < 0 && !signed) offending.push({ path, value, why: 'negative' });
  }
  const check: Check = {
    id: 'DOM-NONNEG-INT',
    severity: 'error',
    status: offending.length ? 'fail' : 'pass',
    formula: 'every count cell is an integer ≥ 0',
    left: null,
    right: null,
    delta: null,
    cells: offending.map((o) => o.path),
  };
  if (!offending.length) return check;
  return {
    ...check,
    origin: originOf(offending.map((o) => cellAt(tables, o.path))),
    message: offending.map((o) => `${o.path} = ${o.value} (${o.why})`).join('; '),
  };
}
