/**
 * HTML tables as grids: every cell at the grid row and column where its top-left corner lands once
 * rowspan and colspan are honoured, the way a browser lays the table out. The table builders place values
 * by column, so this is what makes a blank (&nbsp;) cell a blank and not a shift of every value after it.
 *
 * Pasted Word tables are full of span faults (a header row spanning 7 columns over data rows of 10, a
 * rowspan past the last row), so the expansion never fails: spans are parsed and clamped as the HTML
 * standard says, a row with fewer cells simply leaves its right-hand columns empty, and overlapping cells
 * are allowed to overlap.
 */
import { attr, children, isContent, isElement, walk, type Element, type Node } from './content.js';

export interface GridCell {
  element: Element;
  /** Grid row and column of the cell's top-left corner, 0-based. */
  row: number;
  column: number;
  rowspan: number;
  colspan: number;
}

export interface Grid {
  /** In row order, left to right within a row. */
  cells: GridCell[];
  /** Rowspans beyond the budget were read as 1 (only a hostile or broken page gets here). */
  spansIgnored: boolean;
}

// The HTML standard's limits.
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
/**
 * Rows marked as covered by rowspans, per table. Real tables cover a few dozen; a page whose every cell
 * says rowspan=1000 would otherwise cost cells × rows. Past the budget, rowspans count as 1.
 */
const SPAN_BUDGET = 200_000;

/**
 * Which tables are data grids. Sites lay pages out with tables, and a report pasted into a CMS may sit in
 * a one-column table: a table is a grid when no table is nested in it and some row has two cells or more;
 * any other table is read as blocks of prose (its cells are paragraphs). One pass over the page, so
 * deeply nested layout tables cost no more than flat ones.
 */
export function classifyTables(root: Node): Set<Element> {
  const grids = new Set<Element>();
  const open: { table: Element; nested: boolean; wide: boolean }[] = [];
  walk(root, {
    enter(el) {
      if (el.tagName === 'table') {
        const outer = open.at(-1);
        if (outer) outer.nested = true;
        open.push({ table: el, nested: false, wide: false });
      } else if (el.tagName === 'tr') {
        const t = open.at(-1);
        if (t && !t.wide && cellsOf(el).length >= 2) t.wide = true;
      }
    },
    leave(el) {
      if (el.tagName !== 'table') return;
      const t = open.pop();
      if (t && !t.nested && t.wide) grids.add(t.table);
    },
  });
  return grids;
}

export function expandTable(table: Element): Grid {
  const cells: GridCell[] = [];
  let row = 0;
  let budget = SPAN_BUDGET;
  let spansIgnored = false;
  for (const group of rowGroups(table)) {
    // covered[i]: [start, end) column intervals of row (group start + i) taken by rowspans from above;
    // allocated only for rows that have some (most have none).
    const covered: (number[] | undefined)[] = [];
    group.forEach((tr, i) => {
      const taken = sortedIntervals(covered[i]);
      let k = 0;
      let column = 0;
      for (const td of cellsOf(tr)) {
        // Skip past every interval that starts at or before the current column.
        while (k < taken.length && taken[k]![0] <= column) {
          column = Math.max(column, taken[k]![1]);
          k++;
        }
        const colspan = span(attr(td, 'colspan'), 1, MAX_COLSPAN);
        // rowspan=0 means "to the end of the row group"; no span reaches past it.
        const asked = span(attr(td, 'rowspan'), 0, MAX_ROWSPAN);
        let rowspan = Math.min(asked === 0 ? group.length - i : asked, group.length - i);
        if (rowspan - 1 > budget) {
          rowspan = 1;
          spansIgnored = true;
        }
        budget -= rowspan - 1;
        for (let r = 1; r < rowspan; r++) (covered[i + r] ??= []).push(column, column + colspan);
        cells.push({ element: td, row: row + i, column, rowspan, colspan });
        column += colspan;
      }
    });
    row += group.length;
  }
  clampToWidth(cells);
  return { cells, spansIgnored };
}

/**
 * A colspan reaching past the last column any cell starts in (colspan=1000 on a row's last cell) is cut
 * back to it, so that cell's box stays over the columns it actually shares with the rows around it.
 */
function clampToWidth(cells: GridCell[]): void {
  let width = 0;
  for (const c of cells) width = Math.max(width, c.column + 1);
  for (const c of cells) c.colspan = Math.min(c.colspan, width - c.column);
}

/**
 * The HTML standard's "rules for parsing non-negative integers": leading digits count ("2px" is 2), anything
 * unparseable or negative falls back to the default; then the value is clamped to [min, max], except that
 * colspan=0 (min 1) means 1.
 */
function span(value: string | undefined, min: number, max: number): number {
  const n = value === undefined ? NaN : parseInt(value.trim(), 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  return Math.min(Math.max(n, min), max);
}

/** Rows in source order, grouped by <thead>/<tbody>/<tfoot> (spans stop at a group's end); hidden rows are skipped. */
function rowGroups(table: Element): Element[][] {
  const groups: Element[][] = [];
  let loose: Element[] = [];
  for (const child of children(table)) {
    if (!isElement(child) || !isContent(child)) continue;
    if (child.tagName === 'tr') {
      loose.push(child);
      continue;
    }
    if (child.tagName !== 'thead' && child.tagName !== 'tbody' && child.tagName !== 'tfoot') continue;
    if (loose.length) groups.push(loose);
    loose = [];
    groups.push(children(child).filter((n): n is Element => isElement(n) && n.tagName === 'tr' && isContent(n)));
  }
  if (loose.length) groups.push(loose);
  return groups;
}

function cellsOf(tr: Element): Element[] {
  return children(tr).filter((n): n is Element => isElement(n) && (n.tagName === 'td' || n.tagName === 'th') && isContent(n));
}

/** Flat [start, end, start, end, …] pairs as intervals sorted by start. */
function sortedIntervals(flat: number[] | undefined): [number, number][] {
  const out: [number, number][] = [];
  if (!flat) return out;
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out.sort((a, b) => a[0] - b[0]);
}
