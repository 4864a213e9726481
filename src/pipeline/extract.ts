/** The whole job for one input: bytes → document → normalized → record. */
import { extractDocument, type ExtractOptions } from '../../extractors/index.js';
import type { ReportRecord } from '../model/record.js';
import { normalizeDocument } from './normalize.js';
import { buildRecord } from './build-record.js';

/** `options.ocr`: `auto` (default) | `always` | `never`, for PDF input (see extractors/ocr/route.ts). */
export async function extractRecord(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<ReportRecord> {
  const raw = await extractDocument(bytes, path, options);
  const { doc, normalization } = normalizeDocument(raw);
  return buildRecord(doc, normalization);
}
