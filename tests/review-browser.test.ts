/**
 * The review page of 洪泽区 2023 in real headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core), opened from disk: every drawn box sits on its number (checked against glyph boxes read
 * here straight from the PDF's text layer with pdf.js, not through our extractor), the failing 表四 checks
 * light exactly their cells, keyboard and 1280 px work, and the page fetches nothing.
 * The screenshot is saved as test-output/review-hongze-2023.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../src/model/record.js';
import { cellEntries } from '../src/writers/cells.js';
import { ROOT, SAMPLES } from './helpers/samples.js';
import { openBare } from './helpers/bare-pdfjs.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PDF = join(SAMPLES, 'real', 'hongze-2023.pdf');
const OUT = join(ROOT, 'test-output');
const HTML = join(OUT, 'review-hongze-2023.html');
const SCREENSHOT = join(OUT, 'review-hongze-2023.png');

type Box = [number, number, number, number];

/** Every text item of every page with the box its glyphs occupy (font ascent to descent), in PDF points, y up. */
async function glyphBoxes(bytes: Uint8Array) {
  const doc = await openBare(bytes);
  const pages: { width: number; height: number; items: { str: string; box: Box }[] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const vp = page.getViewport({ scale: 1 });
    const tc = await page.getTextContent();
    const items: { str: string; box: Box }[] = [];
    for (const i of tc.items) {
      if (!('str' in i) || !i.str.trim()) continue;
      const [a, b, c, , e, f] = i.transform as number[];
      expect(b === 0 && c === 0 && a! > 0).toBe(true); // upright text: the box below is exact
      const style = tc.styles[i.fontName]!;
      const size = i.height;
      items.push({ str: i.str.trim(), box: [e!, f! + style.descent * size, e! + i.width, f! + style.ascent * size] });
    }
    pages.push({ width: vp.width, height: vp.height, items });
  }
  await doc.destroy();
  return pages;
}

