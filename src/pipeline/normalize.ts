/** Glyph normalization of every item of a document, before any matching (report-format.md §9). */
import type { PositionedDocument } from '../model/document.js';
import type { Normalization } from '../model/record.js';
import { normalizeGlyphs } from '../../normalizers/glyphs.js';

export function normalizeDocument(doc: PositionedDocument): { doc: PositionedDocument; normalization: Normalization } {
  let replaced = 0;
  const byClass: Record<string, number> = {};
  const pages = doc.pages.map((page) => ({
    ...page,
    lines: page.lines.map((line) => ({
      items: line.items.map((item) => {
        const n = normalizeGlyphs(item.text);
        if (n.replaced === 0) return item;
        replaced += n.replaced;
        for (const [cls, count] of Object.entries(n.byClass)) byClass[cls] = (byClass[cls] ?? 0) + (count ?? 0);
        return { ...item, text: n.text, offsets: n.offsets };
      }),
    })),
  }));
  const metaTitle = doc.metaTitle === undefined ? undefined : normalizeGlyphs(doc.metaTitle).text;
  return {
    doc: { ...doc, pages, ...(metaTitle === undefined ? {} : { metaTitle }) },
    normalization: { replaced, byClass: sortKeys(byClass) },
  };
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
