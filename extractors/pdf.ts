/**
 * PDF text layer (pdf.js) as a PositionedDocument: items in content-stream order, one per word where a
 * text run holds several values, each with its box in points on the upright page (PDF user space when the
 * page has no /Rotate and a zero origin); page furniture dropped; pages whose text layer cannot be trusted
 * are emptied and named in warnings, for OCR to take over. With `ocr` set (extractors/ocr/route.ts), those
 * pages (`auto`) or all pages (`always`) are then read by OCR into the same document.
 */
import { createHash } from 'node:crypto';

import type { PDFDocumentProxy, PDFPageProxy, TextContent } from 'pdfjs-dist/types/src/display/api.js';

import type { Box, DocWarning, Item, Line, Page, PositionedDocument } from '../src/model/document.js';
import { InputError } from '../src/errors.js';
import { dropPageNumbers, dropRunningLines } from './pdf/furniture.js';
import { roundBox } from './pdf/geometry.js';
import { walkOperatorList, type FontInfo, type PagePaint } from './pdf/glyphs.js';
import { toPdfItem, uprightMatrix, type PdfItem, type RawTextItem } from './pdf/items.js';
import { groupLines } from './pdf/lines.js';
import { documentOptions, loadPdfJs, pdfStep, type PdfJs } from './pdf/pdfjs.js';
import { captionWithoutNumbers, judgeText } from './pdf/quality.js';
import { metaTitle } from './pdf/title.js';
import { isSpanningLabelPiece, rebuildVertical } from './pdf/vertical.js';
import { GlyphMatcher, needsWords } from './pdf/words.js';
import type { OcrMode } from './ocr/index.js';
import { applyOcr } from './ocr/route.js';
import { pagePaint, scanImage } from './ocr/render.js';

/** What one extraction cost and found, for tests and measurements; not part of the document. */
export interface PdfExtractStats {
  /** Pages whose operator list was walked (items to split, vertical text, or a suspicious page). */
  operatorListPages: number[];
  /** Items split into words from real glyph positions. */
  splitItems: number;
  /** Items that wanted splitting but whose glyphs were not found: kept whole, with pdf.js's run box. */
  unmatchedItems: number;
}

export interface PdfExtractOptions {
  /**
   * OCR routing: `auto` reads the pages marked TEXT_LAYER_UNUSABLE and the tables marked TABLE_IS_IMAGE,
   * `always` every page, `never` none (the default here: this is the text-layer extractor; the pipeline,
   * extractRecord, defaults to `auto`).
   */
  ocr?: OcrMode;
  /** Render resolution for OCR of pages that are not scans (default 300 dpi; a scan is read at its own). */
  ocrDpi?: number;
}

export async function extractPdf(bytes: Uint8Array, path: string, options: PdfExtractOptions = {}): Promise<PositionedDocument> {
  return (await extractPdfWithStats(bytes, path, options)).document;
}

/** A table painted as an image covers at least this share of the page (and lies below its caption). */
const LARGE_IMAGE = 0.15;

export async function extractPdfWithStats(
  bytes: Uint8Array,
  path: string,
  options: PdfExtractOptions = {},
): Promise<{ document: PositionedDocument; stats: PdfExtractStats }> {
  if (!looksLikePdf(bytes)) throw new InputError('not a PDF file');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const pdfjs = await loadPdfJs();
  // pdf.js transfers the buffer it is given to its worker, detaching it: it gets a copy, the caller keeps the bytes.
  // A copy, as a plain Uint8Array: pdf.js detaches what it is given and refuses a Node Buffer.
  const task = pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(bytes) });
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await pdfStep(task.promise, 'opening the file');
    const stats: PdfExtractStats = { operatorListPages: [], splitItems: 0, unmatchedItems: 0 };
    const warnings: DocWarning[] = [];
    const pages: PageLines[] = [];
    const ocr = options.ocr ?? 'never';
    // Pages without any text are read by OCR whenever it is on; whether they are scans is then learnt
    // there, from the one decoding of their images (decoding a scan costs more than its whole text pass).
    const noText = new Map<number, DocWarning>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await pdfStep(doc.getPage(n), `page ${n}`);
      try {
        pages.push(await readPage(pdfjs, page, n, warnings, stats, ocr === 'never' ? undefined : noText));
      } finally {
        page.cleanup();
      }
    }
    dropRunningLines(pages);
    const title = await readTitle(doc);
    const modelPages = pages.map(toPage);
    const { pages: ocrPages, scan } = await applyOcr(doc, pdfjs, modelPages, warnings, ocr, {
      ...(options.ocrDpi === undefined ? {} : { dpi: options.ocrDpi }),
    });
    for (const [n, warning] of noText) {
      warning.message = noTextMessage(scan.get(n) ?? (await isScan(pdfjs, doc, n)));
    }
    const document: PositionedDocument = {
      source: {
        path,
        sha256,
        mediaType: 'application/pdf',
        extractor: ocrPages.length > 0 ? 'pdf-ocr' : 'pdf-text',
        pages: doc.numPages,
        ...(ocrPages.length > 0 ? { ocrPages } : {}),
      },
      ...(title === undefined ? {} : { metaTitle: title }),
      pages: modelPages,
      warnings,
    };
    return { document, stats };
  } finally {
    // Ends pdf.js's (fake) worker and frees its caches, also when opening failed.
    await (doc ?? task).destroy().catch(() => undefined);
  }
}

interface PageLines {
  number: number;
  width: number;
  height: number;
  lines: PdfItem[][];
}

