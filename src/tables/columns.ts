/**
 * Placing values in columns by x-position (PDF, OCR): blank cells print nothing, so counting tokens
 * would shift every value after a blank. Column centres come from the header cells; failing that, from
 * the rows that print every value.
 */
import type { Box } from '../model/document.js';
import { spanAt, type TextStream } from '../layout/stream.js';
import { labelKey } from '../template/labelKey.js';

/** The box of a stretch of the stream, when it is exactly one item (the PDF extractor gives one item per word). */
export function boxOf(stream: TextStream, start: number, end: number): Box | undefined {
  const span = spanAt(stream, start);
  return span && span.start === start && span.end === end ? span.item.box : undefined;
}

const center = (b: Box) => (b[0] + b[2]) / 2;

/**
 * Centres of the named columns from header items between [from, to): for each label, the first item
 * whose text is that label or the first part of it (stacked headers print 商业 over 企业). Undefined
 * unless every column is found, left to right.
 */
export function headerCenters(stream: TextStream, from: number, to: number, labels: readonly string[]): number[] | undefined {
  // Two characters at least, so a word's wrapped end is not taken for another word's start; failing that,
  // single characters, for headers printed one character per line (商/业/企/业).
  return headerCentersOf(stream, from, to, labels, 2) ?? headerCentersOf(stream, from, to, labels, 1);
}

function headerCentersOf(stream: TextStream, from: number, to: number, labels: readonly string[], minChars: number) {
  const keys = labels.map(labelKey);
  const found: (number | undefined)[] = keys.map(() => undefined);
  for (const span of spansIn(stream, from, to)) {
    if (!span.item.box) continue;
    const k = labelKey(span.item.text);
    const i = keys.findIndex((key, j) => found[j] === undefined && k.length >= Math.min(minChars, key.length) && key.startsWith(k));
    if (i >= 0) found[i] = center(span.item.box);
  }
  if (found.some((c) => c === undefined)) return undefined;
  const centers = found as number[];
  return increasing(centers) ? centers : undefined;
}

/**
 * Centres from header fragments that may repeat (表四: 结果维持 … under three groups): every item that
 * starts one of the labels, clustered by x. Undefined unless exactly `count` clusters.
 */
export function fragmentCenters(
  stream: TextStream,
  from: number,
  to: number,
  labels: readonly string[],
  count: number,
): number[] | undefined {
  const keys = labels.map(labelKey);
  const fragments: { box: Box; chars: number }[] = [];
  for (const span of spansIn(stream, from, to)) {
    const box = span.item.box;
    if (!box) continue;
    const k = labelKey(span.item.text);
    if (k && keys.some((key) => key.startsWith(k))) fragments.push({ box, chars: k.length });
  }
  // The wrapped end of a word (尚未审 / 结) can itself start a label (结果维持): it sits under the wider
  // fragment it continues, so it is no column of its own.
  const within = (a: Box, b: Box) => a[0] >= b[0] - 0.5 && a[2] <= b[2] + 0.5;
  const xs = fragments
    .filter((f) => !fragments.some((g) => g.chars > f.chars && within(f.box, g.box)))
    .map(({ box, chars }) => ({ x: box[0], w: (box[2] - box[0]) / chars, mid: center(box) }));
  if (xs.length < count) return undefined;
  xs.sort((a, b) => a.x - b.x);
  // Items of one column start at the same x (stacked characters, 结果 over 维持); columns are a cell apart.
  const clusters: (typeof xs)[] = [];
  for (const v of xs) {
    const last = clusters.at(-1);
    if (last && v.x - last.at(-1)!.x < v.w * 0.6) last.push(v);
    else clusters.push([v]);
  }
  if (clusters.length !== count) return undefined;
  // The centre of the word's first line: cells centre their text, and layout text right-aligns values
  // under a centred word, so the word's middle is nearer its values than its first character.
  return clusters.map((c) => median(c.map((v) => v.mid)));
}

/** Centres from rows that print a value in every column (each row's boxes, position by position). */
export function centersFromFullRows(rows: (Box | undefined)[][], count: number): number[] | undefined {
  const full = rows.filter((r) => r.length === count && r.every(Boolean)) as Box[][];
  if (full.length === 0) return undefined;
  const centers = Array.from({ length: count }, (_, i) => median(full.map((r) => center(r[i]!))));
  return increasing(centers) ? centers : undefined;
}

/**
 * Which column each box falls in: the nearest centre, when it is nearer than half the gap to the
 * neighbouring column. Undefined when a box fits no column or two boxes claim one column.
 */
export function assignColumns(boxes: Box[], centers: number[]): number[] | undefined {
  const taken = new Set<number>();
  const out: number[] = [];
  for (const box of boxes) {
    const x = center(box);
    let best = -1;
    let bestD = Infinity;
    centers.forEach((c, i) => {
      const d = Math.abs(x - c);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    const gap = Math.min(
      best > 0 ? centers[best]! - centers[best - 1]! : Infinity,
      best < centers.length - 1 ? centers[best + 1]! - centers[best]! : Infinity,
    );
    const halfWidth = (box[2] - box[0]) / 2;
    if (best < 0 || taken.has(best) || bestD > Math.max(gap / 2, halfWidth)) return undefined;
    taken.add(best);
    out.push(best);
  }
  return out;
}

function* spansIn(stream: TextStream, from: number, to: number) {
  for (const span of stream.spans) {
    if (span.end <= from) continue;
    if (span.start >= to) break;
    yield span;
  }
}

function increasing(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x > xs[i - 1]!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
