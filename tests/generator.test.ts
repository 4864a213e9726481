/**
 * The corpus generator (scripts/generate): deterministic for a seed, every generated record satisfies every
 * hard identity, and every injection makes exactly the identities it records fail.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAll, identities, type Tables } from '../scripts/generate/identities.js';
import { inject } from '../scripts/generate/inject.js';
import { Rng } from '../scripts/generate/prng.js';
import { generateRecord, type GenRecord } from '../scripts/generate/record.js';
import { generateReport } from '../scripts/generate/report.js';
import { INJECTION_KINDS } from '../scripts/generate/variant.js';
import type { Level } from '../scripts/generate/names.js';

const SEED = 20250501;
const LEVELS: Level[] = ['township', 'department', 'county', 'city', 'province'];

function numeric(r: GenRecord): Tables {
  return { requests: r.requests, reviewLitigation: r.reviewLitigation };
}

function records(n: number): GenRecord[] {
  const out: GenRecord[] = [];
  const rng = new Rng(7);
  for (let i = 0; i < n; i++) {
    const form = (['gb2021', 'gb2019', 'hybrid'] as const)[i % 3]!;
    out.push(
      generateRecord(rng.fork(i), {
        template: form === 'gb2019' ? 'gb2019' : 'gb2021',
        form: form === 'gb2021' ? 'split' : 'single',
        level: LEVELS[i % LEVELS.length]!,
        year: form === 'gb2019' ? 2020 : 2023,
      }),
    );
  }
  return out;
}

describe('generator: identities', () => {
  it('declares 42 hard identities for the split （六） form and 40 for the single row', () => {
    expect(identities('split')).toHaveLength(42);
    expect(identities('single')).toHaveLength(40);
  });

  it('treats a blank operand as unknown unless the known terms already exceed the total', () => {
    const id = { id: 'X', left: ['requests.a.total'], right: ['requests.a.x', 'requests.a.y'] };
    const t = (total: number | null, x: number | null, y: number | null): Tables => ({
      requests: { a: { total, x, y } },
      reviewLitigation: {},
    });
    expect(evaluate(id, t(5, 2, 3))).toBe('pass');
    expect(evaluate(id, t(5, 2, 2))).toBe('fail');
    expect(evaluate(id, t(5, 2, null))).toBe('unknown');
    expect(evaluate(id, t(5, 6, null))).toBe('fail'); // known parts already exceed the stated total
    expect(evaluate(id, t(null, 2, 3))).toBe('unknown');
    expect(evaluate(id, t(null, 0, 0))).toBe('unknown');
  });
});

describe('generator: records', () => {
  const rs = records(300);

  it('satisfies every hard identity before injection', () => {
    for (const r of rs) {
      const o = evaluateAll(r.form, numeric(r));
      expect(o.failed, r.title).toEqual([]);
      expect(o.unknown).toEqual([]);
      expect(o.passed).toHaveLength(r.form === 'split' ? 42 : 40);
    }
  });

  it('holds non-negative integer counts and realistic magnitudes', () => {
    for (const r of rs) {
      for (const row of Object.values(r.requests)) for (const v of Object.values(row)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      for (const row of Object.values(r.reviewLitigation)) for (const v of Object.values(row)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      if (r.level === 'township') expect(r.requests.newReceived!.total).toBeLessThanOrEqual(10);
      if (r.level === 'city') expect(r.requests.newReceived!.total).toBeGreaterThanOrEqual(80);
      if (r.template === 'gb2021') {
        const amount = r.activeDisclosure.fees!.amount!;
        expect(Math.round(amount * 1e4) / 1e4).toBe(amount); // at most 4 decimals
      }
    }
  });

  it('keeps every report of a corpus consistent before injection (as printed: no certain failure)', () => {
    for (let i = 0; i < 150; i++) {
      const r = generateReport(SEED, i);
      if (!r.injection) expect(r.outcome.failed, r.name).toEqual([]);
      expect(evaluateAll(r.original.form, numeric(r.original)).failed, r.name).toEqual([]);
    }
  });
});

describe('generator: injections', () => {
  const rs = records(210);

  it('makes exactly the recorded identities fail', () => {
    let applied = 0;
    rs.forEach((r, i) => {
      for (const kind of INJECTION_KINDS) {
        const res = inject(new Rng(1000 + i).fork(kind), r, kind);
        if (!res) continue;
        applied++;
        const o = evaluateAll(res.record.form, numeric(res.record));
        expect([...o.failed].sort(), `${kind} on ${r.title}: ${res.injection.description}`).toEqual([...res.injection.fails].sort());
        expect(o.failed.length).toBeGreaterThan(0);
        // The record passed in is left alone.
        expect(evaluateAll(r.form, numeric(r)).failed).toEqual([]);
        for (const ch of res.injection.changes) expect(ch.to).toBeGreaterThanOrEqual(0);
      }
    });
    expect(applied).toBeGreaterThan(1000);
  });

  it('shows every injected report as failing in print, exactly as recorded when every cell is printed', () => {
    let injected = 0;
    for (let i = 0; i < 150; i++) {
      const r = generateReport(SEED, i);
      if (!r.injection) continue;
      injected++;
      expect(r.outcome.failed.length, r.name).toBeGreaterThan(0);
      if (r.variant.convention === 'zero') expect([...r.outcome.failed].sort(), r.name).toEqual([...r.injection.fails].sort());
      // A failure as printed is always one the injection caused.
      for (const id of r.outcome.failed) expect(r.injection.fails, r.name).toContain(id);
    }
    expect(injected).toBeGreaterThanOrEqual(20);
  });
});

describe('generator: determinism', () => {
  it('produces the same report for the same seed and index', () => {
    for (const i of [0, 3, 10, 17, 31, 45, 59]) {
      const a = generateReport(SEED, i);
      const b = generateReport(SEED, i);
      expect(a.html('utf-8')).toBe(b.html('utf-8'));
      expect(a.text()).toBe(b.text());
      expect(JSON.stringify(a.truth('x'))).toBe(JSON.stringify(b.truth('x')));
    }
  });

  it('does not depend on how many reports are made or in which order', () => {
    const later = generateReport(SEED, 40);
    for (let i = 0; i < 5; i++) generateReport(SEED, i);
    expect(generateReport(SEED, 40).html('utf-8')).toBe(later.html('utf-8'));
  });

  it('differs for another seed', () => {
    expect(generateReport(SEED + 1, 5).html('utf-8')).not.toBe(generateReport(SEED, 5).html('utf-8'));
  });

  it('writes truth whose values match the printed cells (blank and dash as null, never 0)', () => {
    for (let i = 0; i < 60; i++) {
      const r = generateReport(SEED, i);
      const truth = r.truth('x') as { requests: Record<string, Record<string, number | null>> };
      for (const [row, cols] of Object.entries(r.tables.requests)) {
        for (const [col, cell] of Object.entries(cols)) {
          const want = truth.requests[row]![col];
          if (cell.text === '' || /^[—\-/／无]+$/.test(cell.text)) expect(want, `${r.name} ${row}.${col} "${cell.text}"`).toBeNull();
          else expect(want, `${r.name} ${row}.${col} "${cell.text}"`).toBe(Number(cell.text.replace(/,/g, '').replace('０', '0')));
        }
      }
    }
  });
});
