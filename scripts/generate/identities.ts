/**
 * The hard identities of report-format.md §6 evaluated on printed values (a number, or null for a blank or a
 * dash), written independently of src/checks so the truth does not inherit the pipeline's mistakes.
 *
 * A check with a blank operand is `unknown`, unless the known terms already make it fail whatever the blanks
 * hold (every count is ≥ 0): then it is a certain `fail`.
 */
import {
  ORG_COLUMNS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestRows,
  type OtherHandlingForm,
} from '../../src/template/templates.js';

export type Printed = number | null;
export type PrintedTable = Record<string, Record<string, Printed>>;

export interface Identity {
  id: string;
  /** Cells as `table.row.col`. */
  left: string[];
  right: string[];
}

export type Status = 'pass' | 'fail' | 'unknown';

export function identities(form: OtherHandlingForm): Identity[] {
  const rows = requestRows(form);
  const leaves = rows.filter((r) => r.leaf).map((r) => r.key);
  const cols = REQUEST_COLUMNS.map((c) => c.key);
  const rq = (r: string, c: string) => `requests.${r}.${c}`;
  const out: Identity[] = [];
  for (const c of cols) {
    out.push({ id: `T3-BALANCE.${c}`, left: [rq('newReceived', c), rq('carriedIn', c)], right: [rq('totalProcessed', c), rq('carriedOut', c)] });
  }
  for (const c of cols) {
    out.push({ id: `T3-RESULT-SUM.${c}`, left: [rq('totalProcessed', c)], right: leaves.map((l) => rq(l, c)) });
  }
  for (const r of rows) {
    out.push({ id: `T3-ROW-TOTAL.${r.key}`, left: [rq(r.key, 'total')], right: ['naturalPerson', ...ORG_COLUMNS].map((c) => rq(r.key, c)) });
  }
  for (const g of REVIEW_GROUPS) {
    out.push({
      id: `T4-TOTAL.${g.key}`,
      left: [`reviewLitigation.${g.key}.total`],
      right: REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => `reviewLitigation.${g.key}.${c.key}`),
    });
  }
  return out;
}

export interface Tables {
  requests: PrintedTable;
  reviewLitigation: PrintedTable;
}

export function cellValue(t: Tables, path: string): Printed {
  const [table, ...rest] = path.split('.');
  const col = rest.pop()!;
  const row = rest.join('.');
  const tab = table === 'requests' ? t.requests : t.reviewLitigation;
  const r = tab[row];
  if (!r || !(col in r)) throw new Error(`no cell ${path}`);
  return r[col]!;
}

export function evaluate(id: Identity, t: Tables): Status {
  const l = id.left.map((p) => cellValue(t, p));
  const r = id.right.map((p) => cellValue(t, p));
  const known = (xs: Printed[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  const d = known(l) - known(r);
  const lBlank = l.some((x) => x === null);
  const rBlank = r.some((x) => x === null);
  if (!lBlank && !rBlank) return Math.abs(d) < 1e-9 ? 'pass' : 'fail';
  // Blanks on the left can only raise the left side; blanks on the right only raise the right side.
  if (d < 0 && !lBlank) return 'fail';
  if (d > 0 && !rBlank) return 'fail';
  return 'unknown';
}

export interface Outcome {
  failed: string[];
  unknown: string[];
  passed: string[];
}

export function evaluateAll(form: OtherHandlingForm, t: Tables): Outcome {
  const out: Outcome = { failed: [], unknown: [], passed: [] };
  for (const id of identities(form)) {
    const s = evaluate(id, t);
    (s === 'fail' ? out.failed : s === 'unknown' ? out.unknown : out.passed).push(id.id);
  }
  return out;
}
