/**
 * Ruled tables in a (straightened) page image: ruling lines are long runs of ink, horizontal or vertical;
 * lines that cross or touch each other make a table; the table's cells come from the line positions, a
 * cell spanning rows or columns where a ruling line between them is missing.
 */

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RuleLine extends Rect {
  /** Centre of the line across its thickness (y for horizontal, x for vertical). */
  at: number;
}

export interface GridCell extends Rect {
  /** First and last fine row / column the cell covers. */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export interface Table extends Rect {
  /** Boundaries of the fine grid: rows between ys[i] and ys[i + 1], columns between xs[j] and xs[j + 1]. */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** Typical thickness of its ruling lines, in pixels. */
  thickness: number;
}

export interface GridOptions {
  /** Pixels per point. */
  scale: number;
}

/** Ruling lines are at least this long (points); text strokes are shorter than a large character. */
const MIN_H_LINE = 15;
const MIN_V_LINE = 9;
/** Breaks in a line up to this size (points) are noise or JPEG damage. */
const GAP = 0.6;
/** Lines thicker than this (points) are bars or filled areas, not rules. */
const MAX_THICKNESS = 3;
/** How far a line may stop short of the line it meets (points). */
const TOUCH = 2.5;
/** A boundary exists where ruling covers at least this share of it. */
const COVERAGE = 0.5;
/** Smaller frames (points) are strokes of large print (口, 田 in a title), not tables. */
const MIN_TABLE_WIDTH = 60;
const MIN_TABLE_HEIGHT = 15;

/**
 * Pixels of long runs along one direction. `horizontal`: runs along rows, else along columns.
 * A run continues over breaks of up to `gap` pixels.
 */
function runMask(ink: Uint8Array, width: number, height: number, horizontal: boolean, minLen: number, gap: number): Uint8Array {
  const out = new Uint8Array(ink.length);
  const outer = horizontal ? height : width;
  const inner = horizontal ? width : height;
  // Index of (o, i): o·strideO + i·strideI.
  const strideO = horizontal ? width : 1;
  const strideI = horizontal ? 1 : width;
  for (let o = 0; o < outer; o++) {
    const base = o * strideO;
    let start = -1;
    let last = -1;
    for (let i = 0; i <= inner; i++) {
      if (i < inner && ink[base + i * strideI] === 1) {
        if (start < 0) start = i;
        last = i;
        continue;
      }
      if (start >= 0 && (i === inner || i - last > gap)) {
        if (last - start + 1 >= minLen) {
          for (let k = start, p = base + start * strideI; k <= last; k++, p += strideI) if (ink[p] === 1) out[p] = 1;
        }
        start = -1;
      }
    }
  }
  return out;
}

/** Connected pieces of a run mask as lines (4-connected, with their bounding boxes). */
function lineComponents(mask: Uint8Array, width: number, height: number, horizontal: boolean): RuleLine[] {
  const seen = new Uint8Array(mask.length);
  const lines: RuleLine[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    let sum = 0;
    let count = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      sum += horizontal ? y : x;
      count++;
      if (x > 0 && mask[p - 1] && !seen[p - 1]) (seen[p - 1] = 1), stack.push(p - 1);
      if (x < width - 1 && mask[p + 1] && !seen[p + 1]) (seen[p + 1] = 1), stack.push(p + 1);
      if (y > 0 && mask[p - width] && !seen[p - width]) (seen[p - width] = 1), stack.push(p - width);
      if (y < height - 1 && mask[p + width] && !seen[p + width]) (seen[p + width] = 1), stack.push(p + width);
    }
    lines.push({ x0, y0, x1: x1 + 1, y1: y1 + 1, at: sum / count + 0.5 });
  }
  return lines;
}

/** Fuse pieces of one line broken by a gap or split in thickness: same position, ranges meeting. */
function fuse(lines: RuleLine[], horizontal: boolean, tol: number, gap: number): RuleLine[] {
  const key = (l: RuleLine) => (horizontal ? [l.x0, l.x1] : [l.y0, l.y1]) as [number, number];
  const sorted = [...lines].sort((a, b) => a.at - b.at || key(a)[0] - key(b)[0]);
  const out: RuleLine[] = [];
  for (const l of sorted) {
    const m = out.find((o) => Math.abs(o.at - l.at) <= tol && key(l)[0] <= key(o)[1] + gap && key(o)[0] <= key(l)[1] + gap);
    if (!m) {
      out.push({ ...l });
      continue;
    }
    const lenM = horizontal ? m.x1 - m.x0 : m.y1 - m.y0;
    const lenL = horizontal ? l.x1 - l.x0 : l.y1 - l.y0;
    m.at = (m.at * lenM + l.at * lenL) / (lenM + lenL);
    m.x0 = Math.min(m.x0, l.x0);
    m.y0 = Math.min(m.y0, l.y0);
    m.x1 = Math.max(m.x1, l.x1);
    m.y1 = Math.max(m.y1, l.y1);
  }
  return out;
}

export interface Rules {
  horizontal: RuleLine[];
  vertical: RuleLine[];
}

