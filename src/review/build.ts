/** `xxgk review` without the command line: an input's bytes to its review page. */
import type { ExtractOptions } from '../../extractors/index.js';
import { extractWithDocument } from '../pipeline/extract.js';
import { reviewCells } from './cells.js';
import { pdfPageImages, REVIEW_DPI } from './page-images.js';
import { reviewPage, type ReviewView } from './page.js';
import { gridView } from './view-grid.js';
import { pagesView } from './view-pages.js';
import { textView } from './view-text.js';

export interface ReviewOptions extends ExtractOptions {
  /** Resolution of the page images (PDF input). */
  dpi?: number;
}

export async function buildReview(bytes: Uint8Array, path: string, options: ReviewOptions = {}): Promise<string> {
  const { dpi, ...extract } = options;
  const { record, document, normalized } = await extractWithDocument(bytes, path, extract);
  const cells = reviewCells(record);
  let view: ReviewView;
  if (record.source.extractor === 'pdf-text' || record.source.extractor === 'pdf-ocr') {
    view = pagesView(await pdfPageImages(bytes, dpi ?? REVIEW_DPI), cells);
  } else if (cells.some((rc) => rc.cell.address)) {
    // HTML and DOCX tables: cells know their grid cell.
    view = gridView(normalized, cells);
  } else {
    // Text, and legacy DOC (read as text): cells know their offset in the text.
    view = textView(document, cells);
  }
  return reviewPage(record, cells, view);
}
