/**
 * Repairing OCR digit confusions with the table identities (issue 6, step 4). A pure function over a
 * record's tables and checks; build-record calls it after the checks.
 *
 * The LSTM confuses a few digit pairs (0/8, 1/7, 3/8, 5/6; also 0/6 and 1/4 on the scanned twins). When hard identities fail with origin
 * `extraction`, each group of such failures (failures that share a doubtful cell) is tried against every
 * single-digit swap of one of those pairs in one of its low-confidence cells (confidence < 0.9). When
 * exactly one swap makes every failure of the group hold without making any other identity fail, it is
 * applied: the value changes, `raw` keeps the OCR reading, the cell is marked `reconstructed`, and a
 * warning names the change. Failures with origin `source` are never touched: their cells were read
 * confidently, so the document itself is inconsistent. Several swaps that would each do: nothing changes,
 * and a warning lists them.
 */
import type { Cell } from '../model/cell.js';
import type { Check, ReportRecord, Tables, Warning } from '../model/record.js';
import { isHardIdentity, proseChecks, runChecks } from '../checks/index.js';
import { cellAt } from '../checks/cells.js';
import { evaluateLinear } from '../checks/evaluate.js';
import { hardIdentities } from '../checks/identities.js';

/**
 * Digit pairs the chi_sim LSTM takes for one another: the usual four, and two seen on the scanned twins
 * (a 6 read as 0, a thin-stemmed 4 read as 1).
 */
export const CONFUSIONS: readonly (readonly [string, string])[] = [
  ['0', '8'],
  ['1', '7'],
  ['3', '8'],
  ['5', '6'],
  ['0', '6'],
  ['1', '4'],
];

const LOW = 0.9;
/** Groups with more candidate swaps than this are left alone (a table read badly overall). */
const MAX_TRIES = 5000;

export interface OcrRepair {
  path: string;
  /** The OCR reading (kept in the cell's raw). */
  raw: string;
  from: number;
  to: number;
  /** The checks it makes hold. */
  checks: string[];
}

export interface OcrRepairResult {
  record: ReportRecord;
  repairs: OcrRepair[];
}

function partners(d: string): string[] {
  return CONFUSIONS.flatMap(([a, b]) => (a === d ? [b] : b === d ? [a] : []));
}

/** Every reading one confused digit away from `raw` (as printed, separators kept). */
export function swaps(raw: string): { raw: string; value: number }[] {
  const out: { raw: string; value: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    for (const p of partners(raw[i]!)) {
      const r = raw.slice(0, i) + p + raw.slice(i + 1);
      const digits = r.replace(/[,，]/g, '');
      // A leading zero is not how a number is printed.
      if (/^0\d/.test(digits)) continue;
      const value = Number(digits);
      if (Number.isFinite(value)) out.push({ raw: r, value });
    }
  }
  return out;
}

function isCandidate(cell: Cell | undefined): cell is Cell {
  return (
    cell !== undefined &&
    cell.kind === 'number' &&
    cell.value !== null &&
    Number.isInteger(cell.value) &&
    cell.reconstructed !== true &&
    cell.confidence !== undefined &&
    cell.confidence < LOW
  );
}

function cloneTables(tables: Tables): Tables {
  return structuredClone(tables);
}

function setValue(tables: Tables, path: string, value: number): void {
  const cell = cellAt(tables, path);
  if (cell) cell.value = value;
}

/** Failing hard identities (ids) of `tables`. */
function failing(tables: Tables): Set<string> {
  return new Set(
    hardIdentities(tables)
      .map((i) => evaluateLinear(i, tables).check)
      .filter((c) => c.status === 'fail')
      .map((c) => c.id),
  );
}

export function repairOcrDigits(record: ReportRecord): OcrRepairResult {
  const fails = record.checks.filter((c) => c.status === 'fail' && c.origin === 'extraction' && isHardIdentity(c.id));
  if (fails.length === 0 || record.template === 'none') return { record, repairs: [] };

  const tables = cloneTables(record.tables);
  const before = failing(tables);
  const groups = groupFailures(fails, tables);
  const repairs: OcrRepair[] = [];
  const warnings: Warning[] = [];

  for (const group of groups) {
    const found: { path: string; raw: string; value: number; from: number }[] = [];
    let tries = 0;
    for (const path of group.cells) {
      const cell = cellAt(tables, path)!;
      const original = cell.value!;
      for (const s of swaps(cell.raw)) {
        if (++tries > MAX_TRIES) break;
        setValue(tables, path, s.value);
        const after = failing(tables);
        setValue(tables, path, original);
        // Every failure of the group holds, nothing that held before fails now.
        const fixesGroup = group.checks.every((id) => !after.has(id));
        const breaksNothing = [...after].every((id) => before.has(id));
        if (fixesGroup && breaksNothing) found.push({ path, raw: s.raw, value: s.value, from: original });
      }
    }
    if (found.length === 1) {
      const f = found[0]!;
      const cell = cellAt(tables, f.path)!;
      cell.value = f.value;
      cell.reconstructed = true;
      before.clear();
      for (const id of failing(tables)) before.add(id);
      repairs.push({ path: f.path, raw: cell.raw, from: f.from, to: f.value, checks: group.checks });
      warnings.push({
        code: 'OCR_DIGIT_REPAIRED',
        message: `${f.path}: OCR read "${cell.raw}" (confidence ${cell.confidence}), set to ${f.value}: the only single-digit correction among the doubtful cells (${CONFUSIONS.map((p) => p.join('/')).join(', ')}) that makes ${group.checks.join(', ')} hold`,
        cells: [f.path],
      });
    } else if (found.length > 1) {
      warnings.push({
        code: 'OCR_REPAIR_AMBIGUOUS',
        message: `${group.checks.join(', ')} fail; ${found.length} single-digit corrections would each make them hold (${found
          .slice(0, 6)
          .map((f) => `${f.path} ${f.from}→${f.value}`)
          .join('; ')}): none applied`,
        cells: [...new Set(found.map((f) => f.path))],
      });
    }
  }
  if (repairs.length === 0 && warnings.length === 0) return { record, repairs };

  const template = record.template as 'gb2021' | 'gb2019';
  const checks: Check[] = [...runChecks(template, tables), ...proseChecks(record.sections, tables)];
  return { record: { ...record, tables, checks, warnings: [...record.warnings, ...warnings] }, repairs };
}

/**
 * Extraction failures grouped by the doubtful cells they share (one misread cell breaks its row and its
 * column identity: one group). Each group lists its checks and its candidate cells.
 */
function groupFailures(fails: Check[], tables: Tables): { checks: string[]; cells: string[] }[] {
  const candidatesOf = (c: Check) => c.cells.filter((p) => isCandidate(cellAt(tables, p)));
  const parent = fails.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  fails.forEach((c, i) => {
    for (const p of candidatesOf(c)) {
      const j = owner.get(p);
      if (j === undefined) owner.set(p, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, { checks: string[]; cells: Set<string> }>();
  fails.forEach((c, i) => {
    const g = groups.get(find(i)) ?? { checks: [], cells: new Set<string>() };
    g.checks.push(c.id);
    for (const p of candidatesOf(c)) g.cells.add(p);
    groups.set(find(i), g);
  });
  return [...groups.values()].filter((g) => g.cells.size > 0).map((g) => ({ checks: g.checks, cells: [...g.cells] }));
}
