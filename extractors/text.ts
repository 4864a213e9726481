/**
 * Plain-text input (.txt/.md) as a PositionedDocument: a text file has no page
 * geometry, so it becomes one page whose lines are the source lines.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';

import type { Line, PositionedDocument } from '../src/model/document.js';
import { decodeText } from './decode-text.js';
import { isLayoutText, layoutItems } from './text/layout.js';

export function extractText(bytes: Uint8Array, path: string, mediaType?: string): PositionedDocument {
  const { text, encoding } = decodeText(bytes);

  const rawLines = text.split('\n');
  // A final newline ends the last line rather than starting an empty one.
  if (rawLines.length > 1 && rawLines[rawLines.length - 1] === '') rawLines.pop();

  const markdown = mediaTypeFor(path) === 'text/markdown';
  const layout = !markdown && isLayoutText(rawLines);
  const lines: Line[] = [];
  let offset = 0;
  rawLines.forEach((raw, i) => {
    // A markdown table's delimiter row (|---|---|) is layout, not content: dashes there are not dash cells.
    const trimmed = markdown && MD_DELIMITER_ROW.test(raw) ? '' : raw.trimEnd();
    // Blank lines stay, with no items: paragraph breaks separate sections and tables.
    if (trimmed === '') lines.push({ items: [] });
    else lines.push({ items: layout ? layoutItems(trimmed, i, offset) : [{ text: trimmed, sourceOffset: offset }] });
    offset += raw.length + 1;
  });

  return {
    source: {
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mediaType: mediaType ?? mediaTypeFor(path),
      extractor: 'text',
      encoding,
      pages: 1,
    },
    pages: [{ number: 1, lines }],
    warnings: [],
  };
}

const MD_DELIMITER_ROW = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$/;

function mediaTypeFor(path: string): string {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'text/markdown' : 'text/plain';
}
