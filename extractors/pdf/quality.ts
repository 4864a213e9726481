/**
 * Whether a page's text layer can be trusted (report-format.md §8): private-use code points (方正 vendor
 * orderings), U+FFFD and Latin-1 mojibake mean the text is garbage and the page must be OCRed; a table
 * caption with no numbers under it, on a page that paints a large image, means the table is a picture.
 */
import type { PdfItem } from './items.js';

/** Private-use (BMP and planes 15–16) and the replacement character. */
const UNMAPPED = /[\uE000-\uF8FF\uFFFD\u{F0000}-\u{10FFFF}]/gu;
/**
 * GBK bytes read as Latin-1 or cp1252: runs of such characters with at least one letter from U+00C0–U+00FF
 * ("ÄÚÈÝ³É¹û"). The cp1252 extras (‡ „ ˜ “ …) count only inside a run, where no Chinese text puts them.
 */
const MOJIBAKE_RUN = /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u03BC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]{2,}/g;

/** Above either share, a page's text is unusable: a stray symbol font glyph or two is not. */
const MAX_BAD_SHARE = 0.05;
const MAX_BAD_CHARS = 10;

export interface TextVerdict {
  usable: boolean;
  /** Why not, for the warning. */
  reason?: string;
}

export function judgeText(items: PdfItem[]): TextVerdict {
  let total = 0;
  let unmapped = 0;
  let mojibake = 0;
  for (const { text } of items) {
    total += text.replace(/\s+/g, '').length;
    unmapped += text.match(UNMAPPED)?.length ?? 0;
    for (const run of text.match(MOJIBAKE_RUN) ?? []) if (/[\u00C0-\u00FF]/.test(run)) mojibake += run.length;
  }
  if (total === 0) return { usable: false, reason: 'no text' };
  const bad = unmapped + mojibake;
  if (bad <= MAX_BAD_CHARS && bad <= MAX_BAD_SHARE * total) return { usable: true };
  const what = unmapped >= mojibake ? 'private-use or unmapped characters' : 'Latin-1 mojibake in place of Chinese';
  return { usable: false, reason: `${bad} of ${total} characters are ${what}` };
}

/** Titles of the template's tables (and 表二's row groups, printed as captions on their own). */
const CAPTIONS = [
  '收到和处理政府信息公开申请情况',
  '主动公开政府信息情况',
  '行政复议、行政诉讼情况',
  '行政复议行政诉讼情况',
  '第二十条第',
];

export interface BareCaption {
  caption: string;
  /** The lowest edge of the caption's line: a table image would be below it. */
  bottom: number;
}

/** The first caption on the page whose stretch (down to the next caption) prints no digit at all. */
export function captionWithoutNumbers(lines: PdfItem[][]): BareCaption | undefined {
  const lowest = (line: PdfItem[]) => Math.min(...line.map((i) => i.box[1]));
  const captions: { index: number; caption: string; top: number }[] = [];
  lines.forEach((line, index) => {
    const text = line.map((i) => i.text).join('').normalize('NFKC').replace(/\s+/g, '');
    const caption = CAPTIONS.find((c) => text.includes(c));
    if (caption) captions.push({ index, caption, top: lowest(line) });
  });
  // Top to bottom by position: each caption's stretch ends at the next caption below it.
  captions.sort((a, b) => b.top - a.top || a.index - b.index);
  for (const [k, { caption, top }] of captions.entries()) {
    const bottom = captions[k + 1]?.top ?? -Infinity;
    const below = lines
      .filter((_, i) => !captions.some((c) => c.index === i))
      .flatMap((line) => line.filter((item) => item.baseline < top && item.baseline > bottom));
    // A title straight above a sub-caption (二、主动公开政府信息情况 over 第二十条第（一）项) has no stretch of its own.
    if (below.length === 0 && k + 1 < captions.length) continue;
    if (!below.some((item) => /\d/.test(item.text.normalize('NFKC')))) return { caption, bottom: top };
  }
  return undefined;
}
