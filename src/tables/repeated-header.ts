/**
 * A table broken across pages often prints its header again at the top of the next page, sometimes in
 * the middle of a wrapped row label (…行政机关不 | header | 再处理其政府信息公开申请). Label matching runs on
 * a key view with those repeats taken out, so the label reads as one and no header word (其他, 总计) is
 * taken for a row.
 */
import { findKey, keyIndexAt, type Keyed } from '../layout/keyed.js';

/** Key characters shorter than this are too common to be a header. */
const MIN_HEADER_KEY = 8;
/** How far a repeat's length may stray from the header's, in key characters. */
const SLACK = 4;
/** The header's last characters, which a repeat must end with. */
const LAST_WORD = 2;

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

  // A repeat is found by its first words and ends where the header's last word ends, give or take a few
  // characters: a scanned repeat may misread a word or two (商业企业 as j业企), never its length much.
  const lastWord = tail.slice(-LAST_WORD);
  const cuts: [number, number][] = [];
  let at = header.end;
  for (;;) {
    const hit = findKey(keyed, core, at, to);
    if (!hit) break;
    const expected = hit.kStart + tail.length;
    const endAt = [0, ...Array.from({ length: SLACK }, (_, i) => [i + 1, -(i + 1)]).flat()]
      .map((d) => expected + d)
      .find((e) => keyed.key.slice(e - lastWord.length, e) === lastWord && e <= keyed.key.length);
    at = hit.end;
    if (endAt === undefined) continue;
    const leadStart = hit.kStart - lead.length;
    const from = lead && leadStart >= kEnd && keyed.key.slice(leadStart, hit.kStart) === lead ? leadStart : hit.kStart;
    cuts.push([from, endAt]);
    at = keyed.pos[endAt - 1]! + 1;
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
