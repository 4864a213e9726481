/**
 * Finds the six section headings in a stream, in order. Headings are matched by their known titles (with a
 * small edit distance for typos such as 行政法复议), so table rows like 四、结转下年度继续办理 never pass for 四、.
 */
import { labelKey } from '../template/labelKey.js';
import { boundedDistance } from '../text/distance.js';
import { LEGACY_TITLES, SECTION_NUMERALS, SECTION_TITLES } from './headings.js';

export interface Heading {
  number: number;
  /** Stream offsets of the heading text [start, end). */
  start: number;
  end: number;
  title: string;
}

const TITLE_KEYS = SECTION_TITLES.map((variants) => variants.map(labelKey));
const LEGACY_KEYS = LEGACY_TITLES.map(labelKey);

/** The template's six sections; failing that, a free-form report's sections by their usual titles. */
export function findHeadings(text: string): Heading[] {
  const modern = headingsBy(text, TITLE_KEYS);
  if (modern.length >= 4) return modern;
  const legacy = headingsBy(text, SECTION_NUMERALS.map(() => LEGACY_KEYS));
  return legacy.length > modern.length ? legacy : modern;
}

function headingsBy(text: string, titles: string[][]): Heading[] {
  const found: Heading[] = [];
  let from = 0;
  titles.forEach((variants, n) => {
    const h = findHeading(text, n, from, variants);
    if (!h) return;
    found.push(h);
    from = h.end;
  });
  return found;
}

function findHeading(text: string, n: number, from: number, variants: string[]): Heading | undefined {
  const re = new RegExp(`${SECTION_NUMERALS[n]}\\s*[、，,.．]\\s*`, 'gu');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const end = matchTitle(text, bodyStart, variants);
    if (end !== undefined) {
      return { number: n + 1, start: m.index, end, title: text.slice(m.index, end).replace(/\s+/g, '') };
    }
  }
  return undefined;
}

/** Stream end offset of a title variant starting at `at`, or undefined. */
function matchTitle(text: string, at: number, variants: string[]): number | undefined {
  // Collect enough key characters (with their offsets) to compare against the longest variant.
  const longest = Math.max(...variants.map((v) => v.length)) + 2;
  const keyChars: string[] = [];
  const ends: number[] = [];
  for (let i = at; i < text.length && keyChars.length < longest; i++) {
    const ch = text[i]!;
    if (ch === '\n' && keyChars.length === 0) break;
    const k = labelKey(ch);
    if (!k) continue;
    if (/\d/.test(ch) && keyChars.length === 0) return undefined;
    keyChars.push(k);
    ends.push(i + 1);
  }
  const key = keyChars.join('');
  let best: { end: number; d: number } | undefined;
  for (const v of variants) {
    const max = Math.floor(v.length / 8);
    for (const len of [v.length, v.length - 1, v.length + 1]) {
      if (len <= 0 || len > key.length) continue;
      const d = boundedDistance(key.slice(0, len), v, max);
      if (d <= max && (!best || d < best.d || (d === best.d && ends[len - 1]! > best.end))) {
        best = { end: ends[len - 1]!, d };
      }
    }
  }
  return best?.end;
}
