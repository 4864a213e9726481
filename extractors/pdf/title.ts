/**
 * The PDF Info Title as a fallback document title, unless it is what a word processor fills in by itself
 * (a file name, "Microsoft Word - 文档1.docx", "Untitled").
 */

const WORD_PREFIX = /^(?:Microsoft\s+(?:Word|PowerPoint|Excel)\s*-\s*|WPS\s*文字\s*-\s*)/i;
const EXTENSION = /\.(?:docx?|wps|rtf|pdf|xlsx?|pptx?|txt|html?)$/i;
const GENERIC = /^(?:untitled|无标题|未命名|document\d*|文档\d*|新建.*文档\d*|slide\s*\d*|powerpoint presentation|print|title|标题|\d+)$/i;

export function metaTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // Titles are short: control characters and doubled spaces are encoding debris.
  const title = raw
    .replace(/[\u0000-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(WORD_PREFIX, '')
    .replace(EXTENSION, '')
    .trim();
  if (title.length < 2 || GENERIC.test(title) || !/[\p{L}\p{N}]/u.test(title)) return undefined;
  return title;
}
