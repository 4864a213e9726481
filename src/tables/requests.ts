/**
 * 表三 收到和处理政府信息公开申请情况: 25 (or 23) rows × 7 columns, rows found by their labels in template order.
 * Rows whose digits ran together are split under T3-ROW-TOTAL, then the column identities (T3-BALANCE,
 * T3-RESULT-SUM) choose among the rows still ambiguous; a row is filled only when one split is left.
 */
import type { Cell } from '../model/cell.js';
import type { RequestsTable } from '../model/record.js';
import { findKey } from '../layout/keyed.js';
import { labelKey } from '../template/labelKey.js';
import {
  REQUEST_COLUMNS,
  RESULTS_GROUP,
  requestRows,
  type OtherHandlingForm,
  type RequestRow,
} from '../template/templates.js';
import { blankCell, cellFromPiece, unreadCell } from './cells.js';
import { cellPaths, type TableContext } from './context.js';
import { locateLabels, type LabelSpec } from './labels.js';
import { candidateValues, describe, readRow, valueBoxes, type RowValues } from './row-values.js';
import { centersFromFullRows, headerCenters } from './columns.js';
import { withoutRepeatedHeader } from './repeated-header.js';
import type { Piece, Slot } from './split-runs.js';
import { inferSubtotal, printedKeys, requestColumnLayout, rowSumsHold, SUBTOTAL_LABEL, templatePart, type RequestColumnLayout } from './request-columns.js';

const COLS = REQUEST_COLUMNS.map((c) => c.key);
const EXTRA_ROW_LABELS = ['小计', '合计'];
/** Printed above the rows; the first row is searched after them so prose before the table is skipped. */
const HEADER_ANCHORS = ['本列数据的勾稽关系', '申请人情况'] as const;

/** How the rows are read: the printed columns, one slot each. */
interface RowShape {
  layout: RequestColumnLayout;
  slots: Slot[];
}

/** Which form of （六）其他处理 the document prints. */
export function detectOtherHandling(ctx: TableContext): OtherHandlingForm | undefined {
  const has = (label: string) => findKey(ctx.keyed, labelKey(label), ctx.from, ctx.to) !== undefined;
  if (has('逾期不补正') || has('逾期未按收费通知要求缴纳费用')) return 'split';
  if (has('其他处理')) return 'single';
  return undefined;
}

