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
  let cur = '';
  for (const line of lines) {
    if (cur === '') cur = line;
    else if (ENDS_PARAGRAPH.test(cur) || STARTS_ITEM.test(line)) {
      paragraphs.push(cur);
      cur = line;
    } else {
      const glue = CJK.test(cur.at(-1)!) || CJK.test(line[0]!) ? '' : ' ';
      cur += glue + line;
    }
  }
  if (cur) paragraphs.push(cur);
  return paragraphs.join('\n');
}
