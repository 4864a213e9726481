import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHardIdentity, runChecks } from '../src/checks/index.js';
import type { Cell } from '../src/model/cell.js';
import { ActiveDisclosureTable, Check, type RequestsTable, type Tables } from '../src/model/record.js';
import {
  DISCLOSURE_ROWS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestRows,
  type OtherHandlingForm,
  type TemplateId,
} from '../src/template/templates.js';

type V = number | null;

function cell(v: V, extra: Partial<Cell> = {}): Cell {
  return v === null ? { value: null, raw: '', kind: 'blank', ...extra } : { value: v, raw: String(v), kind: 'number', ...extra };
}

function requests(form: OtherHandlingForm, fill: (row: string, col: string) => V = () => 0): RequestsTable {
  return {
    columns: REQUEST_COLUMNS.map((c) => c.key),
    rows: Object.fromEntries(
      requestRows(form).map((r) => [r.key, Object.fromEntries(REQUEST_COLUMNS.map((c) => [c.key, cell(fill(r.key, c.key))]))]),
    ),
  };
}

/** A table 三 whose every identity holds, with different nonzero values per cell. */
function balancedRequests(form: OtherHandlingForm): RequestsTable {
  const rows = requestRows(form);
  const leaves = rows.filter((r) => r.leaf);
  const parts = REQUEST_COLUMNS.filter((c) => c.key !== 'total');
  const v = new Map<string, number>();
  const k = (row: string, col: string) => `${row}|${col}`;
  parts.forEach((c, j) => {
    let tp = 0;
    leaves.forEach((r, i) => {
      const x = (i + j) % 3;
      v.set(k(r.key, c.key), x);
      tp += x;
    });
    v.set(k('totalProcessed', c.key), tp);
    v.set(k('carriedOut', c.key), 1);
    v.set(k('carriedIn', c.key), 2);
    v.set(k('newReceived', c.key), tp - 1);
  });
  for (const r of rows) v.set(k(r.key, 'total'), parts.reduce((s, c) => s + v.get(k(r.key, c.key))!, 0));
  return requests(form, (row, col) => v.get(k(row, col))!);
}

function setCell(t: RequestsTable, row: string, col: string, c: Cell): void {
  t.rows[row]![col] = c;
}

function getValue(t: RequestsTable, row: string, col: string): number {
  return t.rows[row]![col]!.value!;
}

type ReviewRow = [V, V, V, V, V];
function review(values: Partial<Record<(typeof REVIEW_GROUPS)[number]['key'], ReviewRow>> = {}): Tables['reviewLitigation'] {
  const zero: ReviewRow = [0, 0, 0, 0, 0];
  return Object.fromEntries(
    REVIEW_GROUPS.map((g) => [
      g.key,
      Object.fromEntries(REVIEW_COLUMNS.map((c, i) => [c.key, cell((values[g.key] ?? zero)[i]!)])),
    ]),
  ) as Tables['reviewLitigation'];
}

function disclosure(template: TemplateId, fill: (row: string, col: string) => V | Cell = () => 0): Tables['activeDisclosure'] {
  return ActiveDisclosureTable.parse(
    Object.fromEntries(
      DISCLOSURE_ROWS[template].map((r) => [
        r.key,
        Object.fromEntries(
          r.columns.map((c) => {
            const x = fill(r.key, c.key);
            return [c.key, typeof x === 'object' && x !== null ? x : cell(x)];
          }),
        ),
      ]),
    ),
  );
}

function tables(partial: Partial<Tables>): Tables {
  return { activeDisclosure: null, requests: null, reviewLitigation: null, ...partial };
}

/** Every output goes through the record schema, and must survive it unchanged (no stray keys). */
function run(template: TemplateId, t: Tables): Check[] {
  const checks = runChecks(template, t);
  expect(z.array(Check).parse(checks)).toEqual(checks);
  return checks;
}