/** Horizontal and vertical ruling lines of a binary ink image. */
export function findRules(ink: Uint8Array, width: number, height: number, { scale }: GridOptions): Rules {
  const gap = Math.max(1, Math.round(GAP * scale));
  const maxThick = MAX_THICKNESS * scale;
  const tol = 1.5 * scale;
  const h = lineComponents(runMask(ink, width, height, true, MIN_H_LINE * scale, gap), width, height, true);
  const v = lineComponents(runMask(ink, width, height, false, MIN_V_LINE * scale, gap), width, height, false);
  const horizontal = fuse(h, true, tol, 2 * gap).filter((l) => l.y1 - l.y0 <= maxThick && l.x1 - l.x0 >= MIN_H_LINE * scale);
  const vertical = fuse(v, false, tol, 2 * gap).filter((l) => l.x1 - l.x0 <= maxThick && l.y1 - l.y0 >= MIN_V_LINE * scale);
  return { horizontal, vertical };
}

function touches(h: RuleLine, v: RuleLine, tol: number): boolean {
  return v.at >= h.x0 - tol && v.at <= h.x1 + tol && h.at >= v.y0 - tol && h.at <= v.y1 + tol;
}

/** Cluster sorted positions closer than `tol` into their mean. */
function clusterPositions(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of s) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

/** The share of [a, b] covered by the given intervals. */
function coverage(a: number, b: number, intervals: [number, number][]): number {
  if (b <= a) return 1;
  const parts = intervals
    .map(([s, e]) => [Math.max(a, s), Math.min(b, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a;
  for (const [s, e] of parts) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return covered / (b - a);
}

/** Tables: groups of ruling lines that touch, with at least two lines each way, and their cells. */
export function findTables(rules: Rules, { scale }: GridOptions): Table[] {
  const tol = TOUCH * scale;
  const { horizontal: H, vertical: V } = rules;
  // Lines that touch no line of the other direction are text strokes, underlines or frames of nothing.
  const parent = [...H, ...V].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const degree = new Array<number>(H.length + V.length).fill(0);
  H.forEach((h, i) =>
    V.forEach((v, j) => {
      if (!touches(h, v, tol)) return;
      degree[i]!++;
      degree[H.length + j]!++;
      parent[find(i)] = find(H.length + j);
    }),
  );
  const groups = new Map<number, { h: RuleLine[]; v: RuleLine[] }>();
  H.forEach((h, i) => {
    if (degree[i]! < 2) return;
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(find(i), g);
  });
  V.forEach((v, j) => {
    if (degree[H.length + j]! < 2) return;
    const g = groups.get(find(H.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(find(H.length + j), g);
  });
  const tables: Table[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    const table = buildTable(h, v, scale);
    if (!table || table.cells.length < 2) continue;
    if (table.x1 - table.x0 < MIN_TABLE_WIDTH * scale || table.y1 - table.y0 < MIN_TABLE_HEIGHT * scale) continue;
    tables.push(table);
  }
  return tables.sort((a, b) => a.y0 - b.y0);
}

function buildTable(H: RuleLine[], V: RuleLine[], scale: number): Table | undefined {
  const tol = TOUCH * scale;
  const merge = 2 * scale;
  // Rows and columns between the lines; where the lines reach beyond the outermost line of the other
  // direction (a table without side borders), the reach closes the table.
  const xs = clusterPositions(V.map((l) => l.at), merge);
  const ys = clusterPositions(H.map((l) => l.at), merge);
  const left = Math.min(...H.map((l) => l.x0));
  const right = Math.max(...H.map((l) => l.x1));
  const top = Math.min(...V.map((l) => l.y0));
  const bottom = Math.max(...V.map((l) => l.y1));
  const minCell = 4 * scale;
  if (left < xs[0]! - minCell) xs.unshift(left);
  if (right > xs.at(-1)! + minCell) xs.push(right);
  if (top < ys[0]! - minCell) ys.unshift(top);
  if (bottom > ys.at(-1)! + minCell) ys.push(bottom);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1) return undefined;

  const near = (lines: RuleLine[], at: number) => lines.filter((l) => Math.abs(l.at - at) <= tol);
  const vSpans = xs.map((x) => near(V, x).map((l) => [l.y0 - tol, l.y1 + tol] as [number, number]));
  const hSpans = ys.map((y) => near(H, y).map((l) => [l.x0 - tol, l.x1 + tol] as [number, number]));
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && coverage(ys[r]!, ys[r + 1]!, vSpans[c + 1]!) < COVERAGE) parent[find(id(r, c))] = find(id(r, c + 1));
      if (r + 1 < rows && coverage(xs[c]!, xs[c + 1]!, hSpans[r + 1]!) < COVERAGE) parent[find(id(r, c))] = find(id(r + 1, c));
    }
  }
  const byRoot = new Map<number, GridCell>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const cell = byRoot.get(root);
      if (!cell) byRoot.set(root, { r0: r, r1: r, c0: c, c1: c, x0: 0, y0: 0, x1: 0, y1: 0 });
      else {
        cell.r0 = Math.min(cell.r0, r);
        cell.r1 = Math.max(cell.r1, r);
        cell.c0 = Math.min(cell.c0, c);
        cell.c1 = Math.max(cell.c1, c);
      }
    }
  }
  const cells = [...byRoot.values()]
    .map((c) => ({ ...c, x0: xs[c.c0]!, x1: xs[c.c1 + 1]!, y0: ys[c.r0]!, y1: ys[c.r1 + 1]! }))
    .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  const thick = [...H.map((l) => l.y1 - l.y0), ...V.map((l) => l.x1 - l.x0)].sort((a, b) => a - b);
  return {
    x0: xs[0]!,
    x1: xs.at(-1)!,
    y0: ys[0]!,
    y1: ys.at(-1)!,
    xs,
    ys,
    cells,
    thickness: thick[thick.length >> 1] ?? scale,
  };
}
