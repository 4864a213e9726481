/**
 * HTML input (saved report pages; also the DOCX extractor, which converts to HTML first) as a
 * PositionedDocument: the report found inside the site's chrome, its prose as lines, its tables as grids of
 * positioned cells (see html/layout.ts for the coordinate scheme). One page: HTML has no pages.
 *
 *   html/charset.ts  bytes → string (BOM, declared charset, content)
 *   html/parse.ts    parse5, with a bound on the tree
 *   html/content.ts  what is content; the one tree walk
 *   html/text.ts     rendered text: whitespace, line breaks, CJK joining
 *   html/grid.ts     tables → grids (rowspan/colspan)
 *   html/body.ts     where the report is on the page
 *   html/layout.ts   region → lines and items
 */
import { createHash } from 'node:crypto';

import type { PositionedDocument, Source } from '../src/model/document.js';
import { InputError } from '../src/errors.js';
import { decodeHtml } from './html/charset.js';
import { walk, type Document } from './html/content.js';
import { classifyTables } from './html/grid.js';
import { findReport } from './html/body.js';
import { layOut } from './html/layout.js';
import { parseHtml } from './html/parse.js';
import { collapse } from './html/text.js';

export function extractHtml(bytes: Uint8Array, path: string): PositionedDocument {
  if (bytes.length === 0) throw new InputError('empty file');
  const { text, encoding, warnings } = decodeHtml(bytes);
  const doc = documentFromHtml(text, {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: 'text/html',
    extractor: 'html',
    encoding,
  });
  doc.warnings.unshift(...warnings);
  return doc;
}

/** A page or fragment already decoded; `source` is the caller's (DOCX passes its own). */
export function documentFromHtml(html: string, source: Source): PositionedDocument {
  const dom = parseHtml(html);
  const grids = classifyTables(dom);
  const region = findReport(dom, grids);
  const { lines, warnings } = layOut(region.roots, grids);
  if (region.found === 'page' && lines.length > 0) {
    warnings.unshift({
      code: 'HTML_REPORT_NOT_LOCATED',
      message: 'no report tables, section headings or article container found: the whole page was read, site navigation included',
    });
  }
  if (lines.length === 0) warnings.unshift({ code: 'HTML_NO_TEXT', message: 'the page holds no visible text' });
  const metaTitle = titleOf(dom);
  return {
    source,
    ...(metaTitle ? { metaTitle } : {}),
    pages: [{ number: 1, lines }],
    warnings,
  };
}

function titleOf(dom: Document): string | undefined {
  let title: string | undefined;
  walk(dom, {
    enter(el) {
      if (title !== undefined) return false;
      if (el.tagName !== 'title') return;
      title = collapse(el.childNodes.map((n) => ('value' in n ? n.value : '')).join(''));
      return false;
    },
  });
  return title || undefined;
}
