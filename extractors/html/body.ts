/**
 * Where the report is on a saved page. Government sites wrap it in navigation, breadcrumbs, share buttons,
 * related links and a footer (网站地图, 版权所有, 当前位置 …), which must not reach the text stream: a menu
 * entry can pass for a heading, and a footer's phone number for a table value.
 *
 * The report is recognised by its structure, not by the site's markup: the template tables (tables holding
 * 本年新收 / 信息内容 / 行政复议) and the section headings (一、总体情况 … 六、其他需要报告的事项). Their lowest
 * common ancestor is the report body. A report title printed just above the body, outside it (the CMS puts
 * it in a title bar above the article text), is read too, without the chrome between the two (来源, 时间,
 * font-size and share buttons). Without that structure, the common article containers of Chinese CMSs are
 * tried, then the whole <body>.
 */
import { labelKey } from '../../src/template/labelKey.js';
import { LEGACY_TITLES, SECTION_NUMERALS, SECTION_TITLES } from '../../src/sections/headings.js';
import { attr, isBlock, isElement, parentElement, plainText, walk, type Document, type Element } from './content.js';

export interface ReportRegion {
  /** Elements to lay out, in document order. */
  roots: Element[];
  /** How they were found: the report's own structure, a CMS article container, or nothing (the whole page). */
  found: 'structure' | 'container' | 'page';
}

/** Words only the template tables hold (表三, 表二, 表四). */
const TABLE_MARKERS = ['本年新收', '信息内容', '行政复议'];
const HEADING_KEYS = [...new Set([...SECTION_TITLES.flat(), ...LEGACY_TITLES])].map(labelKey);
/** A heading's text node is short; anything longer is a paragraph that mentions a section. */
const MAX_HEADING_TEXT = 60;
const TITLE_RE = /(?:19|20)\d{2}年.*信息公开.*年度报告/u;
const MAX_TITLE_KEY = 80;
/** Text allowed between a title found above the body and the body itself (来源, 时间, buttons), in visible characters. */
const MAX_TITLE_GAP = 1000;
/** Article containers of the CMSs in use (TRS, 大汉, 拓尔思, …), by class or id. */
const CONTAINER_RE = /trs_editor|trs_paper|custom_unionstyle|article|content|zoom|detail|xxgk_?con|view_?con|con_?text|news_?text|main_?text|textbox|pages?_content/i;

export function findReport(doc: Document, grids: ReadonlySet<Element>): ReportRegion {
  const body = findBody(doc);
  // Collected in document order. Every check below is linear in the page: hostile pages nest elements a
  // million deep, so nothing walks up a chain per text node or per anchor.
  const anchors: Element[] = [];
  /** Titles printed before the first anchor: the report's own title, if any, is the last of them. */
  const titles: Element[] = [];
  const blocks: Element[] = [body];
  const seen = new Set<Element>();
  walk(body, {
    enter(el) {
      if (grids.has(el)) {
        if (isTemplateTable(el)) anchors.push(el);
        return false; // a grid's cells are table text, not headings or titles
      }
      if (isBlock(el)) blocks.push(el);
    },
    leave(el) {
      if (isBlock(el)) blocks.pop();
    },
    text(node) {
      const text = node.value;
      if (text.length > 4 * MAX_HEADING_TEXT) return;
      const block = blocks.at(-1)!;
      if (seen.has(block)) return;
      const key = labelKey(text);
      if (key.length === 0) return;
      if (key.length <= MAX_HEADING_TEXT && HEADING_KEYS.some((h) => key.includes(h))) {
        seen.add(block);
        if (isHeading(block)) anchors.push(block);
      } else if (anchors.length === 0 && key.includes('年度报告')) {
        seen.add(block);
        if (isTitle(block)) titles.push(block);
      }
    },
  });

  const title = titles.at(-1);
  if (anchors.length >= 2) {
    // In document order, the common ancestor of a set of nodes is that of its first and last.
    let region = commonAncestor(anchors[0]!, anchors.at(-1)!);
    // Pages without a doctype parse in quirks mode, where <table> does not close an open <p>: the <p> of
    // 一、总体情况 then holds the tables after it, though the report goes on after that paragraph.
    if (region === anchors[0] && region.tagName === 'p') region = parentElement(region) ?? region;
    return { roots: withTitle(region, title), found: 'structure' };
  }
  const anchor = anchors[0] ?? title;
  const container = anchor && containerOf(anchor, body);
  if (container) return { roots: withTitle(container, title), found: 'container' };
  return { roots: [body], found: 'page' };
}

function findBody(doc: Document): Element {
  let html: Element | undefined;
  for (const n of doc.childNodes) if (isElement(n) && n.tagName === 'html') html = n;
  const body = html?.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'body');
  // parse5 always creates <html> and <body>, except for a <frameset> page.
  return body ?? html ?? (doc as unknown as Element);
}

/** The markers stand in a template table's first rows: its head is enough (an appendix table may be 20 MB). */
const TABLE_HEAD = 4000;

function isTemplateTable(table: Element): boolean {
  const key = labelKey(plainText(table, TABLE_HEAD));
  return TABLE_MARKERS.some((m) => key.includes(m));
}

/** A block that starts with a section numeral and a section title (一、总体情况). */
function isHeading(block: Element): boolean {
  const key = labelKey(plainText(block, 4 * MAX_HEADING_TEXT));
  const numeral = SECTION_NUMERALS.find((n) => key.startsWith(n));
  return numeral !== undefined && HEADING_KEYS.some((h) => key.startsWith(h, numeral.length));
}

/** A short block naming a year's 政府信息公开工作年度报告: the report's title line. */
function isTitle(block: Element): boolean {
  const key = labelKey(plainText(block, 2 * MAX_TITLE_KEY));
  return key.length <= MAX_TITLE_KEY && TITLE_RE.test(key);
}

function isInside(el: Element, region: Element): boolean {
  for (let e: Element | undefined = el; e; e = parentElement(e)) if (e === region) return true;
  return false;
}

function commonAncestor(a: Element, b: Element): Element {
  const chain = new Set<Element>();
  for (let e: Element | undefined = a; e; e = parentElement(e)) chain.add(e);
  let e: Element | undefined = b;
  while (e && !chain.has(e)) e = parentElement(e);
  return e ?? a;
}

/**
 * The region, preceded by the title line printed before it when the region does not hold that line itself
 * and the two share an ancestor with little other text (else the title belongs to something else on the
 * page, a side list of other years' reports).
 */
function withTitle(region: Element, title: Element | undefined): Element[] {
  if (!title || isInside(title, region)) return [region];
  if (isInside(region, title)) return [title];
  const gap = visibleLength(commonAncestor(title, region)) - visibleLength(region) - visibleLength(title);
  return gap <= MAX_TITLE_GAP ? [title, region] : [region];
}

/** Characters a reader sees: the indentation of the page source is no text. */
function visibleLength(el: Element): number {
  return plainText(el).replace(/\s+/g, '').length;
}

/** The innermost CMS article container around `el`, below <body>. */
function containerOf(el: Element, body: Element): Element | undefined {
  for (let e = parentElement(el); e && e !== body; e = parentElement(e)) {
    const name = `${attr(e, 'class') ?? ''} ${attr(e, 'id') ?? ''}`;
    if (CONTAINER_RE.test(name)) return e;
  }
  return undefined;
}
