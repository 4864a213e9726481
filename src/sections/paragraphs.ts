/**
 * Rejoining a section's lines into paragraphs. PDF text breaks lines at the page margin, so a line break
 * is kept only where a paragraph plausibly ends (after 。！？：；) or a list item begins.
 */
const ENDS_PARAGRAPH = /[。！？：；!?:;]$/u;
const STARTS_ITEM = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\(\d+\)|\d+[.、．](?!\d)|第[一二三四五六七八九十]+)/u;
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

export function rejoinParagraphs(text: string): string {
  const lines = text
    .split(/[\n\f]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const paragraphs: string[] = [];
  // Parts of the paragraph being built, joined once: appending to one string and testing its end on every
  // line made long sections (an appendix table) quadratic.
  let parts: string[] = [];
  let last = '';
  for (const line of lines) {
    if (parts.length > 0 && (ENDS_PARAGRAPH.test(last) || STARTS_ITEM.test(line))) {
      paragraphs.push(parts.join(''));
      parts = [];
    }
    if (parts.length > 0) parts.push(CJK.test(last.at(-1)!) || CJK.test(line[0]!) ? '' : ' ');
    parts.push(line);
    last = line;
  }
  if (parts.length > 0) paragraphs.push(parts.join(''));
  return paragraphs.join('\n');
}
