/**
 * The hard identities of report-format.md §6, declared as data built from the template declarations,
 * so a row or column added to the template is checked without touching this file.
 */
import type { Check, Tables } from '../model/record.js';
import {
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestRows,
  type OtherHandlingForm,
} from '../template/templates.js';
import { cellPath, type TableName } from './cells.js';

export interface Term {
  path: string;
  /** The key shown in the formula text (a row key for column checks, a column key for row checks). */
  label: string;
  sign: 1 | -1;
}

export type Family = 'T3-BALANCE' | 'T3-RESULT-SUM' | 'T3-ROW-TOTAL' | 'T4-TOTAL' | 'T2-INFORCE-GE-NET';

export interface LinearIdentity {
  id: string;
  family: Family;
  /** The row, column or group the identity is about: the id's suffix. */
  key: string;
  severity: Check['severity'];
  relation: '=' | '≥';
  formula: string;
  left: Term[];
  right: Term[];
}

const HARD_FAMILIES: readonly Family[] = ['T3-BALANCE', 'T3-RESULT-SUM', 'T3-ROW-TOTAL', 'T4-TOTAL'];

export function isHardIdentity(id: string): boolean {
  return HARD_FAMILIES.some((f) => id.startsWith(`${f}.`));
}

export function term(table: TableName, row: string, col: string, label: string, sign: 1 | -1 = 1): Term {
  return { path: cellPath(table, row, col), label, sign };
}

function sideText(terms: readonly Term[]): string {
  return terms
    .map((t, i) => (i === 0 ? (t.sign < 0 ? `−${t.label}` : t.label) : `${t.sign < 0 ? '−' : '+'} ${t.label}`))
    .join(' ');
}

/** The formula text is generated from the terms so it can never disagree with the cells checked. */
export function identity(
  family: Family,
  key: string,
  severity: Check['severity'],
  relation: '=' | '≥',
  left: Term[],
  right: Term[],
): LinearIdentity {
  return {
    id: `${family}.${key}`,
    family,
    key,
    severity,
    relation,
    formula: `${sideText(left)} ${relation} ${sideText(right)}`,
    left,
    right,
  };
}

/** The rows printed decide the form of （六）, not the template: hybrid gb2021 reports print the single row. */
export function requestForm(rows: Readonly<Record<string, unknown>>): OtherHandlingForm {
  return Object.hasOwn(rows, 'otherHandling') ? 'single' : 'split';
}

const TOTAL = 'total';

function requestIdentities(form: OtherHandlingForm): LinearIdentity[] {
  const rows = requestRows(form);
  const leaves = rows.filter((r) => r.leaf).map((r) => r.key);
  const parts = REQUEST_COLUMNS.map((c) => c.key).filter((k) => k !== TOTAL);
  const r = (row: string, col: string) => term('requests', row, col, row);
  const c = (row: string, col: string) => term('requests', row, col, col);
  const out: LinearIdentity[] = [];
  for (const { key: col } of REQUEST_COLUMNS) {
    out.push(
      identity(
        'T3-BALANCE',
        col,
        'error',
        '=',
        [r('newReceived', col), r('carriedIn', col)],
        [r('totalProcessed', col), r('carriedOut', col)],
      ),
    );
  }
  for (const { key: col } of REQUEST_COLUMNS) {
    out.push(
      identity(
        'T3-RESULT-SUM',
        col,
        'error',
        '=',
        [r('totalProcessed', col)],
        leaves.map((leaf) => r(leaf, col)),
      ),
    );
  }
  for (const { key: row } of rows) {
    out.push(
      identity(
        'T3-ROW-TOTAL',
        row,
        'error',
        '=',
        [c(row, TOTAL)],
        parts.map((col) => c(row, col)),
      ),
    );
  }
  return out;
}

function reviewIdentities(): LinearIdentity[] {
  const parts = REVIEW_COLUMNS.map((c) => c.key).filter((k) => k !== TOTAL);
  return REVIEW_GROUPS.map(({ key: group }) =>
    identity(
      'T4-TOTAL',
      group,
      'error',
      '=',
      [term('reviewLitigation', group, TOTAL, TOTAL)],
      parts.map((col) => term('reviewLitigation', group, col, col)),
    ),
  );
}

/**
 * Built once per form and kept (frozen): the list is the same for every report of a form, and building it anew
 * per report made its small closures new each time, which V8 optimized again after every full collection.
 */
const built = new Map<string, readonly LinearIdentity[]>();
function once(key: string, build: () => LinearIdentity[]): readonly LinearIdentity[] {
  let list = built.get(key);
  if (!list) {
    const frozen = (terms: Term[]) => Object.freeze(terms.map((t) => Object.freeze(t))) as Term[];
    list = Object.freeze(build().map((i) => Object.freeze({ ...i, left: frozen(i.left), right: frozen(i.right) })));
    built.set(key, list);
  }
  return list;
}

const requestsOnce = (form: OtherHandlingForm) => once(`requests:${form}`, () => requestIdentities(form));

/** Hard identities in report order; a null table contributes none. */
export function hardIdentities(tables: Tables): LinearIdentity[] {
  return [
    ...(tables.requests ? requestsOnce(requestForm(tables.requests.rows)) : []),
    ...(tables.reviewLitigation ? once('review', reviewIdentities) : []),
  ];
}
