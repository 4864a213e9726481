/**
 * OCR text made to look like printed text: tesseract's chi_sim puts a space between Chinese characters (it
 * segments words by spaces); numbers keep their digits only; label cells snap to the template's labels when
 * they are a near miss, since table builders find rows and columns by those labels.
 */
import { labelKey } from '../../src/template/labelKey.js';
import {
  DISCLOSURE_ROWS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  RESULTS_GROUP,
  SPANNING_LABELS,
  TEMPLATE_MARKERS,
  requestRows,
} from '../../src/template/templates.js';
import { boundedDistance } from '../../src/text/distance.js';

const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]/u;

/** Spaces removed next to Chinese characters and full-width punctuation; runs of spaces become one. */
export function joinCjk(text: string): string {
  const t = text.replace(/[ \t]+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === ' ') {
      const prev = out.at(-1) ?? '';
      const next = t[i + 1] ?? '';
      if (WIDE.test(prev) || WIDE.test(next)) continue;
    }
    out += ch;
  }
  return out;
}

/**
 * A table cell's Chinese word without the Latin marks tesseract reads inside it: a word printed one character
 * per line in a narrow header cell (总 / 计) comes back as 总/\计 or 总YA计, and its slash would read as a value.
 * Only runs of up to three such marks with Chinese on both sides go.
 */
export function dropStrayMarks(text: string): string {
  return text.replace(/(\p{Script=Han})[A-Za-z/\\|]{1,3}(?=\p{Script=Han})/gu, '$1');
}

/** Brackets OCR reads in many shapes, folded to the ones the template prints. */
const BRACKETS: Record<string, string> = { '〈': '（', '《': '（', '「': '（', '[': '（', '〔': '（', '【': '（', '〉': '）', '》': '）', '」': '）', ']': '）', '〕': '）', '】': '）' };

export function foldBrackets(text: string): string {
  return text.replace(/[〈《「[〔【〉》」\]〕】]/g, (c) => BRACKETS[c] ?? c);
}

/** A numeric cell's reading: digits, one decimal point, grouping commas, a leading minus. */
export function cleanNumber(text: string): string {
  return text.replace(/\s+/g, '').replace(/^[.,]+|[.,]+$/g, '');
}

export const NUMBER_TEXT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Everything a table cell of the national template may print as a label or header. */
function vocabulary(): string[] {
  const words = new Set<string>([
    RESULTS_GROUP,
    ...SPANNING_LABELS,
    ...REQUEST_COLUMNS.map((c) => c.label),
    ...REVIEW_COLUMNS.map((c) => c.label),
    ...REVIEW_GROUPS.map((g) => g.label),
    ...Object.values(TEMPLATE_MARKERS).flat(),
    '行政复议',
    '行政诉讼',
    '申请人情况',
    '法人或其他组织',
    '信息内容',
    '本年处理决定数量',
    '本年收费金额（单位：万元）',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '第二十条第（一）项',
    '第二十条第（五）项',
    '第二十条第（六）项',
    '第二十条第（八）项',
    '第二十条第（九）项',
    '第二十条第（十）项',
  ]);
  for (const form of ['split', 'single'] as const) {
    for (const row of requestRows(form)) {
      words.add(row.label);
      if (row.group) words.add(row.group);
    }
  }
  for (const rows of Object.values(DISCLOSURE_ROWS)) {
    for (const row of rows) {
      words.add(row.label);
      for (const a of row.aliases ?? []) words.add(a);
      for (const c of row.columns) words.add(c.label);
    }
  }
  return [...words];
}

let vocab: { word: string; key: string }[] | undefined;

/** Whether the text is one of the template's labels or headers (by label key). */
export function isLabel(text: string): boolean {
  vocab ??= vocabulary().map((word) => ({ word, key: labelKey(word) }));
  const key = labelKey(foldBrackets(text));
  return key !== '' && vocab.some((v) => v.key === key);
}

/**
 * The template label a cell's text is a near miss of (edit distance within a quarter of its length, and
 * closer than any other label), else the text as read. Returns whether it snapped.
 *
 * `wrapped`: the cell holds several lines of print. Tesseract sometimes drops one of them (6.属于四类过程性 /
 * 信息 read as 6.属全四类过程性), so the reading may also be a near miss of a label's beginning, if it is
 * at least half of that label and closer to it than to any other label or beginning.
 */
export function snapLabel(text: string, { wrapped = false }: { wrapped?: boolean } = {}): { text: string; snapped: boolean } {
  vocab ??= vocabulary().map((word) => ({ word, key: labelKey(word) }));
  const key = labelKey(foldBrackets(text));
  if (key.length < 2) return { text, snapped: false };
  const whole = nearest(key, (v) => v.key);
  if (whole) return { text: whole, snapped: whole !== text };
  const start = wrapped ? nearest(key, (v) => (v.key.length > key.length && key.length * 2 >= v.key.length ? v.key.slice(0, key.length) : undefined)) : undefined;
  return start ? { text: start, snapped: true } : { text, snapped: false };
}

/** The word whose compared form (`form`; undefined skips the word) is uniquely nearest to `key`, within a quarter of its length. */
function nearest(key: string, form: (v: { word: string; key: string }) => string | undefined): string | undefined {
  let best: { word: string; d: number } | undefined;
  let second = Infinity;
  for (const v of vocab!) {
    const f = form(v);
    if (f === undefined) continue;
    if (f === key) return v.word;
    const max = Math.floor(f.length / 4);
    if (max === 0) continue;
    const d = boundedDistance(key, f, max);
    if (d > max) continue;
    if (!best || d < best.d) {
      second = best?.d ?? second;
      best = { word: v.word, d };
    } else second = Math.min(second, d);
  }
  return best && best.d < second ? best.word : undefined;
}
