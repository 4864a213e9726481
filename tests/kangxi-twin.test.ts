/**
 * The same report as two PDFs, one whose text layer maps shared glyphs to Kangxi radicals and CJK
 * Radicals Supplement characters (samples/generated/kangxi-twin, made by scripts/make-kangxi-twin.ts):
 * the records are identical apart from the source and the normalization counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../src/pipeline/extract.js';
import { isHardIdentity } from '../src/checks/index.js';
import { toJson } from '../src/writers/json.js';
import { cellAt, SAMPLES, truthCells, type Truth } from './helpers/samples.js';

const DIR = join(SAMPLES, 'generated', 'kangxi-twin');
const read = (f: string) => new Uint8Array(readFileSync(join(DIR, f)));

describe('Kangxi twin', () => {
  const cleanP = extractRecord(read('clean.pdf'), 'report.pdf');
  const kangxiP = extractRecord(read('kangxi.pdf'), 'report.pdf');
  const truth = JSON.parse(readFileSync(join(DIR, 'clean.pdf.json'), 'utf8')) as Truth;

  it('the radical text layer gives the same record apart from source and normalization', async () => {
    const [clean, kangxi] = await Promise.all([cleanP, kangxiP]);
    const strip = (r: typeof clean) => toJson({ ...r, source: { ...r.source, sha256: '' }, normalization: { replaced: 0, byClass: {} } });
    expect(strip(kangxi)).toBe(strip(clean));
    expect(clean.normalization.replaced).toBe(0);
    expect(kangxi.normalization).toEqual({ replaced: 209, byClass: { kangxi: 176, radicalSupplement: 33 } });
    expect(toJson(kangxi)).not.toMatch(/[\u2e80-\u2fdf]/u);
  });

  it('reads every value the generator printed, and all identities pass', async () => {
    const r = await cleanP;
    expect([r.template, r.year, r.agency, r.title]).toEqual([truth.template, truth.year, truth.agency, truth.title]);
    const wrong = truthCells(truth).filter(([path, want]) => cellAt(r, path)?.value !== want);
    expect(wrong).toEqual([]);
    const hard = r.checks.filter((c) => isHardIdentity(c.id));
    expect(hard).toHaveLength(42);
    expect(hard.filter((c) => c.status !== 'pass')).toEqual([]);
  });
});
