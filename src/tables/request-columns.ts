/**
 * The columns a 表三 prints: the template's seven, or eight when the report adds a 法人或其他组织 小计 column.
 * The subtotal is read with the row (so its values cannot shift the template cells) and kept apart
 * under `extraColumns`.
 */
import type { Keyed } from '../layout/keyed.js';
import { findKey } from '../layout/keyed.js';
import { labelKey } from '../template/labelKey.js';
import { ORG_COLUMNS, REQUEST_COLUMNS } from '../template/templates.js';

export const SUBTOTAL_LABEL = '小计';

export interface RequestColumnLayout {
  /** Header labels in printed order (the subtotal included). */
  labels: string[];
  /** Index of the subtotal among the printed columns, when there is one. */
  subtotalAt?: number;
}

const TEMPLATE_LABELS: string[] = REQUEST_COLUMNS.map((c) => c.label);
const ORG_LABELS = REQUEST_COLUMNS.filter((c) => (ORG_COLUMNS as string[]).includes(c.key)).map((c) => c.label);

/**
 * The header is the stretch [from, to) before the first row. A 小计 there is the 法人 subtotal; it sits
 * before or after the organisation columns, which the order of the header words tells (the stacked
 * header prints the group's columns in one line, left to right, in every input kind).
 */
export function requestColumnLayout(keyed: Keyed, from: number, to: number): RequestColumnLayout {
  const sub = findKey(keyed, labelKey(SUBTOTAL_LABEL), from, to);
  if (!sub) return { labels: [...TEMPLATE_LABELS] };
  // 其他 is left out: it is also in 法人或其他组织, which stands before every column of the group.
  const firstOrg = ORG_LABELS.slice(0, -1)
    .map((l) => findKey(keyed, labelKey(l), from, to))
    .find((hit) => hit !== undefined);
  const subtotalAt = firstOrg && firstOrg.start > sub.start ? 1 : 1 + ORG_LABELS.length;
  const labels = [...TEMPLATE_LABELS];
  labels.splice(subtotalAt, 0, SUBTOTAL_LABEL);
  return { labels, subtotalAt };
}

/** Keys of the printed columns: the template's, and `subtotal` for the added column. */
export function printedKeys(layout: RequestColumnLayout): string[] {
  const keys: string[] = REQUEST_COLUMNS.map((c) => c.key);
  if (layout.subtotalAt !== undefined) keys.splice(layout.subtotalAt, 0, 'subtotal');
  return keys;
}

/** The template cells of a printed row (the subtotal taken out). */
export function templatePart<T>(printed: T[], layout: RequestColumnLayout): T[] {
  return layout.subtotalAt === undefined ? printed : printed.filter((_, i) => i !== layout.subtotalAt);
}

/**
 * A row's arithmetic: the total is the sum of the others, and a subtotal is the sum of the organisation
 * columns. Unknown (blank) values pass: nothing to contradict.
 */
export function rowSumsHold(values: (number | null)[], layout: RequestColumnLayout): boolean {
  const known = (xs: (number | null)[]) => xs.every((x) => x !== null);
  const sum = (xs: (number | null)[]) => xs.reduce((a, b) => a! + b!, 0)!;
  const total = values.at(-1)!;
  const cells = templatePart(values, layout).slice(0, -1);
  if (total !== null && known(cells) && sum(cells) !== total) return false;
  if (layout.subtotalAt === undefined) return true;
  const subtotal = values[layout.subtotalAt]!;
  const orgs = cells.slice(1);
  return subtotal === null || !known(orgs) || sum(orgs) === subtotal;
}

/**
 * A subtotal column the header does not name (a scan's header misread): most rows print one value more
 * than the template has, and one position holds the sum of the organisation columns in every such row,
 * in one row at least with something to add up.
 */
export function inferSubtotal(reads: readonly { status: string; tokens?: readonly { kind: string; digits?: string }[] }[]): RequestColumnLayout | undefined {
  const width = TEMPLATE_LABELS.length + 1;
  const full = reads.filter((r) => r.status === 'overflow' && r.tokens?.length === width);
  if (full.length < Math.max(3, reads.length / 2)) return undefined;
  const values = full.map((r) => r.tokens!.map((t) => (t.kind === 'number' ? Number(t.digits) : 0)));
  for (const at of [1 + ORG_LABELS.length, 1]) {
    const orgs = (v: number[]) => v.filter((_, i) => i !== at).slice(1, 1 + ORG_LABELS.length);
    const sum = (v: number[]) => orgs(v).reduce((a, b) => a + b, 0);
    if (values.every((v) => sum(v) === v[at]) && values.some((v) => v[at]! > 0)) {
      const labels = [...TEMPLATE_LABELS];
      labels.splice(at, 0, SUBTOTAL_LABEL);
      return { labels, subtotalAt: at };
    }
  }
  return undefined;
}
