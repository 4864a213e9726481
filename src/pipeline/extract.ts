/** The whole job for one input: bytes → document → normalized → record. */
import { extractDocument } from '../../extractors/index.js';
import type { ReportRecord } from '../model/record.js';
import { normalizeDocument } from './normalize.js';
import { buildRecord } from './build-record.js';

export async function extractRecord(bytes: Uint8Array, path: string): Promise<ReportRecord> {
  const raw = await extractDocument(bytes, path);
  const { doc, normalization } = normalizeDocument(raw);
  return buildRecord(doc, normalization);
}
