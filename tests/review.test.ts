/**
 * `xxgk review` without a browser: where a box goes on the page image, what the page may load, its size, and
 * the HTML, DOCX and text views (each drawn cell shows the text it was read from). The browser test
 * (review-browser.test.ts) checks the same page as a user sees it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../src/model/record.js';
import type { ReviewCell } from '../src/review/cells.js';
import { pagesView } from '../src/review/view-pages.js';
import { reviewCells } from '../src/review/cells.js';
import { ROOT, SAMPLES } from './helpers/samples.js';

const BIN = join(ROOT, 'bin', 'xxgk.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'xxgk-review-'));

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function review(input: string): { html: string; bytes: number; record: ReportRecord } {
  const out = join(tmp(), 'review.html');
  const r = run(['review', input, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const record = JSON.parse(run(['extract', input]).stdout) as ReportRecord;
  return { html: readFileSync(out, 'utf8'), bytes: statSync(out).size, record };
}

/** The drawn cells of a review page: class, record path and the markup inside. */
function drawn(html: string): { cls: string; path: string; inner: string }[] {
  return [...html.matchAll(/<button type="button" class="([^"]*)" data-path="([^"]*)"[^>]*>(.*?)<\/button>/g)].map((m) => ({
    cls: m[1]!,
    path: m[2]!,
    inner: m[3]!,
  }));
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('review: boxes on the page image', () => {
  it('maps a PDF box (points, y up from the bottom) to shares of the image (y down from the top)', () => {
    const rc: ReviewCell = {
      path: 'requests.newReceived.total',
      cell: { value: 21, raw: '21', kind: 'number', page: 1, bbox: [100, 700, 150, 720] },
      verdict: 'pass',
      doubtful: false,
      checks: [],
    };
    const page = { number: 1, width: 600, height: 800, pixelWidth: 1067, pixelHeight: 1422, jpeg: new Uint8Array([0xff, 0xd8]) };
    const { html, placed } = pagesView([page], [rc]);
    expect(placed.has(rc)).toBe(true);
    // left 100/600, top (800 − 720)/800, width 50/600, height 20/800.
    expect(html).toContain('style="left:16.6667%;top:10.0000%;width:8.3333%;height:2.5000%"');
    expect(html).toContain('<img src="data:image/jpeg;base64,/9g=" width="1067" height="1422" alt="page 1">');
  });
});

describe('review: a PDF report', () => {
  it('is one self-contained file under 3 MB for a 6-page report: only inlined images, a policy forbidding fetches', () => {
    const { html, bytes, record } = review(join(SAMPLES, 'real', 'huaian-2024.pdf'));
    expect(record.source.pages).toBe(6);
    expect(bytes).toBeLessThan(3_000_000);
    expect([...html.matchAll(/<img src="data:image\/jpeg;base64,/g)]).toHaveLength(6);
    // Nothing that could load: every src is a data: URI, no href, no url(), no external script or style.
    expect([...html.matchAll(/\ssrc="(?!data:)/g)]).toHaveLength(0);
    expect(html).not.toMatch(/\shref=|url\(|<link|@import/);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    const boxes = drawn(html).filter((d) => d.cls.includes(' box'));
    expect(boxes.map((b) => b.path).sort()).toEqual(
      reviewCells(record)
        .filter((rc) => rc.cell.bbox)
        .map((rc) => rc.path)
        .sort(),
    );
  });
});

describe('review: grid and text inputs', () => {
  it('HTML: the tables re-drawn from the grid, each record cell in the grid cell it was read from', () => {
    const { html, record } = review(join(SAMPLES, 'real', 'pingtan-2023.html'));
    const cells = reviewCells(record);
    const addressed = cells.filter((rc) => rc.cell.address);
    expect(addressed.length).toBe(200);
    const grid = drawn(html).filter((d) => d.cls.includes('gridcell'));
    expect(grid.map((g) => g.path).sort()).toEqual(addressed.map((rc) => rc.path).sort());
    const raw = new Map(cells.map((rc) => [rc.path, rc.cell.raw]));
    expect(grid.filter((g) => unescape(g.inner) !== raw.get(g.path))).toEqual([]);
    // 表三's first row, as the page prints it: 80 1 0 0 0 0 81.
    expect(grid.filter((g) => g.path.startsWith('requests.newReceived.')).map((g) => g.inner)).toEqual(['80', '1', '0', '0', '0', '0', '81']);
  });

  it('DOCX: the same grid view', () => {
    const { html, record } = review(join(SAMPLES, 'generated', 'docx', 'filled-2023.docx'));
    const addressed = reviewCells(record).filter((rc) => rc.cell.address);
    expect(addressed.length).toBeGreaterThan(150);
    expect(drawn(html).filter((d) => d.cls.includes('gridcell')).map((g) => g.path).sort()).toEqual(addressed.map((rc) => rc.path).sort());
  });

  it('text: every cell read from the text marked where it stands, over exactly its raw text', () => {
    const { html, record } = review(join(SAMPLES, 'real', 'pingtan-2023.txt'));
    const cells = reviewCells(record).filter((rc) => rc.cell.offset !== undefined && rc.cell.raw !== '');
    expect(cells.length).toBeGreaterThan(150);
    const all = drawn(html);
    expect(all.map((m) => m.path).sort()).toEqual(cells.map((rc) => rc.path).sort());
    const byPath = new Map(cells.map((rc) => [rc.path, rc.cell]));
    const marks = all.filter((d) => d.cls.includes('inline'));
    expect(marks.filter((m) => unescape(m.inner) !== byPath.get(m.path)!.raw)).toEqual([]);
    // 表二's 行政规范性文件 row prints 77132470 and no split can be chosen: its three cells share that text,
    // the first marks it, the others follow it as small buttons named by their column.
    const row = all.filter((d) => d.path.startsWith('activeDisclosure.normativeDocuments.'));
    expect(row.map((d) => [d.path, d.cls.includes('chip') ? 'chip' : 'mark', d.inner])).toEqual([
      ['activeDisclosure.normativeDocuments.issued', 'mark', '77132470'],
      ['activeDisclosure.normativeDocuments.repealed', 'chip', 'repealed'],
      ['activeDisclosure.normativeDocuments.inForce', 'chip', 'inForce'],
    ]);
    expect(all.filter((d) => d.cls.includes('chip')).map((d) => d.path)).toEqual(row.slice(1).map((d) => d.path));
  });
});

describe('xxgk review: the command line', () => {
  it('writes NAME.review.html in the current directory by default and prints its path', () => {
    const dir = tmp();
    const r = run(['review', join(SAMPLES, 'real', 'pingchangguan-2022.txt')], dir);
    expect(r).toEqual({ status: 0, stdout: 'pingchangguan-2022.review.html\n', stderr: '' });
    expect(readFileSync(join(dir, 'pingchangguan-2022.review.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('ends with one line naming the file and the cause, exit 2', () => {
    const dir = tmp();
    const cases: [string, string][] = [
      [join(dir, 'missing.pdf'), `xxgk: ${join(dir, 'missing.pdf')}: no such file\n`],
      [join(SAMPLES, 'bad', 'truncated.pdf'), `xxgk: ${join(SAMPLES, 'bad', 'truncated.pdf')}: damaged PDF: invalid PDF structure\n`],
      [join(SAMPLES, 'bad', 'encrypted.pdf'), `xxgk: ${join(SAMPLES, 'bad', 'encrypted.pdf')}: encrypted PDF (password required)\n`],
    ];
    for (const [input, message] of cases) {
      expect(run(['review', input, '--out', join(dir, 'x.html')], dir)).toEqual({ status: 2, stdout: '', stderr: message });
    }
    const usage = run(['review'], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe('xxgk: review needs one file, not 0');
  });
});
