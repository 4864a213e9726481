/**
 * What in a parsed page is content, and a walk over it. Every traversal of the tree goes through `walk`,
 * which uses an explicit stack: pages with unclosed tags nest tens of thousands of elements deep, and a
 * recursive walk would overflow the call stack on them.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';

export type Node = DefaultTreeAdapterTypes.Node;
export type ParentNode = DefaultTreeAdapterTypes.ParentNode;
export type Element = DefaultTreeAdapterTypes.Element;
export type TextNode = DefaultTreeAdapterTypes.TextNode;
export type Document = DefaultTreeAdapterTypes.Document;

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function isText(node: Node): node is TextNode {
  return node.nodeName === '#text';
}

export function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

export function children(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

export function parentElement(node: Node): Element | undefined {
  const p = 'parentNode' in node ? node.parentNode : null;
  return p && isElement(p) ? p : undefined;
}

/**
 * Never report text: code, styling, controls and embedded objects. <template> content is inert; <noscript>
 * holds the fallback of a script that ran in the browser that saved the page. (<head> is never laid out:
 * the report is looked for inside <body>, and the charset prescan needs the head's <meta>.)
 */
const NOT_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'select',
  'button',
  'textarea',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** Text a reader of the page sees: not a skipped element, not hidden by an attribute or inline style. */
export function isContent(el: Element): boolean {
  if (NOT_CONTENT.has(el.tagName)) return false;
  if (attr(el, 'hidden') !== undefined) return false;
  const style = attr(el, 'style');
  return !(style && HIDDEN_STYLE.test(style));
}

/** Elements that start a new line when rendered. Everything else (span, font, a, b, …) flows inline. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

export function isBlock(el: Element): boolean {
  return BLOCK.has(el.tagName);
}

export interface Visitor {
  /** Called on entering a content element; return false to skip its children (and its `leave`). */
  enter?(el: Element): boolean | void;
  leave?(el: Element): void;
  text?(node: TextNode): void;
}

/** Depth-first, in document order, over the content below `root` (not `root` itself); comments are skipped. */
export function walk(root: Node, visitor: Visitor): void {
  // Parallel stacks (a node, and whether its children are done) rather than an object per entry: this walk
  // runs over every node of multi-megabyte pages, while the parse5 tree keeps the heap large.
  const nodes: Node[] = [];
  const leaving: boolean[] = [];
  const pushChildren = (node: Node) => {
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]!);
      leaving.push(false);
    }
  };
  pushChildren(root);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const done = leaving.pop()!;
    if (isText(node)) {
      visitor.text?.(node);
      continue;
    }
    if (!isElement(node)) continue;
    if (done) {
      visitor.leave?.(node);
      continue;
    }
    if (!isContent(node)) continue;
    if (visitor.enter?.(node) === false) continue;
    nodes.push(node);
    leaving.push(true);
    pushChildren(node);
  }
}

/**
 * The text below `el` run together, without layout: for finding words (table markers, headings) and
 * measuring. Stops once `limit` characters are collected, so probing a large block stays cheap.
 */
export function plainText(el: Node, limit = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  walk(el, {
    enter: () => length < limit,
    text(node) {
      if (length >= limit) return;
      parts.push(node.value);
      length += node.value.length;
    },
  });
  return parts.join('');
}