async function readPage(
  pdfjs: PdfJs,
  page: PDFPageProxy,
  n: number,
  warnings: DocWarning[],
  stats: PdfExtractStats,
  /** When given, a page with no text at all skips its operator list and its warning goes here to be worded later. */
  deferNoText?: Map<number, DocWarning>,
): Promise<PageLines> {
  // Scale 1 gives the visible box in points, /Rotate applied; boxes are measured on that upright page.
  const viewport = page.getViewport({ scale: 1 });
  const { width, height } = viewport;
  const upright = uprightMatrix(viewport.transform, height);
  const content = await pdfStep(page.getTextContent(), `page ${n}`);
  const items: PdfItem[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const vertical = content.styles[raw.fontName]?.vertical === true;
    const item = toPdfItem(raw as RawTextItem, vertical, upright, width, height);
    if (item) items.push(item);
  }

  const verdict = judgeText(items);
  let lines = verdict.usable ? dropPageNumbers(groupLines(items), height) : [];
  const pageArea = width * height;
  // A table image lies below its caption: with too little page left below it, there is nothing to look for.
  const bare = verdict.usable ? captionWithoutNumbers(lines) : undefined;
  const caption = bare && bare.bottom * width >= LARGE_IMAGE * pageArea ? bare : undefined;
  const wantWords = lines.some((line) => line.some((item) => needsWords(item.text)));
  // pdf.js can drop glyphs of vertical runs (see vertical.ts); rebuilding them costs the operator list, so
  // only runs that could be more than a spanning table label (三、本年度办理结果 cut to 三、本年) are rebuilt.
  const vertical = lines.some((line) => line.some((item) => item.vertical && !isSpanningLabelPiece(item.text)));
  const noText = !verdict.usable && items.length === 0;

  // The operator list costs about as much as the text again: only pages that need it pay for it.
  let paint: PagePaint | undefined;
  const defer = noText && deferNoText !== undefined;
  if (wantWords || vertical || (noText && !defer) || caption) {
    const ops = await pdfStep(page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), `page ${n}`);
    paint = walkOperatorList(ops, pdfjs.OPS, (name) => fontInfo(page, content, name), upright, pdfjs.normalizeUnicode);
    stats.operatorListPages.push(n);
  }
  const share = (b: Box) => ((b[2] - b[0]) * (b[3] - b[1])) / pageArea;

  if (!verdict.usable) {
    const scanned = scanImage((paint?.images ?? []).map((box) => ({ box })), width, height) !== undefined;
    const message = noText ? noTextMessage(scanned) : `text layer unusable: ${verdict.reason ?? 'garbage'}`;
    const warning: DocWarning = { code: 'TEXT_LAYER_UNUSABLE', message, page: n };
    warnings.push(warning);
    if (defer) deferNoText.set(n, warning);
  } else if (caption && paint?.images.some((b) => share(b) >= LARGE_IMAGE && (b[1] + b[3]) / 2 < caption.bottom)) {
    // The text around the table is real and stays; only the table's values are missing from the text layer.
    warnings.push({
      code: 'TABLE_IS_IMAGE',
      message: `the table under "${caption.caption}" is an image: no numbers in the text layer`,
      page: n,
    });
  }

  if (vertical && paint) lines = rebuildVertical(lines, paint.glyphs);
  if (wantWords && paint) lines = splitWords(lines, paint, stats);
  return { number: n, width, height, lines };
}

function noTextMessage(scanned: boolean): string {
  return scanned ? 'no text layer: the page is an image (scanned?)' : 'no text on the page';
}

/** Whether page `n` is a scan, for a page without text that OCR did not read. */
async function isScan(pdfjs: PdfJs, doc: PDFDocumentProxy, n: number): Promise<boolean> {
  const page = await pdfStep(doc.getPage(n), `page ${n}`);
  try {
    const vp = page.getViewport({ scale: 1 });
    return scanImage((await pagePaint(pdfjs, page)).images, vp.width, vp.height) !== undefined;
  } finally {
    page.cleanup();
  }
}

function splitWords(lines: PdfItem[][], paint: PagePaint, stats: PdfExtractStats): PdfItem[][] {
  const matcher = new GlyphMatcher(paint.glyphs);
  return lines.map((line) =>
    line.flatMap((item) => {
      if (!needsWords(item.text)) return [item];
      const words = matcher.words(item);
      if (!words) {
        stats.unmatchedItems++;
        return [item];
      }
      stats.splitItems++;
      return words.map((w) => ({ ...item, text: w.text, box: w.box }));
    }),
  );
}

/** The font's matrix and writing direction: from pdf.js's loaded font, else the text content's style. */
function fontInfo(page: PDFPageProxy, content: TextContent, name: string): FontInfo | undefined {
  if (page.commonObjs.has(name)) {
    const font = page.commonObjs.get(name) as Partial<FontInfo> | null;
    if (font) {
      return {
        fontMatrix: font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0],
        vertical: font.vertical === true,
        ...(font.defaultVMetrics ? { defaultVMetrics: font.defaultVMetrics } : {}),
      };
    }
  }
  const style = content.styles[name];
  return style ? { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], vertical: style.vertical === true } : undefined;
}

async function readTitle(doc: PDFDocumentProxy): Promise<string | undefined> {
  try {
    const { info } = await pdfStep(doc.getMetadata(), 'metadata');
    return metaTitle((info as Record<string, unknown> | undefined)?.Title);
  } catch {
    return undefined; // a broken Info dictionary costs the fallback title, not the document
  }
}

function toPage(p: PageLines): Page {
  const lines: Line[] = p.lines.map((line) => ({
    items: line.map((item): Item => ({ text: item.text, box: roundBox(item.box) })),
  }));
  return { number: p.number, width: round(p.width), height: round(p.height), lines };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** The header may follow some junk (the PDF spec allows it within the first 1024 bytes; readers accept it). */
function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-');
}
