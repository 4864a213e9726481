/**
 * Pages rendered for OCR with pdf.js onto its own canvas factory (@napi-rs/canvas in Node), as grayscale.
 * A scanned page is rendered at the resolution of its scan, read from the page's largest image, so the
 * scan's pixels are not resampled; other pages at the configured resolution (300 dpi by default).
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

import type { Box } from '../../src/model/document.js';
import { mul, rectBox, type Matrix, IDENTITY } from '../pdf/geometry.js';
import { uprightMatrix } from '../pdf/items.js';
import { pdfStep, type PdfJs } from '../pdf/pdfjs.js';
import { grayFromRgba, type Gray } from './image.js';

export const DEFAULT_DPI = 300;
/** Scans are rendered at their own resolution within these bounds (dpi). */
const MIN_SCAN_DPI = 150;
const MAX_SCAN_DPI = 400;
/** An image covering this share of the page is the scan. */
const SCAN_SHARE = 0.5;

export interface RenderedPage {
  image: Gray;
  /** Pixels per PDF point. */
  scale: number;
  /** The upright page in points (as the text-layer extractor measures it). */
  width: number;
  height: number;
}

export interface PaintedImage {
  /** On the upright page, in points. */
  box: Box;
  /** The image's own pixel size. */
  pixelWidth: number;
  pixelHeight: number;
  /** pdf.js's object id of an image XObject (its decoded pixels are in page.objs once the list is built). */
  objId?: string;
  /** The image space to page space matrix (CTM times the upright matrix). */
  matrix: Matrix;
}

export interface PagePaintSummary {
  images: PaintedImage[];
  /** Operators that paint something other than images (text, paths). */
  otherPaint: number;
}

const PAINT_OPS = ['showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText', 'fill', 'stroke', 'fillStroke', 'eoFill', 'eoFillStroke', 'shadingFill', 'constructPath'] as const;

/** Images painted on the page, with their pixel sizes (from the operator list), and whether anything else is. */
export async function paintedImages(pdfjs: PdfJs, page: PDFPageProxy): Promise<PaintedImage[]> {
  return (await pagePaint(pdfjs, page)).images;
}

export async function pagePaint(pdfjs: PdfJs, page: PDFPageProxy): Promise<PagePaintSummary> {
  const viewport = page.getViewport({ scale: 1 });
  const upright = uprightMatrix(viewport.transform, viewport.height);
  const ops = await pdfStep(page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), `page ${page.pageNumber}`);
  const OPS = pdfjs.OPS;
  const paint = new Set<number>(PAINT_OPS.map((k) => (OPS as Record<string, number>)[k]).filter((v): v is number => v !== undefined));
  let otherPaint = 0;
  const images: PaintedImage[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = (ops.argsArray[i] ?? []) as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args.length >= 6) ctm = mul(args as number[], ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0] as ArrayLike<number> | undefined;
      if (m && m.length >= 6) ctm = mul(m, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      const size = pixelSize(fn === OPS.paintImageXObject ? args.slice(1) : args[0]);
      const matrix = mul(ctm, upright);
      const objId = fn === OPS.paintImageXObject && typeof args[0] === 'string' ? args[0] : undefined;
      if (size) images.push({ box: rectBox(matrix, 0, 0, 1, 1), ...size, matrix, ...(objId ? { objId } : {}) });
      else otherPaint++;
      if (fn === OPS.paintImageMaskXObject) otherPaint++;
    } else if (fn !== undefined && paint.has(fn)) otherPaint++;
  }
  return { images, otherPaint };
}

/**
 * A scanned page's own pixels, without rendering: when the page paints nothing but one image covering
 * it, upright and unflipped, its decoded pixels (which pdf.js has after building the operator list) are
 * the page at the scan's resolution. Undefined otherwise (the page is then rendered).
 */
export function scanPixels(page: PDFPageProxy, paint: PagePaintSummary, width: number, height: number): RenderedPage | undefined {
  if (paint.otherPaint > 0 || paint.images.length !== 1) return undefined;
  const im = paint.images[0]!;
  const [a, b, c, d] = im.matrix;
  // Image space (0,0) is the image's first row's start: upright means x right, first row at the top.
  if (!im.objId || Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a <= 0 || d <= 0) return undefined;
  const tol = 1;
  if (Math.abs(im.box[0]) > tol || Math.abs(im.box[1]) > tol || Math.abs(im.box[2] - width) > tol || Math.abs(im.box[3] - height) > tol) return undefined;
  const sx = im.pixelWidth / width;
  const sy = im.pixelHeight / height;
  if (Math.abs(sx / sy - 1) > 0.02 || sx * 72 < MIN_SCAN_DPI || sx * 72 > MAX_SCAN_DPI) return undefined;
  if (!page.objs.has(im.objId)) return undefined;
  const obj = page.objs.get(im.objId) as { width?: number; height?: number; kind?: number; data?: Uint8Array | Uint8ClampedArray } | null;
  if (!obj?.data || obj.width !== im.pixelWidth || obj.height !== im.pixelHeight) return undefined;
  const image = grayFromImageData(obj.data, obj.width, obj.height, obj.kind);
  return image ? { image, scale: sx, width, height } : undefined;
}

