/**
 * The label-key view of a stream: whitespace and list punctuation dropped (see labelKey), with a map from
 * each key character back to its stream offset, so a label found in the key is found in the text.
 */
import { isKeyNoise } from '../template/labelKey.js';

export interface Keyed {
  key: string;
  /** pos[i] = stream offset of key character i; pos[key.length] = text length. */
  pos: Int32Array;
}

export function keyStream(text: string, alsoDrop?: (ch: string) => boolean): Keyed {
  const chars: string[] = [];
  const pos = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isKeyNoise(ch) || alsoDrop?.(ch)) continue;
    chars.push(ch);
    pos[n++] = i;
  }
  pos[n] = text.length;
  return { key: chars.join(''), pos: pos.slice(0, n + 1) };
}

/** Key index of the first key character at or after stream offset `offset`. */
export function keyIndexAt(keyed: Keyed, offset: number): number {
  const { pos } = keyed;
  let lo = 0;
  let hi = pos.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Found {
  /** Stream offsets [start, end). */
  start: number;
  end: number;
  /** Key indexes [kStart, kEnd). */
  kStart: number;
  kEnd: number;
}

/** Find `needleKey` in the key between stream offsets [from, to). */
export function findKey(keyed: Keyed, needleKey: string, from: number, to = Infinity): Found | undefined {
  if (!needleKey) return undefined;
  const k = keyed.key.indexOf(needleKey, keyIndexAt(keyed, from));
  if (k < 0) return undefined;
  const kEnd = k + needleKey.length;
  const end = keyed.pos[kEnd - 1]! + 1;
  if (end > to) return undefined;
  return { start: keyed.pos[k]!, end, kStart: k, kEnd };
}
