/**
 * Choosing the extractor for an input by its bytes first (a PDF named .txt is still a PDF), then its name.
 * Every extractor returns the same positioned document.
 */
import type { PositionedDocument } from '../src/model/document.js';
import { InputError } from '../src/errors.js';
import { extractText } from './text.js';

export type InputKind = 'text' | 'pdf' | 'html' | 'docx' | 'doc';

export function sniffKind(bytes: Uint8Array, path: string): InputKind {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'docx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'doc';
  if (/\.(?:html?|xhtml)$/i.test(path) || /<(?:!doctype\s+html|html|body|table)[\s>]/i.test(head.toString('latin1'))) return 'html';
  return 'text';
}

export async function extractDocument(bytes: Uint8Array, path: string): Promise<PositionedDocument> {
  const kind = sniffKind(bytes, path);
  switch (kind) {
    case 'text':
      return extractText(bytes, path);
    case 'pdf':
      throw new InputError('PDF input is not supported yet (planned: pdf.js text layer)');
    case 'html':
      throw new InputError('HTML input is not supported yet');
    case 'docx':
      throw new InputError('DOCX input is not supported yet');
    case 'doc':
      throw new InputError('legacy .doc input is not supported: convert it to DOCX or PDF');
  }
}
