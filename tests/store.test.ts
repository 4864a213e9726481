/** The archive database without worker threads: agency matching, file discovery, dedupe bookkeeping, cross-report checks. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agencyKey, parentPrefixMatches } from '../src/store/agency.js';
import { Store } from '../src/store/db.js';
import { recordRows } from '../src/store/rows.js';
import { bigramSimilarity, runCrossChecks } from '../src/store/cross.js';
import { discover, globRegExp } from '../src/ingest/discover.js';
import { buildCellIndex, deferCellIndex } from '../src/store/cell-index.js';
import { extractRecord } from '../src/pipeline/extract.js';
import type { ReportRecord } from '../src/model/record.js';
import { readSample } from './helpers/samples.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-store-'));

describe('agency keys', () => {
  it('drops whitespace, punctuation and the government suffix of an area', () => {
    expect(agencyKey('平潭综合实验区')).toBe('平潭综合实验区');
    expect(agencyKey('平潭综合实验区管理委员会')).toBe('平潭综合实验区');
    expect(agencyKey('平潭综合实验区管委会')).toBe('平潭综合实验区');
    expect(agencyKey('淮安市 人民政府')).toBe('淮安市');
    expect(agencyKey('平昌关镇人民政府')).toBe('平昌关镇');
    expect(agencyKey('XX街道办事处')).toBe('XX街道');
  });

  it('keeps a department of a government apart from the government', () => {
    expect(agencyKey('上海市人民政府办公厅')).toBe('上海市人民政府办公厅');
    expect(agencyKey('上海市科学技术委员会')).toBe('上海市科学技术委员会');
    expect(agencyKey('人民政府')).toBe('人民政府');
    expect(agencyKey(null)).toBeNull();
  });

  it('matches a name printed with and without its parent area only when unambiguous', () => {
    const m = parentPrefixMatches(['洪泽区', '淮安市洪泽区', '鼓楼区', '南京市鼓楼区', '福州市鼓楼区', '上海市人民政府办公厅']);
    expect([...(m.get('洪泽区') ?? [])]).toEqual(['淮安市洪泽区']);
    expect(m.get('鼓楼区')).toBeUndefined();
    expect(m.get('南京市鼓楼区')).toBeUndefined();
    expect(m.get('上海市人民政府办公厅')).toBeUndefined();
  });
});

describe('discovery', () => {
  it('walks directories for report files and expands globs', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    for (const f of ['a/x.pdf', 'a/b/y.TXT', 'a/b/z.json', 'a/w.html', '.git/q.txt', 'top.md']) writeFileSync(join(dir, f), 'x');
    expect(await discover([dir])).toEqual([join(dir, 'a', 'b', 'y.TXT'), join(dir, 'a', 'w.html'), join(dir, 'a', 'x.pdf'), join(dir, 'top.md')]);
    expect(await discover([join(dir, '**/*.{pdf,html}')])).toEqual([join(dir, 'a', 'w.html'), join(dir, 'a', 'x.pdf')]);
    expect(await discover([join(dir, 'a/*')])).toEqual([join(dir, 'a', 'b', 'y.TXT'), join(dir, 'a', 'w.html'), join(dir, 'a', 'x.pdf')]);
    // A file named explicitly is taken whatever its extension; each file once.
    expect(await discover([join(dir, 'a/b/z.json'), join(dir, 'a/b/z.json')])).toEqual([join(dir, 'a', 'b', 'z.json')]);
    await expect(discover([join(dir, 'nope')])).rejects.toThrow(/no such file or directory/);
    await expect(discover([join(dir, '*.docx')])).rejects.toThrow(/no file matches/);
  });

  it('translates glob syntax', () => {
    expect(globRegExp('**/*.pdf').test('x/y/z.pdf')).toBe(true);
    expect(globRegExp('**/*.pdf').test('z.pdf')).toBe(true);
    expect(globRegExp('*.pdf').test('x/z.pdf')).toBe(false);
    expect(globRegExp('20??/*.{txt,md}').test('2023/a.md')).toBe(true);
    expect(globRegExp('[ab]*.txt').test('c.txt')).toBe(false);
  });
});

async function record(name: string, path = `/archive/${name}`): Promise<ReportRecord> {
  return extractRecord(readSample(name), path);
}

function put(store: Store, rec: ReportRecord): number {
  return store.writeOk({ path: rec.source.path, sha256: rec.source.sha256, bytes: 1 }, recordRows(rec), JSON.stringify(rec), 0);
}

function setCell(rec: ReportRecord, table: 'requests' | 'activeDisclosure', row: string, col: string, value: number): void {
  const rows = (table === 'requests' ? rec.tables.requests!.rows : rec.tables.activeDisclosure!) as Record<string, Record<string, { value: number | null; raw: string; kind: string }>>;
  rows[row]![col] = { value, raw: String(value), kind: 'number' };
}

