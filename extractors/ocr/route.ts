/**
 * Routing and merging: which pages of a PDF go through OCR, and how their reading enters the document.
 *
 * - `auto`: exactly the pages the text-layer extractor marked TEXT_LAYER_UNUSABLE (read whole, replacing
 *   the page) and those marked TABLE_IS_IMAGE (only the ruled tables are read; their rows replace the text
 *   layer inside the table areas, the rest of the page keeps its text layer).
 * - `always`: every page, read whole.
 * - `never`: nothing; the warnings stay as the only trace.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

import type { Box, DocWarning, Line, Page } from '../../src/model/document.js';
import type { PdfJs } from '../pdf/pdfjs.js';
import { ocrPdfPages, type OcrMode, type OcrOptions, type OcrTarget } from './index.js';

export function ocrTargets(mode: OcrMode, pages: Page[], warnings: DocWarning[]): OcrTarget[] {
  if (mode === 'never') return [];
  if (mode === 'always') return pages.map((p) => ({ page: p.number, scope: 'page' }));
  const whole = new Set(warnings.filter((w) => w.code === 'TEXT_LAYER_UNUSABLE' && w.page !== undefined).map((w) => w.page!));
  const tables = new Set(warnings.filter((w) => w.code === 'TABLE_IS_IMAGE' && w.page !== undefined).map((w) => w.page!));
  return pages
    .filter((p) => whole.has(p.number) || tables.has(p.number))
    .map((p) => ({ page: p.number, scope: whole.has(p.number) ? 'page' : 'tables' }));
}

export interface OcrApplied {
  /** The pages that went through OCR. */
  pages: number[];
  /** For each of them, whether it is a scan (one image covering the page). */
  scan: Map<number, boolean>;
}

/**
 * OCR the routed pages of `doc` and put their lines into `pages` (in place); warnings are appended to
 * `warnings`.
 */
export async function applyOcr(
  doc: PDFDocumentProxy,
  pdfjs: PdfJs,
  pages: Page[],
  warnings: DocWarning[],
  mode: OcrMode,
  options: OcrOptions = {},
): Promise<OcrApplied> {
  const targets = ocrTargets(mode, pages, warnings);
  if (targets.length === 0) return { pages: [], scan: new Map() };
  const run = await ocrPdfPages(doc, pdfjs, targets, options);
  const done: number[] = [];
  for (const target of targets) {
    const result = run.pages.get(target.page);
    const page = pages.find((p) => p.number === target.page);
    if (!result || !page) continue;
    done.push(target.page);
    if (target.scope === 'page') {
      page.lines = result.lines;
      if (result.stats.turned) [page.width, page.height] = [page.height!, page.width!];
    } else {
      page.lines = mergeTables(page.lines, result.lines, result.tableBoxes);
    }
  }
  if (done.length > 0) {
    const dpis = [...new Set(done.map((n) => run.pages.get(n)!.dpi))].join('/');
    const skews = done
      .map((n) => ({ n, skew: run.pages.get(n)!.stats.skew }))
      .filter((s) => s.skew !== 0)
      .map((s) => `${s.n}: ${s.skew}°`);
    warnings.push({
      code: 'OCR_USED',
      message:
        `page${done.length > 1 ? 's' : ''} ${done.join(', ')} read by OCR (tesseract.js, chi_sim LSTM) at ${dpis} dpi: ` +
        `values carry a confidence${skews.length ? `; straightened before reading (page ${skews.join(', ')}), boxes are on the straightened page` : ''}`,
    });
  }
  warnings.push(...run.warnings);
  return { pages: done, scan: new Map(done.map((n) => [n, run.pages.get(n)!.scan])) };
}

const inside = (b: Box, area: Box, tol = 2) => b[0] >= area[0] - tol && b[2] <= area[2] + tol && b[1] >= area[1] - tol && b[3] <= area[3] + tol;

/**
 * A text page's lines with OCR'd table rows in place of whatever the text layer had inside the table
 * areas; each table's rows go before the first text line below the table's top.
 */
export function mergeTables(text: Line[], tableRows: Line[], tableBoxes: Box[]): Line[] {
  const kept = text
    .map((line) => ({ items: line.items.filter((i) => !i.box || !tableBoxes.some((t) => inside(i.box!, t))) }))
    .filter((l) => l.items.length > 0);
  const top = (l: Line) => Math.max(...l.items.map((i) => i.box?.[3] ?? -Infinity));
  const out = [...kept];
  // Table rows arrive top to bottom; insert each table's block as one.
  const groups: { top: number; lines: Line[] }[] = [];
  for (const box of tableBoxes) {
    const lines = tableRows.filter((l) => l.items.some((i) => i.box && inside(i.box, box)));
    if (lines.length) groups.push({ top: box[3], lines });
  }
  groups.sort((a, b) => b.top - a.top);
  for (const g of groups) {
    const at = out.findIndex((l) => top(l) < g.top);
    out.splice(at < 0 ? out.length : at, 0, ...g.lines);
  }
  return out;
}
