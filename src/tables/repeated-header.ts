/**
 * A table broken across pages often prints its header again at the top of the next page, sometimes in
 * the middle of a wrapped row label (…行政机关不 | header | 再处理其政府信息公开申请). Label matching runs on
 * a key view with those repeats taken out, so the label reads as one and no header word (其他, 总计) is
 * taken for a row.
 */
import { findKey, keyIndexAt, type Keyed } from '../layout/keyed.js';

/** Key characters shorter than this are too common to be a header. */
const MIN_HEADER_KEY = 8;

/**
 * `header`: stream offsets [start, end) of the header as first printed. `core`: the first of these words
 * must start a repeat (a repeat may leave out what comes before them, such as a note cell).
 */
export function withoutRepeatedHeader(keyed: Keyed, header: { start: number; end: number }, core: string, to: number): Keyed {
  const kStart = keyIndexAt(keyed, header.start);
  const kEnd = keyIndexAt(keyed, header.end);
  const full = keyed.key.slice(kStart, kEnd);
  const coreAt = full.indexOf(core);
  if (coreAt < 0 || full.length - coreAt < MIN_HEADER_KEY) return keyed;
  const tail = full.slice(coreAt);
  const lead = full.slice(0, coreAt);

  const cuts: [number, number][] = [];
  let at = header.end;
  for (;;) {
    const hit = findKey(keyed, tail, at, to);
    if (!hit) break;
    const leadStart = hit.kStart - lead.length;
    const from = lead && leadStart >= kEnd && keyed.key.slice(leadStart, hit.kStart) === lead ? leadStart : hit.kStart;
    cuts.push([from, hit.kEnd]);
    at = hit.end;
  }
  if (cuts.length === 0) return keyed;

  const keep: string[] = [];
  const pos: number[] = [];
  let k = 0;
  for (const [a, b] of [...cuts, [keyed.key.length, keyed.key.length] as [number, number]]) {
    keep.push(keyed.key.slice(k, a));
    for (let i = k; i < a; i++) pos.push(keyed.pos[i]!);
    k = b;
  }
  pos.push(keyed.pos[keyed.key.length]!);
  return { key: keep.join(''), pos: Int32Array.from(pos) };
}
