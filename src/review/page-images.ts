/**
 * The pages of a PDF as JPEG images for the review page, drawn by pdf.js the way the OCR draws them
 * (extractors/ocr/render.ts). Moderate resolution and quality: the numbers must be legible at the width a
 * laptop gives the page (about 850 px for A4) and when zoomed a little, and six pages must stay well under a few megabytes.
 */
import { drawPage } from '../../extractors/ocr/render.js';
import { documentOptions, loadPdfJs, pdfStep } from '../../extractors/pdf/pdfjs.js';

export const REVIEW_DPI = 128;
export const JPEG_QUALITY = 70;

export interface PageImage {
  number: number;
  /** The upright page in points: the space cell boxes are in (origin bottom-left, y up). */
  width: number;
  height: number;
  /** Pixel size of the image. */
  pixelWidth: number;
  pixelHeight: number;
  jpeg: Uint8Array;
}

export async function pdfPageImages(bytes: Uint8Array, dpi = REVIEW_DPI): Promise<PageImage[]> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(bytes) });
  const out: PageImage[] = [];
  let doc;
  try {
    doc = await pdfStep(task.promise, 'opening the file');
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await pdfStep(doc.getPage(n), `page ${n}`);
      try {
        out.push(
          await drawPage(doc, pdfjs, page, dpi / 72, async ({ canvas, width, height, unit }) => ({
            number: n,
            width: unit.width,
            height: unit.height,
            pixelWidth: width,
            pixelHeight: height,
            jpeg: await canvas.encode('jpeg', JPEG_QUALITY),
          })),
        );
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await (doc ?? task).destroy().catch(() => undefined);
  }
  return out;
}
