/**
 * A PDF opened with pdf.js directly, not through xxgk's loader: the tests that re-read where text was printed
 * use it to check xxgk's boxes against an independent reading.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export async function openBare(bytes: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}
