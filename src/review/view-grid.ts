/**
 * HTML and DOCX input: the source tables drawn again from the grid the extractor read (extractors/html/
 * layout.ts: every table item carries its grid address, and its spans on the layout plane), each cell of
 * the record in the grid cell it was read from. Only tables holding record cells are drawn.
 */
import { COLUMN_WIDTH, ROW_HEIGHT } from '../../extractors/html/layout.js';
import type { Item, PositionedDocument } from '../model/document.js';
import type { ReviewCell } from './cells.js';
import { cellButton, cellChip, esc } from './markup.js';

interface GridItem {
  text: string;
  row: number;
  column: number;
  rowspan: number;
  colspan: number;
}

export function gridView(doc: PositionedDocument, cells: ReviewCell[]): { html: string; placed: Set<ReviewCell> } {
  const tables = new Map<number, GridItem[]>();
  for (const page of doc.pages) {
    for (const line of page.lines) {
      for (const item of line.items) {
        if (!item.address) continue;
        const list = tables.get(item.address.table) ?? [];
        list.push(gridItem(item));
        tables.set(item.address.table, list);
      }
    }
  }
  // Several cells name one grid cell when its digits could not be split between them.
  const byAddress = new Map<string, ReviewCell[]>();
  for (const rc of cells) {
    const a = rc.cell.address;
    if (!a) continue;
    const key = `${a.table}:${a.row}:${a.column}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), rc]);
  }
  const placed = new Set<ReviewCell>();
  const parts: string[] = [];
  for (const [index, items] of [...tables].sort((x, y) => x[0] - y[0])) {
    if (!items.some((it) => byAddress.has(`${index}:${it.row}:${it.column}`))) continue;
    parts.push(`<figure class="grid" id="table-${index}"><figcaption>table ${index + 1} of the page</figcaption><table>`);
    const rows = Math.max(...items.map((it) => it.row + it.rowspan));
    const cols = Math.max(...items.map((it) => it.column + it.colspan));
    const starts = new Map(items.map((it) => [`${it.row}:${it.column}`, it]));
    const covered = new Set<string>();
    for (let r = 0; r < rows; r++) {
      parts.push('<tr>');
      for (let c = 0; c < cols; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const it = starts.get(`${r}:${c}`);
        if (!it) {
          parts.push('<td></td>');
          continue;
        }
        // Overlapping spans (broken Word tables) keep the first cell's claim.
        const rowspan = clampSpan(r, c, it.rowspan, it.colspan, covered, 'row');
        const colspan = clampSpan(r, c, it.rowspan, it.colspan, covered, 'column');
        for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) covered.add(`${r + dr}:${c + dc}`);
        const spans = `${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan > 1 ? ` colspan="${colspan}"` : ''}`;
        const [first, ...others] = byAddress.get(`${index}:${r}:${c}`) ?? [];
        if (!first) {
          parts.push(`<td${spans}>${esc(it.text)}</td>`);
          continue;
        }
        for (const rc of [first, ...others]) placed.add(rc);
        parts.push(`<td class="has-cell"${spans}>${cellButton(first, esc(it.text), 'gridcell')}${others.map(cellChip).join('')}</td>`);
      }
      parts.push('</tr>');
    }
    parts.push('</table></figure>');
  }
  return { html: parts.join(''), placed };
}

function gridItem(item: Item): GridItem {
  const box = item.box ?? [0, -ROW_HEIGHT, COLUMN_WIDTH, 0];
  return {
    text: item.text,
    row: item.address!.row,
    column: item.address!.column,
    colspan: Math.max(1, Math.round((box[2] - box[0]) / COLUMN_WIDTH)),
    rowspan: Math.max(1, Math.round((box[3] - box[1]) / ROW_HEIGHT)),
  };
}

/** A span cut back where it would run into a grid cell already taken. */
function clampSpan(r: number, c: number, rowspan: number, colspan: number, covered: Set<string>, along: 'row' | 'column'): number {
  const n = along === 'row' ? rowspan : colspan;
  for (let k = 1; k < n; k++) {
    if (covered.has(along === 'row' ? `${r + k}:${c}` : `${r}:${c + k}`)) return k;
  }
  return n;
}
