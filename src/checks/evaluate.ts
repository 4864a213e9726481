/** Evaluating one linear identity (or inequality) against the cells of a report. */
import { isUncertain, type Cell } from '../model/cell.js';
import type { Check, Tables } from '../model/record.js';
import { cellAt, valueOf } from './cells.js';
import type { LinearIdentity, Term } from './identities.js';

export const EPS = 1e-9;

export interface Evaluated {
  identity: LinearIdentity;
  check: Check;
  /** Every operand was known, so `delta` is the true difference rather than a bound. */
  exact: boolean;
}

interface Operand {
  term: Term;
  cell: Cell | undefined;
  value: number | null;
}

function operands(terms: readonly Term[], tables: Tables): Operand[] {
  return terms.map((term) => {
    const cell = cellAt(tables, term.path);
    return { term, cell, value: valueOf(cell) };
  });
}

function knownSum(side: readonly Operand[]): number {
  return side.reduce((sum, o) => sum + (o.value === null ? 0 : o.term.sign * o.value), 0);
}

function holds(relation: LinearIdentity['relation'], delta: number): boolean {
  return relation === '=' ? Math.abs(delta) < EPS : delta > -EPS;
}

/** Whether the document contradicts itself or our reading of it is doubtful. */
export function originOf(cells: readonly (Cell | undefined)[]): 'source' | 'extraction' {
  return cells.some((c) => c !== undefined && isUncertain(c)) ? 'extraction' : 'source';
}

export function evaluateLinear(identity: LinearIdentity, tables: Tables): Evaluated {
  const left = operands(identity.left, tables);
  const right = operands(identity.right, tables);
  const all = [...left, ...right];
  const base = {
    id: identity.id,
    severity: identity.severity,
    formula: identity.formula,
    cells: all.map((o) => o.term.path),
  };
  const lk = knownSum(left);
  const rk = knownSum(right);
  const d0 = lk - rk;
  const failed = (check: Check): Check => ({ ...check, origin: originOf(all.map((o) => o.cell)) });

  if (all.every((o) => o.value !== null)) {
    const ok = holds(identity.relation, d0);
    const check: Check = { ...base, status: ok ? 'pass' : 'fail', left: lk, right: rk, delta: d0 };
    return { identity, check: ok ? check : failed(check), exact: true };
  }

  // Every count is ≥ 0, so a blank operand can move left − right in one direction only (by its side and sign).
  const blank = (side: readonly Operand[], sign: 1 | -1) => side.some((o) => o.value === null && o.term.sign === sign);
  const canRise = blank(left, 1) || blank(right, -1);
  const canFall = blank(left, -1) || blank(right, 1);
  const certainFail = (d0 < -EPS && !canRise) || (identity.relation === '=' && d0 > EPS && !canFall);
  const certainPass = identity.relation === '≥' && d0 > -EPS && !canFall;

  if (certainFail || certainPass) {
    const [big, bigSum, small, smallSum] = d0 > 0 ? ['left', lk, 'right', rk] : ['right', rk, 'left', lk];
    const message =
      identity.relation === '='
        ? `lower bound: blank cells count as ≥ 0, so the ${big} side is at least ${bigSum}, already more than the ${small} side (${smallSum})`
        : `decided by bounds: blank cells count as ≥ 0 and cannot change the outcome; left and right are the known terms`;
    const check: Check = { ...base, status: certainFail ? 'fail' : 'pass', left: lk, right: rk, delta: d0, message };
    return { identity, check: certainFail ? failed(check) : check, exact: false };
  }

  const complete = (side: readonly Operand[]) => side.every((o) => o.value !== null);
  const check: Check = {
    ...base,
    status: 'unknown',
    left: complete(left) ? lk : null,
    right: complete(right) ? rk : null,
    delta: null,
    ifBlankZero: holds(identity.relation, d0) ? 'pass' : 'fail',
  };
  return { identity, check, exact: false };
}

/** Only a true difference can be matched against another check's; a bound says nothing about which cell is off. */
export function isExactFail(e: Evaluated): boolean {
  return e.exact && e.check.status === 'fail' && e.check.delta !== null && Math.abs(e.check.delta) >= EPS;
}

export function appendMessage(message: string | undefined, more: string): string {
  return message ? `${message}; ${more}` : more;
}
