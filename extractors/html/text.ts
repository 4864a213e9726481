/**
 * Rendered text of HTML: whitespace collapsed as a browser does, and line breaks (<br>, block boundaries,
 * newlines in <pre>) kept as breaks between runs. Prose turns each run into a line; a table cell joins its
 * runs into one string, because a header printed as 结果<br>纠正 is the one label 结果纠正.
 */
import { children, isBlock, isContent, isElement, isText, walk, type Element, type Node } from './content.js';

/** Characters a page holds but nobody sees: zero-width spaces and joiners, soft hyphens. */
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad]/g;
/** Includes &nbsp; (U+00A0), the ideographic space U+3000 and U+FEFF, which pasted Word tables are full of. */
const WHITESPACE = /\s+/g;

export function collapse(s: string): string {
  return s.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** Ideographs, CJK and fullwidth punctuation, and the quotes/dashes Chinese text uses: no space between these. */
const CJK_START = /^(?:[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026]|[\u{20000}-\u{3ffff}])/u;
const CJK_END = /(?:[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026]|[\u{20000}-\u{3ffff}])$/u;

/**
 * Runs broken across lines, as one string: without a space where both sides are CJK (a wrapped Chinese word
 * is one word: 社会公益<br>组织), with one space otherwise (a number or a Latin word stays separate).
 */
export function joinRuns(runs: readonly string[]): string {
  let out = '';
  for (const run of runs) {
    // Only the tail is tested: an anchored regex over the whole joined string would make long cells quadratic.
    if (out && !(CJK_END.test(out.slice(-2)) && CJK_START.test(run))) out += ' ';
    out += run;
  }
  return out;
}

/** Text pieces in document order, cut into runs at breaks; each finished run goes to `emit`, collapsed. */
export class Runs {
  private pieces: string[] = [];

  constructor(private readonly emit: (run: string) => void) {}

  add(text: string): void {
    this.pieces.push(text);
  }

  /** End the current run; an empty one (only whitespace) is dropped. */
  break(): void {
    if (this.pieces.length === 0) return;
    const run = collapse(this.pieces.join(''));
    this.pieces = [];
    if (run) this.emit(run);
  }
}

const PREFORMATTED = new Set(['pre', 'listing', 'xmp']);

/**
 * Feeds the text below `root` into `runs`, breaking at <br>, <hr>, block boundaries and <pre> newlines.
 * `intercept` may take over an element (the layout takes over grid tables); it is called on entering each
 * element and returns true when it did.
 */
export function feedRuns(root: Element, runs: Runs, intercept?: (el: Element) => boolean): void {
  let pre = 0;
  walk(root, {
    enter(el) {
      if (el.tagName === 'br' || el.tagName === 'hr') {
        runs.break();
        return false;
      }
      if (isBlock(el)) runs.break();
      if (intercept?.(el)) return false;
      if (PREFORMATTED.has(el.tagName)) pre++;
    },
    leave(el) {
      if (PREFORMATTED.has(el.tagName)) pre--;
      if (isBlock(el)) runs.break();
    },
    text(node) {
      if (pre === 0) {
        runs.add(node.value);
        return;
      }
      // Preformatted text keeps its line breaks.
      node.value.split(/\r\n?|\n/).forEach((line, i) => {
        if (i > 0) runs.break();
        runs.add(line);
      });
    },
  });
  runs.break();
}

/** A table cell's text: its runs joined by the CJK rule. Empty for a cell of only whitespace or &nbsp;. */
export function cellText(cell: Element): string {
  const single = soleText(cell);
  if (single !== undefined) return collapse(single);
  const runs: string[] = [];
  feedRuns(cell, new Runs((r) => runs.push(r)));
  return joinRuns(runs);
}

/**
 * The text of a cell that is one chain of single children ending in text (<td><p><span>12</span></p></td>,
 * what pasted Word tables are made of): no breaks to handle, so no walk. Undefined for any other shape.
 */
function soleText(cell: Element): string | undefined {
  let node: Node = cell;
  for (;;) {
    const kids = children(node);
    if (kids.length === 0) return '';
    if (kids.length > 1) return undefined;
    node = kids[0]!;
    if (isText(node)) return node.value;
    if (!isElement(node) || !isContent(node) || node.tagName === 'br' || node.tagName === 'hr' || PREFORMATTED.has(node.tagName)) {
      return undefined;
    }
  }
}
