/** The whole job for one input: bytes → document → normalized → record. */
import { extractDocument, type ExtractOptions } from '../../extractors/index.js';
import type { PositionedDocument } from '../model/document.js';
import type { ReportRecord } from '../model/record.js';
import { normalizeDocument } from './normalize.js';
import { buildRecord } from './build-record.js';

/** `options.ocr`: `auto` (default) | `always` | `never`, for PDF input (see extractors/ocr/route.ts). */
export async function extractRecord(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<ReportRecord> {
  return (await extractWithDocument(bytes, path, options)).record;
}

export interface Extraction {
  record: ReportRecord;
  /** As the extractor gave it: item texts as printed, so text offsets point into them. */
  document: PositionedDocument;
  /** After glyph normalization: what the record was built from. */
  normalized: PositionedDocument;
}

/** The record together with the documents it was read from, for tools that show where each value stands. */
export async function extractWithDocument(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<Extraction> {
  const document = await extractDocument(bytes, path, options);
  const { doc, normalization } = normalizeDocument(document);
  return { record: buildRecord(doc, normalization), document, normalized: doc };
}
