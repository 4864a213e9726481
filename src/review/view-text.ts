/**
 * Text input: the report's lines as they were read (before glyph normalization, which is what cell offsets
 * point into), each cell marked where it stands.
 */
import type { PositionedDocument } from '../model/document.js';
import type { ReviewCell } from './cells.js';
import { cellButton, cellChip, esc } from './markup.js';

export function textView(doc: PositionedDocument, cells: ReviewCell[]): { html: string; placed: Set<ReviewCell> } {
  const located = cells
    .filter((rc) => rc.cell.offset !== undefined && rc.cell.raw !== '')
    .sort((a, b) => a.cell.offset! - b.cell.offset!);
  const placed = new Set<ReviewCell>();
  const out: string[] = ['<div class="text">'];
  let k = 0;
  for (const page of doc.pages) {
    for (const line of page.lines) {
      let html = '';
      for (const item of line.items) {
        const start = item.sourceOffset;
        if (start === undefined) {
          html += esc(item.text);
          continue;
        }
        const end = start + item.text.length;
        while (k < located.length && located[k]!.cell.offset! < start) k++;
        let at = 0;
        let last: ReviewCell | undefined;
        while (k < located.length && located[k]!.cell.offset! < end) {
          const rc = located[k++]!;
          const from = rc.cell.offset! - start;
          if (last && last.cell.offset === rc.cell.offset && last.cell.raw === rc.cell.raw) {
            html += cellChip(rc);
            placed.add(rc);
            continue;
          }
          if (from < at) continue; // overlapping the cell before in some other way: not drawn twice
          const to = Math.min(item.text.length, from + rc.cell.raw.length);
          html += esc(item.text.slice(at, from)) + cellButton(rc, esc(item.text.slice(from, to)), 'inline');
          placed.add(rc);
          last = rc;
          at = to;
        }
        html += esc(item.text.slice(at));
      }
      out.push(`<div class="line">${html || '&nbsp;'}</div>`);
    }
  }
  out.push('</div>');
  return { html: out.join('\n'), placed };
}