describe('cross-report checks', () => {
  it('fails XY-CARRY and XY-T2-INFORCE where consecutive years disagree, naming both reports', async () => {
    const store = Store.open(join(tmp(), 'x.sqlite'));
    const a = await record('pingtan-2021.txt');
    const b = await record('pingtan-2022.txt');
    setCell(b, 'requests', 'carriedIn', 'total', 3); // 2021 carried out 1
    setCell(b, 'activeDisclosure', 'normativeDocuments', 'inForce', 700);
    setCell(b, 'activeDisclosure', 'normativeDocuments', 'issued', 88);
    setCell(b, 'activeDisclosure', 'normativeDocuments', 'repealed', 55);
    setCell(a, 'activeDisclosure', 'normativeDocuments', 'inForce', 665);
    const ia = put(store, a);
    const ib = put(store, b);
    runCrossChecks(store);
    const rows = store.db.prepare('SELECT * FROM cross_checks ORDER BY id').all() as Record<string, unknown>[];
    const carry = rows.find((r) => r.id === 'XY-CARRY.total')!;
    expect(carry).toMatchObject({ status: 'fail', left: 3, right: 1, delta: 2, prev_report_id: ia, report_id: ib, year: 2022 });
    expect(carry.message).toContain('/archive/pingtan-2021.txt');
    expect(carry.message).toContain('/archive/pingtan-2022.txt');
    expect(rows.find((r) => r.id === 'XY-CARRY.naturalPerson')).toMatchObject({ status: 'pass', left: 1, right: 1 });
    // 665 + 88 − 55 = 698 ≠ 700
    expect(rows.find((r) => r.id === 'XY-T2-INFORCE.normativeDocuments')).toMatchObject({ status: 'fail', left: 700, right: 698, delta: 2 });
    expect(rows.find((r) => r.id === 'XY-DUP')).toMatchObject({ status: 'pass', severity: 'info' });
    expect(store.db.prepare('SELECT COUNT(*) FROM cross_check_failures').pluck().get()).toBe(2);
    store.close();
  });

  it('flags a report that repeats last year’s tables and text as XY-DUP', async () => {
    const store = Store.open(join(tmp(), 'x.sqlite'));
    const a = await record('pingtan-2022.txt');
    const b = structuredClone(a);
    b.year = 2023;
    b.source.path = '/archive/pingtan-2023-copy.txt';
    b.source.sha256 = 'f'.repeat(64);
    put(store, a);
    put(store, b);
    runCrossChecks(store);
    const dup = store.db.prepare("SELECT * FROM cross_checks WHERE id = 'XY-DUP'").get() as Record<string, unknown>;
    expect(dup).toMatchObject({ status: 'fail', left: 1, year: 2023 });
    store.close();
  });

  it('measures text similarity by character bigrams', () => {
    expect(bigramSimilarity('政府信息公开工作年度报告', '政府信息公开工作年度报告')).toBe(1);
    expect(bigramSimilarity('政府信息公开工作年度报告', '完全不同的一段文字内容')).toBeLessThan(0.1);
  });
});

describe('store', () => {
  it('keeps copies pointing at the old content when the original file changes', async () => {
    const store = Store.open(join(tmp(), 'x.sqlite'));
    const a = await record('pingtan-2021.txt', '/archive/a.txt');
    const ia = put(store, a);
    const ic = store.writeDuplicate({ path: '/archive/c.txt', sha256: a.source.sha256, bytes: 1 }, ia);
    const id = store.writeDuplicate({ path: '/archive/d.txt', sha256: a.source.sha256, bytes: 1 }, ia);
    // a.txt now holds the 2022 report.
    const b = await record('pingtan-2022.txt', '/archive/a.txt');
    store.writeOk({ path: '/archive/a.txt', sha256: b.source.sha256, bytes: 1 }, recordRows(b), JSON.stringify(b), 0, ia);
    const rows = store.db.prepare('SELECT id, path, status, duplicate_of, year FROM reports ORDER BY id').all();
    expect(rows).toEqual([
      { id: ia, path: '/archive/a.txt', status: 'ok', duplicate_of: null, year: 2022 },
      { id: ic, path: '/archive/c.txt', status: 'ok', duplicate_of: null, year: 2021 },
      { id, path: '/archive/d.txt', status: 'duplicate', duplicate_of: ic, year: null },
    ]);
    const cells = store.db.prepare('SELECT report_id, COUNT(*) AS n FROM cells GROUP BY report_id ORDER BY report_id').all();
    expect(cells).toEqual([
      { report_id: ia, n: 10 + 25 * 7 + 15 },
      { report_id: ic, n: 10 + 25 * 7 + 15 },
    ]);
    expect(store.originalBySha(a.source.sha256)?.id).toBe(ic);
    store.close();
  });

  it('refuses a file that is not a database, in one line', () => {
    const p = join(tmp(), 'x.sqlite');
    writeFileSync(p, 'not a database at all, just some text that is long enough to look like a header...');
    expect(() => Store.open(p)).toThrow(/cannot use the database: file is not a database/);
  });
});

describe('the cells_row index', () => {
  const hasIndex = (store: Store) =>
    store.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'cells_row'").pluck().get() === 1;

  it('is dropped for a run that may add one report per 20 stored, kept for a smaller one, and built again', () => {
    const store = Store.open(join(tmp(), 'x.sqlite'));
    expect(hasIndex(store)).toBe(false);
    buildCellIndex(store.db);
    expect(hasIndex(store)).toBe(true);
    for (let i = 0; i < 40; i++) store.writeFailed({ path: `/a/${i}.pdf`, sha256: `h${i}`, bytes: 1 }, 'input', 'damaged PDF', 1);
    expect(deferCellIndex(store.db, 1)).toBe(false);
    expect(hasIndex(store)).toBe(true);
    expect(deferCellIndex(store.db, 2)).toBe(true);
    expect(hasIndex(store)).toBe(false);
    buildCellIndex(store.db);
    expect(hasIndex(store)).toBe(true);
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT value FROM cells WHERE tbl = 'requests' AND row = 'newReceived' AND column = 'total'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX cells_row/);
    store.close();
  });
});
