/**
 * OCR of PDF pages: each page rendered (at its scan's resolution, else 300 dpi), then read by the OCR
 * engine's worker pool while the next page renders. The PDF extractor decides which pages (routing), this
 * module reads them into lines of the document model.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

import type { DocWarning } from '../../src/model/document.js';
import { pdfStep, type PdfJs } from '../pdf/pdfjs.js';
import { ocrPool, OcrUnavailableError, type OcrPool } from './engine.js';
import { ocrPage, LOW_CONFIDENCE, type OcrPageResult } from './page.js';
import { confirmDigits } from './digits.js';
import { yieldToEngine } from './yield.js';
import { DEFAULT_DPI, pagePaint, renderPage, renderScale, scanImage, scanPixels, type RenderedPage } from './render.js';

export { shutdownOcr, OcrUnavailableError } from './engine.js';
export type { OcrPageResult } from './page.js';

export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

export interface OcrOptions {
  /** Resolution for pages that are not scans (a scan is read at its own resolution). Default 300. */
  dpi?: number;
  /** The worker pool (default: the process's shared pool). */
  pool?: OcrPool;
}

export interface OcrTarget {
  page: number;
  /** 'page': read everything; 'tables': only the ruled tables (the text layer keeps the rest). */
  scope: 'page' | 'tables';
}

export interface OcrRun {
  /** Each page read: its result, the resolution it was read at, and whether the page is a scan (one image covering it). */
  pages: Map<number, OcrPageResult & { dpi: number; scan: boolean }>;
  warnings: DocWarning[];
}

export async function ocrPdfPages(doc: PDFDocumentProxy, pdfjs: PdfJs, targets: OcrTarget[], options: OcrOptions = {}): Promise<OcrRun> {
  const pool = options.pool ?? ocrPool();
  const dpi = options.dpi ?? DEFAULT_DPI;
  const pages: OcrRun['pages'] = new Map();
  const warnings: DocWarning[] = [];
  const inFlight: Promise<void>[] = [];
  let unavailable: OcrUnavailableError | undefined;
  const failed = new Map<number, string>();
  if (targets.length > 0) pool.warm();
  const fail = (n: number, e: unknown) => {
    if (e instanceof OcrUnavailableError) unavailable ??= e;
    else failed.set(n, e instanceof Error ? e.message.split('\n')[0]! : String(e));
  };
  for (const target of targets) {
    if (unavailable) break;
    await yieldToEngine();
    let rendered: RenderedPage;
    let scan = false;
    try {
      const page = await pdfStep(doc.getPage(target.page), `page ${target.page}`);
      try {
        const vp = page.getViewport({ scale: 1 });
        const paint = await pagePaint(pdfjs, page);
        scan = scanImage(paint.images, vp.width, vp.height) !== undefined;
        // A scan's own pixels when the page is nothing but the scan; else the page drawn.
        rendered = scanPixels(page, paint, vp.width, vp.height) ?? (await renderPage(doc, pdfjs, page, renderScale(paint.images, vp.width, vp.height, dpi)));
      } finally {
        page.cleanup();
      }
    } catch (e) {
      fail(target.page, e);
      continue;
    }
    await yieldToEngine();
    const job = ocrPage(rendered, target.page, { pool, scope: target.scope }).then(
      (r) => void pages.set(target.page, { ...r, dpi: Math.round(rendered.scale * 72), scan }),
      (e: unknown) => fail(target.page, e),
    );
    inFlight.push(job);
    // Render ahead of the OCR by at most one page per worker: page images are large.
    if (inFlight.length > pool.size) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (unavailable) {
    warnings.push({ code: 'OCR_UNAVAILABLE', message: `OCR could not run: ${unavailable.message}; the pages that needed it stay unread` });
    return { pages: new Map(), warnings };
  }
  for (const [n, why] of failed) {
    pages.delete(n);
    warnings.push({ code: 'OCR_FAILED', message: `page ${n} could not be read by OCR (${why}): it stays unread`, page: n });
  }
  // Every number against the document's other digit glyphs: this sets the numbers' confidence.
  confirmDigits([...pages.values()].flatMap((p) => p.numbers));
  for (const target of targets) {
    const result = pages.get(target.page);
    if (!result) continue;
    warnings.push(...result.warnings);
    const items = result.lines.flatMap((l) => l.items);
    const cells = result.stats.cells;
    const low = result.numbers.filter((r) => (r.item.confidence ?? 1) < LOW_CONFIDENCE).length;
    if (low > 0) {
      warnings.push({
        code: 'OCR_LOW_CONFIDENCE',
        message: `page ${target.page}: ${low} of ${result.numbers.length} numbers read with confidence below ${LOW_CONFIDENCE} (of ${cells} table cells, ${items.length} items)`,
        page: target.page,
      });
    }
  }
  return { pages, warnings };
}