/** pdf.js's decoded image (ImageKind 1: 1 bit per pixel, 1 = white; 2: RGB; 3: RGBA) as grayscale. */
function grayFromImageData(data: Uint8Array | Uint8ClampedArray, w: number, h: number, kind: number | undefined): Gray | undefined {
  const n = w * h;
  if (kind === 3 && data.length >= n * 4) return grayFromRgba(data, w, h);
  const out = new Uint8Array(n);
  if (kind === 2 && data.length >= n * 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
    return { width: w, height: h, data: out };
  }
  if (kind === 1) {
    const stride = (w + 7) >> 3;
    if (data.length < stride * h) return undefined;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) out[y * w + x] = data[y * stride + (x >> 3)]! & (128 >> (x & 7)) ? 255 : 0;
    }
    return { width: w, height: h, data: out };
  }
  return undefined;
}

function pixelSize(v: unknown): { pixelWidth: number; pixelHeight: number } | undefined {
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return { pixelWidth: v[0], pixelHeight: v[1] };
  const o = v as { width?: unknown; height?: unknown } | undefined;
  if (o && typeof o.width === 'number' && typeof o.height === 'number') return { pixelWidth: o.width, pixelHeight: o.height };
  return undefined;
}

/** The image that is the page's scan: the largest covering at least SCAN_SHARE of the page, if any. */
export function scanImage<T extends Pick<PaintedImage, 'box'>>(images: T[], pageWidth: number, pageHeight: number): T | undefined {
  const area = pageWidth * pageHeight;
  const share = (im: T) => ((im.box[2] - im.box[0]) * (im.box[3] - im.box[1])) / area;
  let best: T | undefined;
  for (const im of images) if (share(im) >= SCAN_SHARE && (!best || share(im) > share(best))) best = im;
  return best;
}

/**
 * Pixels per point to render at: a scan's own resolution when one image covers most of the page, else `dpi`.
 * Quarter-turned images (a landscape scan placed upright) count by the image's longer side along the page's.
 */
export function renderScale(images: Pick<PaintedImage, 'box' | 'pixelWidth' | 'pixelHeight'>[], pageWidth: number, pageHeight: number, dpi = DEFAULT_DPI): number {
  const best = scanImage(images, pageWidth, pageHeight);
  if (!best) return dpi / 72;
  const w = best.box[2] - best.box[0];
  const h = best.box[3] - best.box[1];
  // Which pixel side lies along the page's width: the one whose aspect matches.
  const straight = Math.abs(best.pixelWidth / best.pixelHeight - w / h) <= Math.abs(best.pixelHeight / best.pixelWidth - w / h);
  const px = straight ? best.pixelWidth : best.pixelHeight;
  const scanDpi = (px / w) * 72;
  return Math.min(MAX_SCAN_DPI, Math.max(MIN_SCAN_DPI, scanDpi)) / 72;
}

/** The page drawn at `scale` pixels per point, as grayscale. */
export async function renderPage(doc: PDFDocumentProxy, pdfjs: PdfJs, page: PDFPageProxy, scale: number): Promise<RenderedPage> {
  return drawPage(doc, pdfjs, page, scale, ({ context, width, height, unit }) => {
    const { data } = context.getImageData(0, 0, width, height);
    return { image: grayFromRgba(data, width, height), scale: width / unit.width, width: unit.width, height: unit.height };
  });
}

/** A canvas of pdf.js's canvas factory: @napi-rs/canvas in Node, which can also encode itself. */
export interface DrawnPage {
  canvas: { encode(format: 'jpeg' | 'png' | 'webp', quality?: number): Promise<Uint8Array> };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  /** Pixels. */
  width: number;
  height: number;
  /** The upright page in points. */
  unit: { width: number; height: number };
}

/**
 * The page drawn on white at `scale` pixels per point (its upright page: /Rotate applied, y down as images
 * are), handed to `use` while the canvas lives: the OCR reads its pixels, the review page encodes it.
 */
export async function drawPage<T>(
  doc: PDFDocumentProxy,
  pdfjs: PdfJs,
  page: PDFPageProxy,
  scale: number,
  use: (drawn: DrawnPage) => T | Promise<T>,
): Promise<T> {
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = doc.canvasFactory as {
    create(w: number, h: number): { canvas: unknown; context: DrawnPage['context'] };
    destroy(cc: unknown): void;
  };
  const cc = factory.create(width, height);
  try {
    await pdfStep(
      page.render({
        canvas: cc.canvas as HTMLCanvasElement,
        viewport,
        annotationMode: pdfjs.AnnotationMode.DISABLE,
        background: 'rgb(255,255,255)',
      }).promise,
      `rendering page ${page.pageNumber}`,
      120_000,
    );
    const unit = page.getViewport({ scale: 1 });
    return await use({ canvas: cc.canvas as DrawnPage['canvas'], context: cc.context, width, height, unit: { width: unit.width, height: unit.height } });
  } finally {
    factory.destroy(cc);
  }
}
