/**
 * `xxgk diff` as users run it (the built command line): two records, folders of records and archive
 * databases; the same report read from different input kinds; exit statuses like diff's.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../src/model/record.js';
import { cellAt, readTruth, ROOT, SAMPLES, truthCells } from './helpers/samples.js';

const BIN = join(ROOT, 'bin', 'xxgk.js');
const HONGZE = join(SAMPLES, 'real', 'hongze-2023.pdf');
const CORPUS = join(SAMPLES, 'generated', 'corpus');

function run(args: string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Extracts `input` into `out` (a record file) through the command line. */
function extract(input: string, out: string, timeout?: number): ReportRecord {
  const r = run(['extract', input, '--out', out], timeout);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ReportRecord;
}

/** The text format's table rows as [path, A, B] (columns are two or more spaces apart). */
function rows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.trim().split(/ {2,}/));
}

function lastLine(s: string): string {
  return s.trimEnd().split('\n').at(-1)!;
}

describe('xxgk diff: two records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-diff-'));
  const a = join(dir, 'hongze-2023.json');
  const b = join(dir, 'hand-corrected.json');
  let record: ReportRecord;

  beforeAll(() => {
    record = extract(HONGZE, a);
    // The values the edits below start from, as the document prints them (truth checked by hand).
    const truth = readTruth('hongze-2023.pdf');
    expect(truth.activeDisclosure!.regulations!.issued).toBe(0);
    expect(truth.activeDisclosure!.licensing!.decisions).toBe(550);
    expect(truth.reviewLitigation!.review).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    for (const [path, value] of truthCells(truth)) expect(cellAt(record, path)?.value ?? null, path).toBe(value);

    // An auditor's hand-corrected copy: two cells changed, the 行政复议 total corrected and its identity passing.
    const edited = structuredClone(record);
    const t = edited.tables;
    t.activeDisclosure!.regulations!.issued = { value: null, raw: '—', kind: 'dash' };
    t.activeDisclosure!.licensing!.decisions = { ...t.activeDisclosure!.licensing!.decisions!, value: 505, raw: '505' };
    t.reviewLitigation!.review.total = { ...t.reviewLitigation!.review.total, value: 11, raw: '11' };
    const check = edited.checks.find((c) => c.id === 'T4-TOTAL.review')!;
    Object.assign(check, { status: 'pass', left: 11, delta: 0 });
    delete check.origin;
    // What legitimately differs between runs and input kinds is not compared: source, boxes, raw text, confidence.
    edited.source = { ...edited.source, path: 'elsewhere/hongze-2023-scan.pdf', sha256: '0'.repeat(64), extractor: 'pdf-ocr' };
    const total = t.requests!.rows.newReceived!.total!;
    t.requests!.rows.newReceived!.total = { ...total, bbox: [1, 2, 3, 4], page: 2, raw: '２１', confidence: 0.95 };
    writeFileSync(b, JSON.stringify(edited));
  });

  it('prints nothing and exits 0 for identical inputs', () => {
    const r = run(['diff', a, a]);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['diff', a, a, '--format', 'json'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('lists exactly the cells whose value, kind or identity verdict differ, then the identities, then a summary', () => {
    const r = run(['diff', a, b]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`A ${a}`, `B ${b}`]);
    expect(rows(r.stdout)).toEqual([
      ['path', 'A', 'B'],
      ['activeDisclosure.regulations.issued', '0', 'dash'],
      ['activeDisclosure.licensing.decisions', '550', '505'],
      // Same values, but the identity judging them no longer fails.
      ['reviewLitigation.review.upheld', '10 [fail]', '10 [pass]'],
      ['reviewLitigation.review.corrected', '1 [fail]', '1 [pass]'],
      ['reviewLitigation.review.other', '0 [fail]', '0 [pass]'],
      ['reviewLitigation.review.pending', '0 [fail]', '0 [pass]'],
      ['reviewLitigation.review.total', '0 [fail]', '11 [pass]'],
      ['T4-TOTAL.review (identity)', 'fail', 'pass'],
    ]);
    expect(lastLine(r.stdout)).toBe('summary: 1 report compared, 1 differing; 7 cells differ; 1 identity changed status');
  });

  it('gives the same as one JSON object with --format json', () => {
    const r = run(['diff', a, b, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ reportsCompared: 1, reportsDiffering: 1, cellsDiffering: 7, identitiesChanged: 1, onlyInA: 0, onlyInB: 0 });
    expect(out.reports).toHaveLength(1);
    expect(out.reports[0].a).toEqual({ name: 'hongze-2023', from: a, path: HONGZE, sha256: record.source.sha256 });
    expect(out.reports[0].cells[1]).toEqual({
      path: 'activeDisclosure.licensing.decisions',
      a: { value: 550, kind: 'number', checks: null },
      b: { value: 505, kind: 'number', checks: null },
    });
    expect(out.reports[0].cells[6]).toEqual({
      path: 'reviewLitigation.review.total',
      a: { value: 0, kind: 'number', checks: 'fail' },
      b: { value: 11, kind: 'number', checks: 'pass' },
    });
    expect(out.reports[0].identities).toEqual([{ id: 'T4-TOTAL.review', a: 'fail', b: 'pass' }]);
  });

  it('ends with one line naming the file and the cause, exit 2, on unreadable input', () => {
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"schemaVersion": 1,');
    const notRecord = join(dir, 'truth.json');
    copyFileSync(join(SAMPLES, 'truth', 'hongze-2023.pdf.json'), notRecord);
    const notArchive = join(dir, 'other.sqlite');
    new Database(notArchive).exec('CREATE TABLE t (x)').close();
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /^xxgk: .*missing\.json: no such file\n$/],
      [notJson, /^xxgk: .*broken\.json: not JSON \(.+\)\n$/],
      [notRecord, /^xxgk: .*truth\.json: not an xxgk record \(.+\)\n$/],
      [notArchive, /^xxgk: .*other\.sqlite: not an xxgk archive \(no reports table\)\n$/],
    ];
    for (const [bad, message] of cases) {
      const r = run(['diff', a, bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
    const usage = run(['diff', a]);
    expect(usage.status).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe('xxgk: diff needs two inputs, not 1');
    expect(run(['diff', a, a, '--format', 'csv']).stderr.split('\n')[0]).toBe("xxgk: --format must be text or json, not 'csv'");
  });
});

describe('xxgk diff: the same report from different input kinds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-diff-kinds-'));

  it('finds no difference between the PDF and the HTML of a generated report that both read right', () => {
    // r019 (hybrid department): both renderings print the same tables; each record matches the one truth.
    const name = 'r019-hybrid-department';
    const pdf = extract(join(CORPUS, `${name}.pdf`), join(dir, 'pdf.json'));
    const html = extract(join(CORPUS, `${name}.html`), join(dir, 'html.json'));
    for (const [kind, rec] of [['pdf', pdf], ['html', html]] as const) {
      const truth = JSON.parse(readFileSync(join(CORPUS, `${name}.${kind}.json`), 'utf8'));
      for (const [path, value] of truthCells(truth)) expect(cellAt(rec, path)?.value ?? null, `${kind} ${path}`).toBe(value);
    }
    expect(run(['diff', join(dir, 'pdf.json'), join(dir, 'html.json')])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('finds no difference between 洪泽区 2023 and its scanned twin read by OCR', () => {
    const text = extract(HONGZE, join(dir, 'text.json'));
    const scan = extract(join(SAMPLES, 'scanned', 'hongze-2023-300dpi.pdf'), join(dir, 'scan.json'), 280_000);
    expect([text.source.extractor, scan.source.extractor]).toEqual(['pdf-text', 'pdf-ocr']);
    // Not vacuous: the records' boxes and raw texts come from different readings.
    expect(scan.source.ocrPages).toEqual([1, 2, 3, 4, 5]);
    expect(run(['diff', join(dir, 'text.json'), join(dir, 'scan.json')])).toEqual({ status: 0, stdout: '', stderr: '' });
  }, 300_000);
});

describe('xxgk diff: folders and archive databases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-diff-db-'));
  const inputs = [HONGZE, join(CORPUS, 'r019-hybrid-department.html')];
  const dbA = join(dir, 'a.sqlite');
  const dbB = join(dir, 'b.sqlite');
  const folder = join(dir, 'records');

  beforeAll(() => {
    for (const db of [dbA, dbB]) {
      const r = run(['ingest', ...inputs, '--db', db, '--jobs', '1', '--quiet']);
      expect(r.status).toBe(0);
    }
    mkdirSync(folder);
    expect(run(['extract', ...inputs, '--out', folder]).status).toBe(0);
  }, 120_000);

  it('pairs the reports of two databases, a folder and an export by sha256: equal archives print nothing', () => {
    expect(run(['diff', dbA, dbB])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['diff', folder, dbA])).toEqual({ status: 0, stdout: '', stderr: '' });
    const exported = join(dir, 'export');
    expect(run(['export', '--db', dbA, '--format', 'jsonl', '--out', exported]).status).toBe(0);
    expect(run(['diff', join(exported, 'records.jsonl'), folder])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('lists the one stored cell a hand correction changed', () => {
    const conn = new Database(dbB);
    const changed = conn
      .prepare("UPDATE reports SET record = json_set(record, '$.tables.reviewLitigation.review.total.value', 11) WHERE path LIKE '%hongze-2023.pdf'")
      .run().changes;
    conn.close();
    expect(changed).toBe(1);
    const r = run(['diff', dbA, dbB]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`A ${dbA}#${HONGZE}`, `B ${dbB}#${HONGZE}`]);
    // The stored checks were not re-run: the identity still fails in both, so only the value differs.
    expect(rows(r.stdout)).toEqual([
      ['path', 'A', 'B'],
      ['reviewLitigation.review.total', '0', '11'],
    ]);
    expect(lastLine(r.stdout)).toBe('summary: 2 reports compared, 1 differing; 1 cell differs; 0 identities changed status');
  });

  it('names the reports found on one side only', () => {
    const one = join(dir, 'one');
    mkdirSync(one);
    copyFileSync(join(folder, 'hongze-2023.json'), join(one, 'hongze-2023.json'));
    const r = run(['diff', one, dbA]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      `only in B: ${dbA}#${inputs[1]}\n\nsummary: 1 report compared, 0 differing; 0 cells differ; 0 identities changed status; 0 only in A, 1 only in B\n`,
    );
  });
});
