/**
 * The positioned-text document every extractor produces (text, PDF, OCR, HTML, DOCX).
 * Table logic reads only this model, so it is written once for all input kinds.
 */

/** [x0, y0, x1, y1] in PDF user-space points, origin bottom-left (PDF, OCR). */
export type Box = [number, number, number, number];

/** Where a piece of text came from when it has no page geometry (HTML/DOCX tables). */
export interface CellAddress {
  table: number;
  row: number;
  column: number;
}

export interface Item {
  text: string;
  box?: Box;
  address?: CellAddress;
  /** 0..1 for OCR output. */
  confidence?: number;
  /** Offset of this item's text in the extractor's raw text (text input), for provenance. */
  sourceOffset?: number;
  /** After glyph normalization: offsets[i] = offset in the item's original text of character i. */
  offsets?: Uint32Array;
}

export interface Line {
  items: Item[];
}

export interface Page {
  /** 1-based. */
  number: number;
  width?: number;
  height?: number;
  lines: Line[];
}

export interface DocWarning {
  code: string;
  message: string;
  page?: number;
}

export interface Source {
  path: string;
  sha256: string;
  mediaType: string;
  extractor: 'text' | 'pdf-text' | 'pdf-ocr' | 'html' | 'docx';
  encoding?: string;
  pages?: number;
  ocrPages?: number[];
}

export interface PositionedDocument {
  source: Source;
  /** Document title from metadata (HTML <title>, PDF Title), if any: a fallback only. */
  metaTitle?: string;
  pages: Page[];
  warnings: DocWarning[];
}

export function lineText(line: Line): string {
  return line.items.map((i) => i.text).join(' ');
}
