/**
 * The report region as positioned lines, the form the table builders read (shared with PDF): row labels
 * are found in the text stream, values are placed in columns by the x-centre of their item boxes.
 *
 * - Prose: each rendered line (a block, or a stretch between <br>s) is one Line of one Item, no box.
 * - A grid table: each grid row is one Line; each non-empty cell is one Item in the row where it starts
 *   (a rowspanned label appears once, on its first row, as Word/WPS PDFs print it), left to right. An
 *   empty cell (&nbsp;) emits nothing: like a blank PDF cell, it is the absence of a value in its column.
 *
 * Cell boxes are synthetic, on a plane where one grid column is 100 units wide and one grid row 20 high,
 * y growing upwards as in PDF user space (row 0 at the top):
 *   x0 = column × 100, x1 = (column + colspan) × 100, y1 = −row × 20, y0 = y1 − rowspan × 20.
 * Only x matters to the builders (header centres, value centres); the plane restarts for each table, and
 * every item of a table also carries its `address`, which is what provenance reports.
 */
import type { DocWarning, Line } from '../../src/model/document.js';
import { isContent, isElement, type Element } from './content.js';
import { expandTable } from './grid.js';
import { Runs, cellText, feedRuns } from './text.js';

export const COLUMN_WIDTH = 100;
export const ROW_HEIGHT = 20;

export interface Layout {
  lines: Line[];
  warnings: DocWarning[];
}

export function layOut(roots: Element[], grids: ReadonlySet<Element>): Layout {
  const lines: Line[] = [];
  const warnings: DocWarning[] = [];
  const prose = new Runs((text) => lines.push({ items: [{ text }] }));
  let table = 0;
  const intercept = (el: Element): boolean => {
    if (!grids.has(el)) return false;
    const index = table++;
    const grid = expandTable(el);
    if (grid.spansIgnored) {
      warnings.push({
        code: 'HTML_TABLE_SPANS_IGNORED',
        message: `HTML table ${index} has more rowspans than any real table: those past the limit were read as 1`,
      });
    }
    // A <caption> (表三 …) prints above the grid.
    for (const child of el.childNodes) {
      if (isElement(child) && child.tagName === 'caption' && isContent(child)) feedRuns(child, prose);
    }
    // Cells come in row order: a line is closed when the row changes.
    let line: Line | undefined;
    let lineRow = -1;
    for (const cell of grid.cells) {
      const text = cellText(cell.element);
      if (!text) continue;
      if (cell.row !== lineRow) {
        line = { items: [] };
        lines.push(line);
        lineRow = cell.row;
      }
      const y1 = 0 - cell.row * ROW_HEIGHT; // not -row × 20, which is -0 on row 0
      line!.items.push({
        text,
        box: [cell.column * COLUMN_WIDTH, y1 - cell.rowspan * ROW_HEIGHT, (cell.column + cell.colspan) * COLUMN_WIDTH, y1],
        address: { table: index, row: cell.row, column: cell.column },
      });
    }
    return true;
  };
  for (const root of roots) {
    // The root itself may be a block (a title <div>) or a grid; feedRuns walks below it.
    if (intercept(root)) continue;
    feedRuns(root, prose, intercept);
  }
  return { lines, warnings };
}
