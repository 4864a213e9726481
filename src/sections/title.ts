/**
 * Title, agency and reporting year. The title is the first "…N年(度)…政府信息公开工作年度报告" phrase; a crawled
 * page's `标题:` line wins when present. The year falls back to the stated statistics period.
 */
export interface TitleInfo {
  title: string | null;
  agency: string | null;
  year: number | null;
}

const TITLE_TAIL = '政府信息公开工作年度报告';
// Agency names are runs of CJK characters (and a few name characters); anything else ends them.
const NAME = '[\\u4e00-\\u9fff（）()·]{2,40}?';
const TITLE_RE = new RegExp(
  `(${NAME})?\\s*((?:19|20)\\d{2})\\s*年度?\\s*(${NAME})?\\s*(?:政府)?信息公开工作年度报告`,
  'u',
);
const PERIOD_RE = /统计(?:期限|时限|时间)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/u;
const LABELED_RE = /^\s*标题\s*[:：]\s*(.+?)\s*$/mu;

export function findTitle(text: string, limit: number, metaTitle?: string): TitleInfo {
  const head = text.slice(0, limit);
  const parsed = [LABELED_RE.exec(head)?.[1], ...titleLines(head), metaTitle]
    .filter((c): c is string => !!c)
    .map(parseTitle)
    .filter((t): t is TitleInfo => t !== undefined);
  // A title naming its agency beats one that does not (PDF titles often put the agency on a line of its own).
  const best = parsed.find((t) => t.agency) ?? parsed[0];
  if (best) return best;
  const period = PERIOD_RE.exec(text);
  return { title: null, agency: null, year: period ? Number(period[1]) : null };
}

/**
 * Lines holding the title phrase, in document order, each also joined to the line before it when that
 * line is short and all Chinese: the agency standing above "2023 年政府信息公开工作年度报告".
 */
function titleLines(head: string): string[] {
  const lines = head.split(/[\n\f]/).map((l) => l.trim());
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.includes('年度报告')) return;
    out.push(line);
    const prev = lines.slice(0, i).reverse().find((l) => l !== '');
    if (prev && prev.length <= 30 && /^[\u4e00-\u9fff（）()\s]+$/u.test(prev)) out.push(prev + line);
  });
  return out;
}

function parseTitle(line: string): TitleInfo | undefined {
  const m = TITLE_RE.exec(line.replace(/\s+/g, ''));
  if (!m) return undefined;
  // The agency stands before the year (平昌关镇2022年…) or after it (2023年淮安市人民政府…).
  // 政府 alone after the year is the start of 政府信息公开, not an agency.
  const after = m[3] === '政府' ? '' : m[3];
  const agency = (m[1] || after || '').replace(/^(关于|本)/u, '') || null;
  const title = m[0];
  return { title, agency, year: Number(m[2]) };
}

export { TITLE_TAIL };
