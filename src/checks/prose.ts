/**
 * Prose against tables (report-format.md §6, P-*): the figures sections 一 and 六 quote (新收申请N件,
 * 予以公开及部分公开N件, 无法提供N件, 行政复议N件, …) compared with the tables. Prose often counts another scope
 * (one office, requests plus carry-over), so a mismatch is a warning that shows both numbers; a figure the
 * prose does not quote gives no check.
 */
import type { Cell } from '../model/cell.js';
import type { Check, Section, Tables } from '../model/record.js';
import { ORG_COLUMNS, REVIEW_GROUPS } from '../template/templates.js';

interface ProseFigure {
  id: string;
  /** The phrase; its first group is the number. A number followed by 余/多 is an estimate and not compared. */
  pattern: RegExp;
  formula: string;
  /** The table side: candidate readings (any one matching passes) and the cells behind them. */
  table: (t: Tables) => { values: (number | null)[]; cells: string[] };
}

const N = '(\\d+)\\s*件(?![余多])';
const rowKeys = (t: Tables, prefix: string) => Object.keys(t.requests?.rows ?? {}).filter((k) => k === prefix || k.startsWith(`${prefix}.`));

/** A 表三 row's total; a blank 总计 (reports that fill it only in some rows) falls back to the sum of its parts. */
function rowTotal(t: Tables, row: string): number | null {
  const cells = t.requests?.rows[row];
  if (!cells) return null;
  const total = cells.total?.value;
  if (total !== null && total !== undefined) return total;
  const parts = ['naturalPerson', ...ORG_COLUMNS].map((c) => cells[c]?.value ?? null);
  return parts.every((v) => v === null) ? null : parts.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function sumOf(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0);
}

const requestsSide = (rows: (t: Tables) => string[]) => (t: Tables) => {
  const keys = rows(t);
  return {
    values: [keys.length ? sumOf(keys.map((k) => rowTotal(t, k))) : null],
    cells: keys.flatMap((k) => [`requests.${k}.total`]),
  };
};

function reviewTotal(t: Tables, group: string): number | null {
  const g = (t.reviewLitigation as Record<string, Record<string, Cell>> | null)?.[group];
  if (!g) return null;
  const total = g.total?.value;
  if (total !== null && total !== undefined) return total;
  const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => g[c]?.value ?? null);
  return parts.every((v) => v === null) ? null : parts.reduce<number>((a, v) => a + (v ?? 0), 0);
}

const FIGURES: ProseFigure[] = [
  {
    id: 'P-NEW-RECEIVED',
    pattern: new RegExp(`(?:新收|受理|收到|接收)[^。；，,]{0,24}?申请(?:共计|合计|总计|共)?\\s*${N}`, 'u'),
    formula: 'prose 收到/受理申请N件 = newReceived.total (or newReceived.total + carriedIn.total)',
    table: (t) => {
      const n = rowTotal(t, 'newReceived');
      const c = rowTotal(t, 'carriedIn');
      return { values: [n, n !== null && c !== null ? n + c : null], cells: ['requests.newReceived.total', 'requests.carriedIn.total'] };
    },
  },
  {
    id: 'P-GRANTED',
    pattern: new RegExp(`予以公开(?:及|和|与|、)部分公开(?:的)?(?:申请)?(?:共)?\\s*${N}`, 'u'),
    formula: 'prose 予以公开及部分公开N件 = granted.total + partiallyGranted.total',
    table: requestsSide(() => ['granted', 'partiallyGranted']),
  },
  {
    id: 'P-DENIED',
    pattern: new RegExp(`不予公开(?:的)?(?:申请)?\\s*${N}`, 'u'),
    formula: 'prose 不予公开N件 = Σ denied.*.total',
    table: requestsSide((t) => rowKeys(t, 'denied')),
  },
  {
    id: 'P-UNABLE',
    pattern: new RegExp(`无法提供(?:的)?(?:申请)?\\s*${N}`, 'u'),
    formula: 'prose 无法提供N件 = Σ unableToProvide.*.total',
    table: requestsSide((t) => rowKeys(t, 'unableToProvide')),
  },
  {
    id: 'P-NOT-PROCESSED',
    pattern: new RegExp(`不予处理(?:的)?(?:申请)?\\s*${N}`, 'u'),
    formula: 'prose 不予处理N件 = Σ notProcessed.*.total',
    table: requestsSide((t) => rowKeys(t, 'notProcessed')),
  },
  {
    id: 'P-OTHER-HANDLING',
    pattern: new RegExp(`其他处理(?:的)?(?:申请)?\\s*${N}`, 'u'),
    formula: 'prose 其他处理N件 = Σ otherHandling*.total',
    table: requestsSide((t) => rowKeys(t, 'otherHandling')),
  },
  {
    id: 'P-REVIEW',
    pattern: new RegExp(`行政复议(?:案件|申请)?(?:共)?\\s*${N}`, 'u'),
    formula: 'prose 行政复议N件 = review.total',
    table: (t) => ({ values: [reviewTotal(t, 'review')], cells: ['reviewLitigation.review.total'] }),
  },
  {
    id: 'P-LITIGATION',
    pattern: new RegExp(`(?:行政)?诉讼(?:案件)?(?:共)?\\s*${N}`, 'u'),
    formula: 'prose 行政诉讼N件 = litigationDirect.total + litigationAfterReview.total',
    table: (t) => ({
      values: [sumOf(REVIEW_GROUPS.slice(1).map((g) => reviewTotal(t, g.key)))],
      cells: ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'],
    }),
  },
];