function byId(checks: Check[], id: string): Check {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

const hard = (checks: Check[]) => checks.filter((c) => isHardIdentity(c.id));
const failing = (checks: Check[]) => checks.filter((c) => c.status === 'fail').map((c) => c.id);
const path = (table: string, row: string, col: string) => `${table}.${row}.${col}`;
const ROW_PARTS = REQUEST_COLUMNS.map((c) => c.key).filter((k) => k !== 'total');

describe('shape of the check list', () => {
  it('an all-zero gb2021 report: 42 hard identities pass, DOM passes, T3-ALL-ZERO applies', () => {
    const checks = run(
      'gb2021',
      tables({ activeDisclosure: disclosure('gb2021'), requests: requests('split'), reviewLitigation: review() }),
    );
    const h = hard(checks);
    expect(h).toHaveLength(42);
    expect(h.every((c) => c.status === 'pass' && c.severity === 'error' && c.delta === 0)).toBe(true);
    expect(h.map((c) => c.id)).toEqual([
      ...REQUEST_COLUMNS.map((c) => `T3-BALANCE.${c.key}`),
      ...REQUEST_COLUMNS.map((c) => `T3-RESULT-SUM.${c.key}`),
      ...requestRows('split').map((r) => `T3-ROW-TOTAL.${r.key}`),
      ...REVIEW_GROUPS.map((g) => `T4-TOTAL.${g.key}`),
    ]);
    expect(checks.slice(42).map((c) => c.id)).toEqual([
      'DOM-NONNEG-INT',
      'T2-INFORCE-GE-NET.regulations',
      'T2-INFORCE-GE-NET.normativeDocuments',
      'T2-FEE-UNIT',
      'T3-ALL-ZERO',
    ]);
    expect(byId(checks, 'DOM-NONNEG-INT')).toMatchObject({ status: 'pass', severity: 'error', cells: [] });
    expect(byId(checks, 'T3-ALL-ZERO')).toMatchObject({
      status: 'fail',
      severity: 'info',
      message: 'all zero: common for townships, not an error',
    });
    expect(byId(checks, 'T3-BALANCE.total')).toEqual({
      id: 'T3-BALANCE.total',
      severity: 'error',
      status: 'pass',
      formula: 'newReceived + carriedIn = totalProcessed + carriedOut',
      left: 0,
      right: 0,
      delta: 0,
      cells: [
        'requests.newReceived.total',
        'requests.carriedIn.total',
        'requests.totalProcessed.total',
        'requests.carriedOut.total',
      ],
    });
    expect(Object.keys(byId(checks, 'T3-BALANCE.total'))).toEqual(['id', 'severity', 'status', 'formula', 'left', 'right', 'delta', 'cells']);
    const rowTotal = byId(checks, 'T3-ROW-TOTAL.denied.stateSecret');
    expect(rowTotal.formula).toBe('total = naturalPerson + commercial + research + publicInterest + legalService + otherOrg');
    expect(rowTotal.cells).toEqual([
      'requests.denied.stateSecret.total',
      ...ROW_PARTS.map((c) => path('requests', 'denied.stateSecret', c)),
    ]);
    const resultSum = byId(checks, 'T3-RESULT-SUM.research');
    expect(resultSum.cells).toHaveLength(22);
    expect(resultSum.cells[0]).toBe('requests.totalProcessed.research');
    expect(resultSum.cells).toContain('requests.otherHandling.overdueFee.research');
    expect(byId(checks, 'T4-TOTAL.review').formula).toBe('total = upheld + corrected + other + pending');
  });

  it('a table 三 with the single （六） row gives 40 hard identities, whatever the template says', () => {
    for (const template of ['gb2019', 'gb2021'] as const) {
      const checks = run(template, tables({ requests: requests('single'), reviewLitigation: review() }));
      expect(hard(checks)).toHaveLength(40);
      expect(checks.map((c) => c.id)).toContain('T3-ROW-TOTAL.otherHandling');
      expect(checks.map((c) => c.id)).not.toContain('T3-ROW-TOTAL.otherHandling.other');
      expect(byId(checks, 'T3-RESULT-SUM.total').cells).toHaveLength(20);
    }
  });

  it('null tables produce no checks; gb2019 has no T2 soft checks', () => {
    expect(run('gb2021', tables({}))).toEqual([]);
    const t4only = run('gb2021', tables({ reviewLitigation: review() }));
    expect(t4only.map((c) => c.id)).toEqual([...REVIEW_GROUPS.map((g) => `T4-TOTAL.${g.key}`), 'DOM-NONNEG-INT']);
    const gb2019 = run('gb2019', tables({ activeDisclosure: disclosure('gb2019') }));
    expect(gb2019.map((c) => c.id)).toEqual(['DOM-NONNEG-INT']);
  });

  it('a balanced nonzero table passes everything and T3-ALL-ZERO does not apply', () => {
    const checks = run('gb2021', tables({ requests: balancedRequests('split') }));
    expect(failing(checks)).toEqual([]);
    expect(byId(checks, 'T3-ALL-ZERO')).toMatchObject({ status: 'pass' });
    expect(byId(checks, 'T3-ALL-ZERO').message).toBeUndefined();
  });

  it('isHardIdentity', () => {
    expect(isHardIdentity('T3-BALANCE.total')).toBe(true);
    expect(isHardIdentity('T3-RESULT-SUM.research')).toBe(true);
    expect(isHardIdentity('T3-ROW-TOTAL.denied.stateSecret')).toBe(true);
    expect(isHardIdentity('T4-TOTAL.review')).toBe(true);
    expect(isHardIdentity('DOM-NONNEG-INT')).toBe(false);
    expect(isHardIdentity('T2-FEE-UNIT')).toBe(false);
    expect(isHardIdentity('T3-ALL-ZERO')).toBe(false);
    expect(isHardIdentity('T3-BALANCE')).toBe(false);
  });
});

describe('linear identities', () => {
  it('洪泽区 2023 table 四: totals printed as 0 beside nonzero results', () => {
    const checks = run(
      'gb2021',
      tables({ reviewLitigation: review({ review: [10, 1, 0, 0, 0], litigationAfterReview: [5, 0, 0, 0, 0] }) }),
    );
    expect(byId(checks, 'T4-TOTAL.review')).toEqual({
      id: 'T4-TOTAL.review',
      severity: 'error',
      status: 'fail',
      formula: 'total = upheld + corrected + other + pending',
      left: 0,
      right: 11,
      delta: -11,
      cells: ['total', ...REVIEW_COLUMNS.map((c) => c.key).filter((k) => k !== 'total')].map((c) =>
        path('reviewLitigation', 'review', c),
      ),
      origin: 'source',
    });
    expect(byId(checks, 'T4-TOTAL.litigationAfterReview')).toMatchObject({
      status: 'fail',
      left: 0,
      right: 5,
      delta: -5,
      origin: 'source',
    });
    expect(byId(checks, 'T4-TOTAL.litigationDirect').status).toBe('pass');
  });

  it('a blank 总计 beside nonzero parts is unknown and would fail as 0', () => {
    const t = balancedRequests('split');
    const parts = ROW_PARTS.reduce((s, c) => s + getValue(t, 'granted', c), 0);
    const totalProcessed = getValue(t, 'totalProcessed', 'total');
    expect(parts).toBeGreaterThan(0);
    setCell(t, 'granted', 'total', cell(null));
    const checks = run('gb2021', tables({ requests: t }));
    expect(byId(checks, 'T3-ROW-TOTAL.granted')).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'fail',
      left: null,
      right: parts,
      delta: null,
    });
    expect(byId(checks, 'T3-ROW-TOTAL.granted').origin).toBeUndefined();
    // The blank is also a leaf of the 总计 column.
    expect(byId(checks, 'T3-RESULT-SUM.total')).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'fail',
      left: totalProcessed,
      right: null,
      delta: null,
    });
    expect(failing(checks)).toEqual([]);
  });

  it('a blank 总计 beside zero parts is unknown and would pass as 0', () => {
    const t = requests('split');
    setCell(t, 'granted', 'total', cell(null, { kind: 'dash', raw: '—' }));
    const checks = run('gb2021', tables({ requests: t }));
    expect(byId(checks, 'T3-ROW-TOTAL.granted')).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'pass',
      left: null,
      right: 0,
      delta: null,
    });
  });

  it('a blank operand cannot rescue a side whose known terms already exceed the other: fail on a lower bound', () => {
    const t = requests('split');
    setCell(t, 'granted', 'total', cell(3));
    setCell(t, 'granted', 'naturalPerson', cell(2));
    setCell(t, 'granted', 'commercial', cell(5));
    setCell(t, 'granted', 'research', cell(null));
    const c = byId(run('gb2021', tables({ requests: t })), 'T3-ROW-TOTAL.granted');
    expect(c).toMatchObject({ status: 'fail', left: 3, right: 7, delta: -4, origin: 'source' });
    expect(c.ifBlankZero).toBeUndefined();
    expect(c.message).toMatch(/lower bound/);
    // The mirror case: the total exceeds parts that are all known.
    const u = requests('split');
    setCell(u, 'granted', 'total', cell(3));
    setCell(u, 'granted', 'naturalPerson', cell(null));
    expect(byId(run('gb2021', tables({ requests: u })), 'T3-ROW-TOTAL.granted')).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'fail',
      left: 3,
      right: null,
    });
  });

  it('a missing cell counts as blank', () => {
    const t = requests('split');
    delete t.rows['granted']!['total'];
    expect(byId(run('gb2021', tables({ requests: t })), 'T3-ROW-TOTAL.granted')).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'pass',
      left: null,
    });
  });

  it('a reconstructed cell in a failing identity makes the origin extraction', () => {
    const t = balancedRequests('split');
    const v = getValue(t, 'newReceived', 'naturalPerson');
    setCell(t, 'newReceived', 'naturalPerson', cell(v + 4, { reconstructed: true }));
    const checks = run('gb2021', tables({ requests: t }));
    expect(failing(checks)).toEqual(['T3-BALANCE.naturalPerson', 'T3-ROW-TOTAL.newReceived']);
    expect(byId(checks, 'T3-BALANCE.naturalPerson')).toMatchObject({ delta: 4, origin: 'extraction' });
    expect(byId(checks, 'T3-ROW-TOTAL.newReceived')).toMatchObject({ delta: -4, origin: 'extraction' });

    const low = run('gb2021', tables({ reviewLitigation: review({ review: [1, 0, 0, 0, 0] }) }));
    expect(byId(low, 'T4-TOTAL.review').origin).toBe('source');
    const ocr = review({ review: [1, 0, 0, 0, 0] });
    ocr!.review.total = cell(0, { confidence: 0.6 });
    expect(byId(run('gb2021', tables({ reviewLitigation: ocr })), 'T4-TOTAL.review').origin).toBe('extraction');
  });

  it('one wrong cell: a row and a column failure with the same delta name it as the culprit', () => {
    const t = balancedRequests('split');
    const v = getValue(t, 'granted', 'commercial');
    setCell(t, 'granted', 'commercial', cell(v + 3));
    const checks = run('gb2021', tables({ requests: t }));
    expect(failing(checks)).toEqual(['T3-RESULT-SUM.commercial', 'T3-ROW-TOTAL.granted']);
    const col = byId(checks, 'T3-RESULT-SUM.commercial');
    const row = byId(checks, 'T3-ROW-TOTAL.granted');
    expect(col).toMatchObject({ delta: -3, origin: 'source', culprit: 'requests.granted.commercial' });
    expect(row).toMatchObject({ delta: -3, origin: 'source', culprit: 'requests.granted.commercial' });
    expect(row.left).toBe(getValue(t, 'granted', 'total'));
    expect(row.right).toBe(getValue(t, 'granted', 'total') + 3);
    expect(col.message).toMatch(/requests\.granted\.commercial/);
    expect(checks.filter((c) => c.culprit !== undefined)).toHaveLength(2);
  });

  it('a wrong （七）总计 cell breaks both column identities and its row: all three name it', () => {
    const t = balancedRequests('split');
    setCell(t, 'totalProcessed', 'research', cell(getValue(t, 'totalProcessed', 'research') + 2));
    const checks = run('gb2021', tables({ requests: t }));
    expect(failing(checks)).toEqual(['T3-BALANCE.research', 'T3-RESULT-SUM.research', 'T3-ROW-TOTAL.totalProcessed']);
    for (const id of failing(checks)) expect(byId(checks, id).culprit).toBe('requests.totalProcessed.research');
  });

  it('two wrong cells with the same delta do not single out a culprit', () => {
    const t = balancedRequests('split');
    setCell(t, 'granted', 'commercial', cell(getValue(t, 'granted', 'commercial') + 3));
    setCell(t, 'partiallyGranted', 'research', cell(getValue(t, 'partiallyGranted', 'research') + 3));
    const checks = run('gb2021', tables({ requests: t }));
    expect(failing(checks)).toHaveLength(4);
    expect(checks.filter((c) => c.culprit !== undefined)).toEqual([]);
  });

  it('equal and opposite deltas in neighbouring columns look like a column shift: origin undetermined', () => {
    const t = balancedRequests('split');
    setCell(t, 'granted', 'commercial', cell(getValue(t, 'granted', 'commercial') + 2));
    setCell(t, 'granted', 'research', cell(getValue(t, 'granted', 'research') - 2));
    const checks = run('gb2021', tables({ requests: t }));
    expect(failing(checks)).toEqual(['T3-RESULT-SUM.commercial', 'T3-RESULT-SUM.research']);
    expect(byId(checks, 'T3-RESULT-SUM.commercial')).toMatchObject({ delta: -2, origin: 'undetermined' });
    expect(byId(checks, 'T3-RESULT-SUM.research')).toMatchObject({ delta: 2, origin: 'undetermined' });
    expect(byId(checks, 'T3-ROW-TOTAL.granted').status).toBe('pass');

    // Not neighbours: two independent faults of the document.
    const u = balancedRequests('split');
    setCell(u, 'granted', 'commercial', cell(getValue(u, 'granted', 'commercial') + 2));
    setCell(u, 'granted', 'publicInterest', cell(getValue(u, 'granted', 'publicInterest') - 2));
    const far = run('gb2021', tables({ requests: u }));
    expect(byId(far, 'T3-RESULT-SUM.commercial').origin).toBe('source');
    expect(byId(far, 'T3-RESULT-SUM.publicInterest').origin).toBe('source');
  });
});