describe('xxgk review: 洪泽区 2023 in headless Chromium', () => {
  let record: ReportRecord;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const url = pathToFileURL(HTML).href;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const bin = join(ROOT, 'bin', 'xxgk.js');
    const made = spawnSync(process.execPath, [bin, 'review', PDF, '--out', HTML], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toBe(`${HTML}\n`);
    const extracted = spawnSync(process.execPath, [bin, 'extract', PDF], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    record = JSON.parse(extracted.stdout) as ReportRecord;

    profile = mkdtempSync(join(tmpdir(), 'xxgk-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    context.on('request', (r) => requests.push(r.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('draws a box for every cell with a position, each centred on the glyphs of its number', async () => {
    const located = [...cellEntries(record)].filter((e) => e.cell.bbox && e.cell.page);
    expect(located.length).toBeGreaterThan(180);
    const boxes = await page.$$eval('.page .box', (els) =>
      els.map((el) => {
        const img = el.closest('.sheet')!.querySelector('img')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {
          path: el.getAttribute('data-path')!,
          page: Number(el.closest('.page')!.getAttribute('data-page')),
          // The box centre as shares of the page image, from its top-left corner.
          fx: (r.left + r.width / 2 - img.left) / img.width,
          fy: (r.top + r.height / 2 - img.top) / img.height,
        };
      }),
    );
    expect(boxes.map((b) => b.path).sort()).toEqual(located.map((e) => `${e.table}.${e.row}.${e.column}`).sort());

    const pages = await glyphBoxes(new Uint8Array(readFileSync(PDF)));
    const raw = new Map(located.map((e) => [`${e.table}.${e.row}.${e.column}`, e.cell.raw]));
    const problems: string[] = [];
    for (const b of boxes) {
      const p = pages[b.page - 1]!;
      // Image pixels run down from the top; PDF points run up from the bottom.
      const x = b.fx * p.width;
      const y = (1 - b.fy) * p.height;
      const under = p.items.filter((i) => x >= i.box[0] && x <= i.box[2] && y >= i.box[1] && y <= i.box[3]);
      if (!under.some((i) => i.str === raw.get(b.path))) {
        problems.push(`${b.path}: centre (${x.toFixed(1)}, ${y.toFixed(1)}) on page ${b.page} lies on ${JSON.stringify(under.map((i) => i.str))}, not "${raw.get(b.path)}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows the two failing 表四 identities and colours their ten cells', async () => {
    const failing = record.checks.filter((c) => c.severity === 'error' && c.status === 'fail');
    expect(failing.map((c) => [c.id, c.origin])).toEqual([
      ['T4-TOTAL.review', 'source'],
      ['T4-TOTAL.litigationAfterReview', 'source'],
    ]);
    expect(await page.$$eval('.check.v-fail', (els) => els.map((e) => e.getAttribute('data-check')))).toEqual([
      'T4-TOTAL.review',
      'T4-TOTAL.litigationAfterReview',
    ]);
    const red = await page.$$eval('.page .box.v-fail', (els) => els.map((e) => e.getAttribute('data-path')!).sort());
    expect(red).toEqual(failing.flatMap((c) => c.cells).sort());
    expect(red).toHaveLength(10);
  });

  it('lights exactly the five cells of T4-TOTAL.review when its check is clicked, and scrolls them into view', async () => {
    await page.click('.check[data-check="T4-TOTAL.review"]');
    const lit = await page.$$eval('.cell.lit', (els) => els.map((e) => e.getAttribute('data-path')!).sort());
    expect(lit).toEqual(
      ['total', 'upheld', 'corrected', 'other', 'pending'].map((k) => `reviewLitigation.review.${k}`).sort(),
    );
    // The cells as the document prints them: 10 1 0 0 0, their total 0.
    const values = await page.$$eval('.cell.lit .tag', (els) => els.map((e) => e.textContent));
    expect(values).toEqual(['10', '1', '0', '0', '0']);
    const inView = await page.$$eval('.cell.lit', (els) => els.every((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
    }));
    expect(inView).toBe(true);
    expect(await page.textContent('#details h3')).toBe('T4-TOTAL.review');
    expect(await page.getAttribute('.check[data-check="T4-TOTAL.review"]', 'aria-pressed')).toBe('true');
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows a clicked cell: path, raw text, kind, confidence', async () => {
    await page.click('.box[data-path="reviewLitigation.review.upheld"]');
    expect(await page.textContent('#details h3')).toBe('reviewLitigation.review.upheld');
    const fields = await page.$$eval('#details dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling!.textContent])));
    expect(fields).toMatchObject({ value: '10', 'raw text': '"10"', kind: 'number', confidence: 'not OCR (read from text)', page: '4' });
    expect(await page.$$eval('.cell.lit', (els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['reviewLitigation.review.upheld']);
  });

  it('works from the keyboard: Tab reaches the checks first, Enter and Space activate, Escape clears', async () => {
    await page.keyboard.press('Escape');
    expect(await page.$$('.lit')).toHaveLength(0);
    await page.focus('#show-tags');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-check'))).toBe('T4-TOTAL.review');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const lit = await page.$$eval('.cell.lit', (els) => els.map((e) => e.getAttribute('data-path')!).sort());
    expect(lit).toEqual(record.checks.find((c) => c.id === 'T4-TOTAL.litigationAfterReview')!.cells.slice().sort());
    await page.focus('.box[data-path="requests.newReceived.total"]');
    await page.keyboard.press(' ');
    expect(await page.textContent('#details h3')).toBe('requests.newReceived.total');
  });

  it('fits 1280 px: no sideways scrolling, the page beside the checks, not under them', async () => {
    const layout = await page.evaluate(() => {
      const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
      const side = document.querySelector('aside.side')!.getBoundingClientRect();
      return { scrollWidth: document.documentElement.scrollWidth, sheetLeft: sheet.left, sheetRight: sheet.right, sideLeft: side.left };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(1280);
    expect(layout.sheetRight).toBeLessThanOrEqual(layout.sideLeft);
    // An A4 page at this width prints its table numbers about 10 px high: legible without zooming.
    expect(layout.sheetRight - layout.sheetLeft).toBeGreaterThan(750);
  });

  it('opened from disk, fetched nothing but itself, with no script error', () => {
    expect(requests.filter((u) => u !== url && !u.startsWith('data:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
