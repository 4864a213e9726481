/**
 * Choosing the extractor for an input by its bytes first (a PDF named .txt is still a PDF), then its name.
 * Every extractor returns the same positioned document.
 */
import type { PositionedDocument } from '../src/model/document.js';
import { InputError } from '../src/errors.js';
import { extractText } from './text.js';
import type { OcrMode } from './ocr/index.js';

export interface ExtractOptions {
  /** OCR routing for PDF input (see extractors/ocr/route.ts); default `auto`. Other inputs ignore it. */
  ocr?: OcrMode;
  /** Render resolution for OCR of pages that are not scans; default 300 dpi. */
  ocrDpi?: number;
}

export type InputKind = 'text' | 'pdf' | 'html' | 'docx' | 'doc';

export function sniffKind(bytes: Uint8Array, path: string): InputKind {
  const head = Buffer.from(bytes.subarray(0, 1024));
  // Readers accept the header anywhere in the first kilobyte; some producers put junk before it.
  if (head.toString('latin1').includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'docx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'doc';
  if (/\.(?:html?|xhtml)$/i.test(path) || /<(?:!doctype\s+html|html|body|table)[\s>]/i.test(head.toString('latin1'))) return 'html';
  return 'text';
}

const EXTENSIONS: Record<InputKind, RegExp> = {
  text: /\.(?:txt|text|md|markdown)$/i,
  pdf: /\.pdf$/i,
  html: /\.(?:html?|xhtml)$/i,
  docx: /\.docx$/i,
  doc: /\.doc$/i,
};

export async function extractDocument(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<PositionedDocument> {
  const kind = sniffKind(bytes, path);
  const doc = await extractAs(kind, bytes, path, options);
  // A crawled "report.pdf" is often an HTML error page or plain text: say so, the name misleads.
  const named = (Object.keys(EXTENSIONS) as InputKind[]).find((k) => EXTENSIONS[k].test(path));
  if (named && named !== kind) {
    doc.warnings.unshift({ code: 'NOT_WHAT_ITS_NAME_SAYS', message: `named .${path.split('.').pop()} but the content is ${kind}: read as ${kind}` });
  }
  return doc;
}

async function extractAs(kind: InputKind, bytes: Uint8Array, path: string, options: ExtractOptions): Promise<PositionedDocument> {
  switch (kind) {
    case 'text':
      return extractText(bytes, path);
    case 'pdf':
      return (await import('./pdf.js')).extractPdf(bytes, path, { ocr: options.ocr ?? 'auto', ...(options.ocrDpi === undefined ? {} : { ocrDpi: options.ocrDpi }) });
    case 'html':
      return (await import('./html.js')).extractHtml(bytes, path);
    case 'docx':
      return (await import('./docx.js')).extractDocx(bytes, path);
    case 'doc':
      return (await import('./docx.js')).extractDoc(bytes, path);
  }
}
