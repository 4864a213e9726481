/**
 * A PDF opened with pdf.js directly (xxgk's options, not its loader): the tests that re-read where text was printed
 * use it to check xxgk's boxes against an independent reading.
 */
import { documentOptions } from '../../extractors/pdf/pdfjs.js';

export async function openBare(bytes: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return getDocument({ ...documentOptions(), data: new Uint8Array(bytes) }).promise;
}