export function buildRequests(table: TableContext, form: OtherHandlingForm): RequestsTable | null {
  const { text } = table.stream;
  const rows = requestRows(form);
  let from = table.from;
  let headerStart: number | undefined;
  for (const a of HEADER_ANCHORS) {
    const hit = findKey(table.keyed, labelKey(a), table.from, table.to);
    if (!hit) continue;
    from = Math.max(from, hit.end);
    headerStart ??= hit.start;
  }
  const firstPass = locateLabels(text, table.keyed, rows.map(specOf), from, table.to);
  if (firstPass.length < rows.length / 2) return null;
  const ctx: TableContext =
    headerStart === undefined
      ? table
      : { ...table, keyed: withoutRepeatedHeader(table.keyed, { start: headerStart, end: firstPass[0]!.start }, labelKey(HEADER_ANCHORS[1]), table.to) };
  const located = ctx.keyed === table.keyed ? firstPass : locateLabels(text, ctx.keyed, rows.map(specOf), from, ctx.to);
  if (located.length < rows.length / 2) return null;

  const regionEnd = (i: number) => located[i + 1]?.start ?? ctx.to;
  const readAll = (layout: RequestColumnLayout) => {
    const shape: RowShape = { layout, slots: layout.labels.map(() => ({})) };
    const columns =
      headerCenters(ctx.stream, ctx.from, located[0]!.start, layout.labels) ??
      centersFromFullRows(
        located.map((loc, i) => valueBoxes(ctx.stream, loc.values?.start ?? loc.end, loc.values?.end ?? regionEnd(i))),
        layout.labels.length,
      );
    const reads = new Map<string, RowValues>();
    const extraRows: NonNullable<RequestsTable['extraRows']> = [];
    located.forEach((loc, i) => {
      const end = regionEnd(i);
      const read = readRow(ctx.stream, loc.values?.start ?? loc.end, loc.values?.end ?? end, shape.slots, (v) => rowSumsHold(v, layout), columns);
      reads.set(loc.key, read);
      const extra = readExtraRow(ctx, Math.max(read.stop, loc.end), end, shape, columns, rows.find((r) => r.key === loc.key)?.group);
      if (extra) extraRows.push({ ...extra, after: loc.key });
    });
    return { layout, reads, extraRows };
  };
  let { layout, reads, extraRows } = readAll(requestColumnLayout(ctx.keyed, from, located[0]!.start));
  const inferred = layout.subtotalAt === undefined ? inferSubtotal([...reads.values()]) : undefined;
  if (inferred) {
    ({ layout, reads, extraRows } = readAll(inferred));
    ctx.warnings.push({
      code: 'SUBTOTAL_COLUMN_INFERRED',
      message: `表三: rows print 8 values and the ${inferred.subtotalAt === 1 ? 'second' : 'seventh'} is the sum of the 法人或其他组织 columns in every row; read as a 小计 column (no 小计 read in the header)`,
    });
  }

  const chosen = resolveRows(rows, reads);
  const out: RequestsTable['rows'] = {};
  const subtotals: Record<string, Cell> = {};
  const setRow = (key: string, printed: Cell[]) => {
    out[key] = Object.fromEntries(COLS.map((c, i) => [c, templatePart(printed, layout)[i]!]));
    if (layout.subtotalAt !== undefined) subtotals[key] = printed[layout.subtotalAt]!;
  };
  const fill = (make: () => Cell) => layout.labels.map(make);
  const ambiguous: string[] = [];
  const reconstructed: string[] = [];
  for (const row of rows) {
    const read = reads.get(row.key);
    const paths = cellPaths(`requests.${row.key}`, COLS);
    if (!read) {
      ctx.warnings.push({ code: 'ROW_NOT_FOUND', message: `表三: row ${row.label} not found`, cells: paths });
      setRow(row.key, fill(() => unreadCell('')));
      continue;
    }
    if (read.status === 'empty') {
      setRow(row.key, fill(blankCell));
      continue;
    }
    if (read.status === 'direct') {
      setRow(row.key, cellsOf(ctx, read.pieces, false));
      continue;
    }
    const pick = chosen.get(row.key);
    if (read.status === 'split' && pick) {
      setRow(row.key, cellsOf(ctx, pick, !read.forced));
      reconstructed.push(`${row.key} ${read.run} → ${describe(pick)}`);
      continue;
    }
    setRow(row.key, fill(() => unreadCell(read.run, ctx.stream, read.start, read.end)));
    ambiguous.push(row.key);
    ctx.warnings.push({
      code: read.status === 'overflow' ? 'ROW_TOO_MANY_VALUES' : 'DIGIT_RUN_UNRESOLVED',
      message:
        read.status === 'overflow'
          ? `表三 ${row.label}: ${read.tokens.length} values where ${layout.labels.length} cells are: "${read.run}"`
          : unresolvedMessage(row.label, read.run, read.candidates, read.exhausted, layout.labels.length),
      cells: paths,
      ...(read.status === 'split' ? candidateValues(read.candidates) : {}),
    });
  }
  if (reconstructed.length) {
    ctx.warnings.push({
      code: 'DIGITS_RUN_TOGETHER',
      message: `表三: cells printed without separators, split where the identities leave one reading: ${reconstructed.join('; ')}`,
    });
  }
  return {
    columns: [...COLS],
    rows: out,
    ...(extraRows.length ? { extraRows } : {}),
    ...(layout.subtotalAt !== undefined ? { extraColumns: [{ label: SUBTOTAL_LABEL, cells: subtotals }] } : {}),
  };
}

function specOf(row: RequestRow): LabelSpec {
  const before = row.group ? [RESULTS_GROUP, row.group] : row.leaf ? [RESULTS_GROUP] : [];
  return { key: row.key, label: row.label, before };
}

/** The printed row's cells, in printed order. */
function cellsOf(ctx: TableContext, pieces: Piece[], reconstructed: boolean): Cell[] {
  return pieces.map((p) => cellFromPiece(ctx.stream, p, reconstructed && p.split));
}

function unresolvedMessage(label: string, run: string, candidates: Piece[][], exhausted: boolean, width: number): string {
  if (candidates.length === 0) return `表三 ${label}: "${run}" has no split into ${width} cells that satisfies the identities`;
  const shown = candidates.slice(0, 6).map(describe).join(' | ');
  const more = candidates.length > 6 || exhausted ? ' | …' : '';
  return `表三 ${label}: "${run}" splits ${candidates.length}${exhausted ? '+' : ''} ways: ${shown}${more}`;
}

