/** Turning what was read into record cells, with provenance from the stream. */
import type { Cell } from '../model/cell.js';
import { spanAt, type TextStream } from '../layout/stream.js';
import type { Piece } from './split-runs.js';

export function provenance(stream: TextStream, start: number, end: number): Pick<Cell, 'page' | 'bbox' | 'offset' | 'address' | 'confidence'> {
  const span = spanAt(stream, start);
  if (!span) return {};
  const { item } = span;
  const out: Pick<Cell, 'page' | 'bbox' | 'offset' | 'address' | 'confidence'> = {};
  // Grid inputs (HTML, DOCX) lay cells out on a made-up plane for column placement, and layout text on its
  // character columns: their provenance is the cell address or the source offset, never that plane's coordinates.
  if (item.box && !item.address && item.sourceOffset === undefined) {
    out.page = span.page;
    // A sub-range of an item gets its own box from the PDF extractor's glyph positions; here whole items only.
    if (start === span.start && end === span.end) out.bbox = item.box;
  }
  if (item.address) out.address = item.address;
  if (item.confidence !== undefined) out.confidence = item.confidence;
  if (item.sourceOffset !== undefined) {
    const k = start - span.start;
    out.offset = item.sourceOffset + (item.offsets ? item.offsets[k]! : k);
  }
  return out;
}

export function cellFromPiece(stream: TextStream, piece: Piece, reconstructed: boolean): Cell {
  if (piece.kind === 'blank') return blankCell();
  return {
    value: piece.value,
    raw: piece.raw,
    kind: piece.kind,
    ...provenance(stream, piece.start, piece.end),
    ...(piece.unit ? { unit: piece.unit } : {}),
    ...(reconstructed ? { reconstructed: true as const } : {}),
  };
}

/** A cell that is there but could not be read to one value. */
export function unreadCell(raw: string, stream?: TextStream, start?: number, end?: number): Cell {
  return {
    value: null,
    raw,
    kind: 'text',
    ...(stream && start !== undefined && end !== undefined ? provenance(stream, start, end) : {}),
  };
}

export function blankCell(): Cell {
  return { value: null, raw: '', kind: 'blank' };
}