const UPHELD_ALL = /均(?:获|被|予)?维持|全部(?:获得|被)?维持/u;

export function proseChecks(sections: Section[], tables: Tables): Check[] {
  if (!tables.requests && !tables.reviewLitigation) return [];
  const prose = sections.filter((s) => s.number === 1 || s.number === 6).map((s) => s.text).join('\n');
  const checks: Check[] = [];
  for (const f of FIGURES) {
    const m = f.pattern.exec(prose);
    if (!m) continue;
    const said = Number(m[1]);
    const { values, cells } = f.table(tables);
    const known = values.filter((v): v is number => v !== null);
    const status = known.includes(said) ? 'pass' : values.some((v) => v === null) ? 'unknown' : 'fail';
    const right = known.includes(said) ? said : (known[0] ?? null);
    checks.push({
      id: f.id,
      severity: 'warning',
      status,
      formula: f.formula,
      left: said,
      right,
      delta: status === 'fail' && right !== null ? said - right : null,
      cells,
      message: `prose: "${m[0]}"; table: ${right ?? 'not known'}`,
    });
  }
  const pending = pendingVsProse(sections, tables);
  if (pending) checks.push(pending);
  return checks;
}

/** T4-PENDING-VS-PROSE: the prose says every case was upheld (均获维持) while 表四 shows corrections or pending cases. */
function pendingVsProse(sections: Section[], tables: Tables): Check | undefined {
  const t4 = tables.reviewLitigation as Record<string, Record<string, Cell>> | null;
  if (!t4) return undefined;
  const text = sections.map((s) => s.text).join('\n');
  const m = UPHELD_ALL.exec(text);
  if (!m) return undefined;
  const cells = REVIEW_GROUPS.flatMap((g) => ['corrected', 'pending'].map((c) => `reviewLitigation.${g.key}.${c}`));
  const values = REVIEW_GROUPS.flatMap((g) => ['corrected', 'pending'].map((c) => t4[g.key]?.[c]?.value ?? null));
  const shown = values.reduce<number>((a, v) => a + (v ?? 0), 0);
  return {
    id: 'T4-PENDING-VS-PROSE',
    severity: 'warning',
    status: shown > 0 ? 'fail' : values.some((v) => v === null) ? 'unknown' : 'pass',
    formula: 'prose 均获维持 ⇒ corrected + pending = 0 in 表四',
    left: 0,
    right: shown,
    delta: shown > 0 ? -shown : null,
    cells,
    message: `prose: "${m[0]}"; 表四 corrected + pending: ${shown}`,
  };
}
