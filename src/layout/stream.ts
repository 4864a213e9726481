/**
 * A document's text as one string, with every character traceable to its item (page, box, source offset).
 * Label matching and value reading work on this string; provenance is looked up through the spans.
 */
import type { Item, Page } from '../model/document.js';

export interface Span {
  start: number;
  end: number;
  page: number;
  item: Item;
}

export interface TextStream {
  text: string;
  spans: Span[];
}

/** Items of a line are joined by a space, lines by a newline, pages by a form feed. */
export function buildStream(pages: Page[]): TextStream {
  const parts: string[] = [];
  const spans: Span[] = [];
  let at = 0;
  const push = (s: string) => {
    parts.push(s);
    at += s.length;
  };
  pages.forEach((page, pi) => {
    if (pi > 0) push('\f');
    page.lines.forEach((line, li) => {
      if (li > 0) push('\n');
      line.items.forEach((item, ii) => {
        if (ii > 0) push(' ');
        spans.push({ start: at, end: at + item.text.length, page: page.number, item });
        push(item.text);
      });
    });
  });
  return { text: parts.join(''), spans };
}

/** The span holding the character at `offset`, by binary search. */
export function spanAt(stream: TextStream, offset: number): Span | undefined {
  const { spans } = stream;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