describe('DOM-NONNEG-INT', () => {
  it('names every negative or fractional count cell', () => {
    const t = requests('split');
    setCell(t, 'granted', 'naturalPerson', cell(-1));
    const checks = run(
      'gb2021',
      tables({
        activeDisclosure: disclosure('gb2021', (row) => (row === 'fees' ? 5949.5 : 0)),
        requests: t,
        reviewLitigation: review({ review: [2.5, 0, 0, 0, 2.5] }),
      }),
    );
    const dom = byId(checks, 'DOM-NONNEG-INT');
    expect(dom).toMatchObject({
      status: 'fail',
      severity: 'error',
      left: null,
      right: null,
      delta: null,
      origin: 'source',
      cells: ['requests.granted.naturalPerson', 'reviewLitigation.review.upheld', 'reviewLitigation.review.total'],
    });
    expect(dom.message).toMatch(/negative/);
    expect(dom.message).toMatch(/not an integer/);
  });

  it('gb2019 本年增/减 may be negative but must be an integer; money may be decimal', () => {
    const ok = run(
      'gb2019',
      tables({
        activeDisclosure: disclosure('gb2019', (row, col) =>
          col === 'change' ? -3 : col === 'totalAmount' ? 251000.75 : row === 'licensing' ? 12 : 0,
        ),
      }),
    );
    expect(byId(ok, 'DOM-NONNEG-INT')).toMatchObject({ status: 'pass', cells: [] });

    const bad = run(
      'gb2019',
      tables({
        activeDisclosure: disclosure('gb2019', (row, col) =>
          row === 'penalties' && col === 'change' ? -3.5 : row === 'coercion' && col === 'decisions' ? -2 : 0,
        ),
      }),
    );
    expect(byId(bad, 'DOM-NONNEG-INT')).toMatchObject({
      status: 'fail',
      cells: ['activeDisclosure.penalties.change', 'activeDisclosure.coercion.decisions'],
    });
  });

  it('blank and text cells never fail it', () => {
    const t = requests('split');
    setCell(t, 'granted', 'total', cell(null));
    setCell(t, 'granted', 'commercial', { value: null, raw: '若干', kind: 'text' });
    expect(byId(run('gb2021', tables({ requests: t })), 'DOM-NONNEG-INT').status).toBe('pass');
  });
});

