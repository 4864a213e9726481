/**
 * Printing: every table value becomes the text a report shows (`12`, `1,234`, ``, `0`, `—`, `+3`, `251000元`)
 * and the value the truth records for it (a number, or null for a blank or a dash: never 0).
 */
import { DISCLOSURE_ROWS, ORG_COLUMNS, REQUEST_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, requestRows } from '../../src/template/templates.js';
import type { Rng } from './prng.js';
import type { GenRecord } from './record.js';
import type { Variant } from './variant.js';

export interface PCell {
  text: string;
  value: number | null;
}

export interface SubtotalRow {
  label: string;
  /** The group it closes (（三）不予公开 ...). */
  group: string;
  /** The row key it follows. */
  after: string;
  cells: Record<string, PCell>;
  /** The 8-column variant's 小计 cell of this row. */
  extra?: PCell;
}

export interface PrintedTables {
  activeDisclosure: Record<string, Record<string, PCell>>;
  requests: Record<string, Record<string, PCell>>;
  /** The 8-column variant: 法人或其他组织 小计 per row. */
  extraColumn: Record<string, PCell> | null;
  subtotalRows: SubtotalRow[];
  reviewLitigation: Record<string, Record<string, PCell>>;
}

const KEY_ROWS_WITH_TOTAL = new Set(['newReceived', 'carriedIn', 'totalProcessed', 'carriedOut']);

export function formatInt(n: number, commas: boolean): string {
  const s = String(Math.abs(n));
  const body = commas && Math.abs(n) >= 1000 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
  return n < 0 ? `-${body}` : body;
}

export class Printer {
  constructor(
    private readonly rng: Rng,
    private readonly v: Variant,
  ) {}

  /** A zero as the convention prints it. */
  private zero(): PCell {
    switch (this.v.convention) {
      case 'zero':
      case 'totals-only':
        return { text: '0', value: 0 };
      case 'blank':
        return { text: '', value: null };
      case 'dash':
        return { text: this.v.dash, value: null };
      case 'mixed':
        return this.rng.weighted<PCell>([
          [{ text: '0', value: 0 }, 3],
          [{ text: '', value: null }, 3],
          [{ text: '—', value: null }, 1],
          [{ text: '/', value: null }, 1],
          [{ text: '０', value: 0 }, 0.5],
        ]);
    }
  }

  count(n: number): PCell {
    if (n === 0) return this.zero();
    return { text: formatInt(n, this.v.commas), value: n };
  }

  signed(n: number): PCell {
    if (n === 0) return this.zero();
    return { text: n > 0 ? `+${n}` : `-${Math.abs(n)}`, value: n };
  }

  decimal(x: number, decimals: number, unit = ''): PCell {
    if (x === 0) {
      const z = this.zero();
      return z.value === 0 && decimals > 0 && this.rng.chance(0.5) ? { text: (0).toFixed(decimals) + unit, value: 0 } : z;
    }
    return { text: x.toFixed(decimals) + unit, value: x };
  }

  blank(): PCell {
    return { text: '', value: null };
  }
}

export function printTables(r: GenRecord, v: Variant, rng: Rng): PrintedTables {
  const p = new Printer(rng, v);
  // 表二
  const activeDisclosure: PrintedTables['activeDisclosure'] = {};
  for (const row of DISCLOSURE_ROWS[r.template]) {
    const out: Record<string, PCell> = {};
    for (const col of row.columns) {
      const x = r.activeDisclosure[row.key]![col.key]!;
      if (row.key === 'fees' && col.key === 'amount') out[col.key] = p.decimal(x, r.feeDecimals);
      else if (row.key === 'procurement' && col.key === 'totalAmount') out[col.key] = p.decimal(x, r.procurement.decimals, r.procurement.unit);
      else if (col.signed) out[col.key] = p.signed(x);
      else out[col.key] = p.count(x);
    }
    activeDisclosure[row.key] = out;
  }
  // 表三
  const rows = requestRows(r.form);
  const requests: PrintedTables['requests'] = {};
  for (const row of rows) {
    const out: Record<string, PCell> = {};
    for (const { key: col } of REQUEST_COLUMNS) {
      const x = r.requests[row.key]![col];
      out[col] = col === 'total' && v.convention === 'totals-only' && !KEY_ROWS_WITH_TOTAL.has(row.key) ? p.blank() : p.count(x);
    }
    requests[row.key] = out;
  }
  const orgSum = (vals: Record<string, number>) => ORG_COLUMNS.reduce((s, c) => s + vals[c]!, 0);
  const extraColumn = v.extraColumn ? Object.fromEntries(rows.map((row) => [row.key, p.count(orgSum(r.requests[row.key]!))])) : null;
  const subtotalRows: SubtotalRow[] = [];
  if (v.subtotalRows) {
    const groups = [...new Set(rows.flatMap((row) => (row.group ? [row.group] : [])))];
    for (const g of groups) {
      const members = rows.filter((row) => row.group === g);
      const sums: Record<string, number> = {};
      for (const { key: col } of REQUEST_COLUMNS) sums[col] = members.reduce((s, m) => s + r.requests[m.key]![col], 0);
      const cells = Object.fromEntries(
        REQUEST_COLUMNS.map(({ key: col }) => [col, col === 'total' && v.convention === 'totals-only' ? p.blank() : p.count(sums[col]!)]),
      );
      subtotalRows.push({ label: '小计', group: g, after: members[members.length - 1]!.key, cells, ...(v.extraColumn ? { extra: p.count(orgSum(sums)) } : {}) });
    }
  }
  // 表四
  const reviewLitigation: PrintedTables['reviewLitigation'] = {};
  for (const g of REVIEW_GROUPS) {
    reviewLitigation[g.key] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, p.count(r.reviewLitigation[g.key][c.key])]));
  }
  return { activeDisclosure, requests, extraColumn, subtotalRows, reviewLitigation };
}

/** The truth's view of a printed table: values only. */
export function values(t: Record<string, Record<string, PCell>>): Record<string, Record<string, number | null>> {
  return Object.fromEntries(Object.entries(t).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols).map(([c, cell]) => [c, cell.value]))]));
}