function readExtraRow(
  ctx: TableContext,
  at: number,
  to: number,
  shape: RowShape,
  columns: number[] | undefined,
  group: string | undefined,
): { label: string; cells: Record<string, Cell> } | undefined {
  // After a page break the group labels may be printed again before the 小计 (三、本年度办理结果 （三）不予公开).
  const repeated = [RESULTS_GROUP, group].filter((g): g is string => g !== undefined).map(labelKey);
  const onlyGroupLabels = (between: string) => repeated.reduce((k, g) => k.replace(g, ''), labelKey(between)) === '';
  for (const label of EXTRA_ROW_LABELS) {
    const hit = findKey(ctx.keyed, label, at, to);
    if (!hit || !onlyGroupLabels(ctx.stream.text.slice(at, hit.start))) continue;
    const read = readRow(ctx.stream, hit.end, to, shape.slots, (v) => rowSumsHold(v, shape.layout), columns);
    const split = read.status === 'split' && read.candidates.length === 1 && !read.exhausted ? read.candidates[0] : undefined;
    // A subtotal row that cannot be read is still reported, unread, rather than left out.
    const printed =
      read.status === 'direct'
        ? cellsOf(ctx, read.pieces, false)
        : split
          ? cellsOf(ctx, split, read.status === 'split' && !read.forced)
          : read.status === 'empty'
            ? shape.slots.map(blankCell)
            : shape.slots.map(() => unreadCell(read.run, ctx.stream, read.start, read.end));
    return { label, cells: Object.fromEntries(printedKeys(shape.layout).map((k, i) => [k, printed[i]!])) };
  }
  return undefined;
}

/**
 * Choose among split candidates with the column identities. Rows read directly or split one way are
 * fixed; every combination of the ambiguous rows' candidates is tried (within a budget) and a row is
 * chosen when all combinations that satisfy the identities agree on it.
 */
function resolveRows(rows: RequestRow[], reads: Map<string, RowValues>): Map<string, Piece[]> {
  const chosen = new Map<string, Piece[]>();
  const open: { key: string; candidates: Piece[][] }[] = [];
  const fixed = new Map<string, (number | null)[]>();
  for (const row of rows) {
    const r = reads.get(row.key);
    if (r?.status === 'direct') fixed.set(row.key, r.pieces.map((p) => p.value));
    if (r?.status !== 'split' || r.exhausted || r.candidates.length === 0) continue;
    if (r.candidates.length === 1) {
      chosen.set(row.key, r.candidates[0]!);
      fixed.set(row.key, r.candidates[0]!.map((p) => p.value));
    } else open.push({ key: row.key, candidates: r.candidates });
  }
  if (open.length === 0) return chosen;

  const leaves = rows.filter((r) => r.leaf).map((r) => r.key);
  const values = new Map(fixed);
  const holds = (): boolean => {
    const width = values.values().next().value?.length ?? 0;
    for (let c = 0; c < width; c++) {
      const v = (k: string) => values.get(k)?.[c];
      const known = (ks: string[]) => ks.every((k) => typeof v(k) === 'number');
      const sum = (ks: string[]) => ks.reduce((a, k) => a + (v(k) as number), 0);
      const bal = ['newReceived', 'carriedIn', 'totalProcessed', 'carriedOut'];
      if (known(bal) && sum(bal.slice(0, 2)) !== sum(bal.slice(2))) return false;
      if (known(['totalProcessed', ...leaves]) && v('totalProcessed') !== sum(leaves)) return false;
    }
    return true;
  };

  const seen = open.map(() => new Set<number>());
  const pick: number[] = [];
  let solutions = 0;
  let budget = 200_000;
  const walk = (i: number): void => {
    if (budget-- <= 0) return;
    if (i === open.length) {
      if (!holds()) return;
      solutions++;
      pick.forEach((ci, j) => seen[j]!.add(ci));
      return;
    }
    open[i]!.candidates.forEach((cand, ci) => {
      pick[i] = ci;
      values.set(open[i]!.key, cand.map((p) => p.value));
      walk(i + 1);
    });
    values.delete(open[i]!.key);
  };
  walk(0);
  if (budget <= 0 || solutions === 0) return chosen;
  open.forEach((o, j) => {
    const s = seen[j]!;
    if (s.size === 1) chosen.set(o.key, o.candidates[[...s][0]!]!);
  });
  return chosen;
}