describe('soft checks', () => {
  it('T2-FEE-UNIT', () => {
    const fee = (x: V | Cell) =>
      byId(run('gb2021', tables({ activeDisclosure: disclosure('gb2021', (row) => (row === 'fees' ? x : 0)) })), 'T2-FEE-UNIT');
    const decimals = fee(5949.088667);
    expect(decimals).toMatchObject({
      status: 'fail',
      severity: 'warning',
      origin: 'source',
      left: null,
      right: null,
      delta: null,
      cells: ['activeDisclosure.fees.amount'],
    });
    expect(decimals.message).toMatch(/more than 4 decimals/);
    const yuan = fee(cell(251000, { raw: '251000元', unit: '元' }));
    expect(yuan.status).toBe('fail');
    expect(yuan.message).toMatch(/元, not 万元/);
    expect(fee(2e7).message).toMatch(/implausibly large/);
    expect(fee(cell(25.1, { raw: '25.1万元', unit: '万元' })).status).toBe('pass');
    expect(fee(5949.0887).status).toBe('pass');
    expect(fee(0).status).toBe('pass');
    expect(fee(null).status).toBe('unknown');
  });

  it('T2-INFORCE-GE-NET', () => {
    const values: Record<string, Record<string, V>> = {
      regulations: { issued: 10, repealed: 2, inForce: 5 },
      normativeDocuments: { issued: 3, repealed: 1, inForce: 40 },
    };
    const checks = run(
      'gb2021',
      tables({ activeDisclosure: disclosure('gb2021', (row, col) => values[row]?.[col] ?? 0) }),
    );
    expect(byId(checks, 'T2-INFORCE-GE-NET.regulations')).toEqual({
      id: 'T2-INFORCE-GE-NET.regulations',
      severity: 'warning',
      status: 'fail',
      formula: 'inForce ≥ issued − repealed',
      left: 5,
      right: 8,
      delta: -3,
      cells: [
        'activeDisclosure.regulations.inForce',
        'activeDisclosure.regulations.issued',
        'activeDisclosure.regulations.repealed',
      ],
      origin: 'source',
    });
    expect(byId(checks, 'T2-INFORCE-GE-NET.normativeDocuments')).toMatchObject({
      status: 'pass',
      left: 40,
      right: 2,
      delta: 38,
    });
  });

  it('T2-INFORCE-GE-NET with blanks', () => {
    const check = (v: Record<string, V>) =>
      byId(
        run('gb2021', tables({ activeDisclosure: disclosure('gb2021', (row, col) => (row === 'regulations' ? v[col]! : 0)) })),
        'T2-INFORCE-GE-NET.regulations',
      );
    // A blank 现行有效 could be anything ≥ 0.
    expect(check({ issued: 3, repealed: 0, inForce: null })).toMatchObject({
      status: 'unknown',
      ifBlankZero: 'fail',
      left: null,
      right: 3,
      delta: null,
    });
    // A blank 废止 only lowers the right side, which already stays below 现行有效.
    expect(check({ issued: 10, repealed: null, inForce: 12 }).status).toBe('pass');
    expect(check({ issued: 10, repealed: null, inForce: 8 })).toMatchObject({ status: 'unknown', ifBlankZero: 'fail' });
  });
});
