/** Soft checks within one report (report-format.md §6): findings worth a look, not contradictions. */
import type { Cell } from '../model/cell.js';
import type { Check, Tables } from '../model/record.js';
import { DISCLOSURE_ROWS } from '../template/templates.js';
import { cellAt, cellPath, valueOf } from './cells.js';
import { evaluateLinear, originOf } from './evaluate.js';
import { identity, term, type LinearIdentity } from './identities.js';

/** Rows of gb2021 表二 with 制发/废止/现行有效 columns, found by their columns so the row list stays in the template. */
function inForceIdentities(): LinearIdentity[] {
  return DISCLOSURE_ROWS.gb2021.filter((row) => row.columns.some((c) => c.key === 'inForce')).map((row) =>
    identity(
      'T2-INFORCE-GE-NET',
      row.key,
      'warning',
      '≥',
      [term('activeDisclosure', row.key, 'inForce', 'inForce')],
      [term('activeDisclosure', row.key, 'issued', 'issued'), term('activeDisclosure', row.key, 'repealed', 'repealed', -1)],
    ),
  );
}

/** 1000亿 a year: more than any agency collects, so a figure above it was almost surely written in 元. */
const MAX_FEE_WAN = 10_000_000;

/** A 万元 figure has at most 4 decimals because 1 元 = 0.0001 万元. */
function decimalPlaces(value: number): number {
  const m = /^\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(Math.abs(value).toString());
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

function mentionsYuanOnly(text: string | undefined): boolean {
  return text !== undefined && text.includes('元') && !text.includes('万元');
}

function feeCell(): { path: string; row: string; col: string } {
  const row = DISCLOSURE_ROWS.gb2021.find((r) => r.key === 'fees');
  const col = row?.columns.find((c) => c.decimal);
  if (!row || !col) throw new Error('template gb2021 declares no fee amount');
  return { path: cellPath('activeDisclosure', row.key, col.key), row: row.key, col: col.key };
}

function feeUnitCheck(tables: Tables): Check {
  const { path } = feeCell();
  const cell: Cell | undefined = cellAt(tables, path);
  const value = valueOf(cell);
  const base = {
    id: 'T2-FEE-UNIT',
    severity: 'warning' as const,
    formula: 'fee amount is in 万元: at most 4 decimals, ≤ 10,000,000',
    left: null,
    right: null,
    delta: null,
    cells: [path],
  };
  const problems: string[] = [];
  if (mentionsYuanOnly(cell?.raw) || mentionsYuanOnly(cell?.unit)) problems.push(`the cell says 元, not 万元 ("${cell?.raw}")`);
  if (value !== null && decimalPlaces(value) > 4) problems.push(`${value} has more than 4 decimals`);
  if (value !== null && value > MAX_FEE_WAN) problems.push(`${value} 万元 is implausibly large`);
  if (problems.length) {
    return { ...base, status: 'fail', origin: originOf([cell]), message: `unit doubtful: ${problems.join('; ')}` };
  }
  if (value === null) return { ...base, status: 'unknown' };
  return { ...base, status: 'pass' };
}

function allZeroCheck(tables: NonNullable<Tables['requests']>): Check {
  const cells: Cell[] = [
    ...Object.values(tables.rows).flatMap((row) => Object.values(row)),
    ...(tables.extraRows ?? []).flatMap((r) => Object.values(r.cells)),
    ...(tables.extraColumns ?? []).flatMap((c) => Object.values(c.cells)),
  ];
  const allZero = cells.every((c) => {
    const v = valueOf(c);
    return v === null || v === 0;
  });
  // A table with nothing printed at all is an unfilled form, not an all-zero report: nothing to say.
  const allBlank = cells.every((c) => valueOf(c) === null);
  if (allBlank) {
    return {
      id: 'T3-ALL-ZERO',
      severity: 'info',
      status: 'unknown',
      formula: 'every value of table 三 is 0 or blank',
      left: null,
      right: null,
      delta: null,
      cells: [],
      message: 'no value printed in table 三 (an unfilled form?)',
    };
  }
  const check: Check = {
    id: 'T3-ALL-ZERO',
    severity: 'info',
    status: allZero ? 'fail' : 'pass',
    formula: 'every value of table 三 is 0 or blank',
    left: null,
    right: null,
    delta: null,
    cells: [],
  };
  if (!allZero) return check;
  return {
    ...check,
    origin: originOf(cells.filter((c) => valueOf(c) !== null)),
    message: 'all zero: common for townships, not an error',
  };
}

export function softChecks(template: 'gb2021' | 'gb2019', tables: Tables): Check[] {
  const out: Check[] = [];
  if (template === 'gb2021' && tables.activeDisclosure) {
    out.push(...inForceIdentities().map((i) => evaluateLinear(i, tables).check));
    out.push(feeUnitCheck(tables));
  }
  if (tables.requests) out.push(allZeroCheck(tables.requests));
  return out;
}
