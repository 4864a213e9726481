/**
 * Plain-text renderings of a report, in three styles:
 *  - `spaced`: one table row per line, label then values separated by single spaces (pdftotext-like);
 *  - `layout`: values in fixed-width columns under their header words (pdftotext -layout), so a blank cell
 *    is blank space at its column; long labels and header words wrap onto further lines;
 *  - `crawled`: a crawled web page: a metadata header, then the whole body on one line with a table row's
 *    cells run together (`一、本年新收政府信息公开申请数量801000081`).
 * Spaced and crawled text cannot show where a blank stands; variant.ts uses them only without blanks.
 */
import { DISCLOSURE_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type TemplateId } from '../../src/template/templates.js';
import type { PCell, PrintedTables } from './cells.js';
import type { Prose } from './prose.js';
import type { GenRecord } from './record.js';
import { RESULTS_GROUP, t3ColumnLabels, t3Rows } from './tablerows.js';
import type { TextStyle } from './variant.js';

/** A table row as text: its label and printed cells. */
interface Line {
  label: string;
  cells: PCell[];
  /** Fields each cell spans (表二's one- and two-value blocks span the three value columns). */
  spans?: number[];
  /** Width of one field in the layout style (表二 may be wider than 表三). */
  field?: number;
}

/** A header cell over value fields [from, from + span); from = -1 is the label column. */
interface HeadCell {
  text: string;
  from: number;
  span: number;
}

type Block =
  | { kind: 'text'; text: string; table?: boolean }
  | { kind: 'row'; line: Line }
  /** Header lines of a table (each a list of cells); `field`: width of one value field in the layout style. */
  | { kind: 'head'; lines: HeadCell[][]; field?: number };

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u201c\u201d]/.test(ch) ? 2 : 1;
  return w;
}

const h = (text: string, from: number, span = 1): HeadCell => ({ text, from, span });

/** Spans of a 表二 block's value cells over three fields, as in the HTML table. */
function spansOf(n: number): number[] {
  return n === 1 ? [3] : n === 2 ? [1, 2] : [1, 1, 1];
}

function disclosureBlocks(template: TemplateId, t: PrintedTables, feeLabel: string, field: number): Block[] {
  const rows = DISCLOSURE_ROWS[template];
  const blocks: { caption: string; keys: string[] }[] = [
    { caption: '第二十条第（一）项', keys: ['regulations', 'normativeDocuments'] },
    { caption: '第二十条第（五）项', keys: template === 'gb2021' ? ['licensing'] : ['licensing', 'otherServices'] },
    { caption: '第二十条第（六）项', keys: ['penalties', 'coercion'] },
    { caption: '第二十条第（八）项', keys: ['fees'] },
    ...(template === 'gb2019' ? [{ caption: '第二十条第（九）项', keys: ['procurement'] }] : []),
  ];
  const out: Block[] = [];
  for (const b of blocks) {
    const first = rows.find((r) => r.key === b.keys[0])!;
    out.push({ kind: 'text', text: b.caption, table: true });
    const spans = spansOf(first.columns.length);
    const starts = spans.map((_, i) => spans.slice(0, i).reduce((a, b) => a + b, 0));
    out.push({
      kind: 'head',
      field,
      lines: [[h('信息内容', -1), ...first.columns.map((c, i) => h(c.key === 'amount' ? feeLabel : c.label, starts[i]!, spans[i]))]],
    });
    for (const k of b.keys) {
      const row = rows.find((r) => r.key === k)!;
      out.push({ kind: 'row', line: { label: row.label, cells: row.columns.map((c) => t.activeDisclosure[k]![c.key]!), spans, field } });
    }
  }
  return out;
}

function requestBlocks(form: GenRecord['form'], t: PrintedTables): Block[] {
  const labels = t3ColumnLabels(t.extraColumn !== null);
  const n = labels.length;
  const out: Block[] = [
    { kind: 'text', text: NOTE, table: true },
    {
      kind: 'head',
      lines: [
        [h('申请人情况', 0, n)],
        [h(labels[0]!, 0), h('法人或其他组织', 1, n - 2), h(labels[n - 1]!, n - 1)],
        labels.slice(1, -1).map((l, i) => h(l, i + 1)),
      ],
    },
  ];
  const rows = t3Rows(form, t);
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (row.inResults && !prev?.inResults) out.push({ kind: 'text', text: RESULTS_GROUP, table: true });
    const groupStart = row.group && prev?.group !== row.group;
    out.push({ kind: 'row', line: { label: groupStart ? `${row.group}${row.label}` : row.label, cells: row.cells } });
  });
  return out;
}

function reviewBlocks(t: PrintedTables): Block[] {
  const heads = (from: number) => REVIEW_COLUMNS.map((c, i) => h(c.label, from + i));
  const [review, direct, after] = REVIEW_GROUPS;
  return [
    {
      kind: 'head',
      lines: [
        [h(review.label, 0, 5), h('行政诉讼', 5, 10)],
        [...heads(0), h(direct.label, 5, 5), h(after.label, 10, 5)],
        [...heads(5), ...heads(10)],
      ],
    },
    { kind: 'row', line: { label: '', cells: REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => t.reviewLitigation[g.key]![c.key]!)) } },
  ];
}

function documentBlocks(r: GenRecord, t: PrintedTables, prose: Prose, feeLabel: string, t2Field: number): Block[] {
  const blocks: Block[] = [];
  const text = (s: string) => blocks.push({ kind: 'text', text: s });
  if (prose.preface) text(prose.preface);
  prose.sections.forEach((s, i) => {
    text(s.title);
    s.paragraphs.forEach(text);
    if (i === 1) blocks.push(...disclosureBlocks(r.template, t, feeLabel, t2Field));
    if (i === 2) blocks.push(...requestBlocks(r.form, t));
    if (i === 3) blocks.push(...reviewBlocks(t));
  });
  return blocks;
}

const LABEL_WIDTH = 40;
const CELL_WIDTH = 10;

/** Cuts a string into pieces of at most `width` display columns. */
function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (cur && displayWidth(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(1, w - displayWidth(s))) + s;

function rowText(line: Line, style: TextStyle): string[] {
  switch (style) {
    case 'spaced':
      return [[line.label, ...line.cells.map((c) => c.text)].filter((x) => x !== '').join(' ')];
    case 'crawled':
      return [line.label + line.cells.map((c) => c.text).join('')];
    case 'layout': {
      const pieces = wrap(line.label, LABEL_WIDTH - 2);
      const field = line.field ?? CELL_WIDTH;
      const spans = line.spans ?? line.cells.map(() => 1);
      // Spanned cells are centred in their span, single cells right-aligned; at least one space between values.
      const values = line.cells
        .map((c, i) => {
          const w = spans[i]! * field;
          if (spans[i] === 1) return padStart(c.text, w);
          const left = Math.max(1, Math.floor((w - displayWidth(c.text)) / 2));
          return padEnd(' '.repeat(left) + c.text, w);
        })
        .join('');
      return [`${padEnd(pieces[0]!, LABEL_WIDTH)}${values}`.replace(/\s+$/, ''), ...pieces.slice(1)];
    }
  }
}

/** Header lines in fixed-width columns: each word centred over its fields, wrapped to fit. */
function headLayout(lines: HeadCell[][], field = CELL_WIDTH): string[] {
  const out: string[] = [];
  for (const cells of lines) {
    const pieces = cells.map((c) => {
      const width = c.from < 0 ? LABEL_WIDTH - 2 : c.span * field - 2;
      return { c, width, parts: wrap(c.text, width) };
    });
    const height = Math.max(...pieces.map((p) => p.parts.length));
    for (let k = 0; k < height; k++) {
      let s = '';
      for (const { c, width, parts } of pieces) {
        const part = parts[k];
        if (!part) continue;
        const start = c.from < 0 ? 0 : LABEL_WIDTH + c.from * field + 1 + Math.floor((width - displayWidth(part)) / 2);
        s = padEnd(s, start) + part;
      }
      out.push(s.replace(/\s+$/, ''));
    }
  }
  return out;
}

export interface TextInput {
  record: GenRecord;
  tables: PrintedTables;
  prose: Prose;
  style: TextStyle;
  feeLabel: string;
  publishDate: string;
  /** Layout style: 表二's value fields are narrow (its header words wrap) rather than wide. */
  narrowDisclosure: boolean;
}

export function renderText(input: TextInput): string {
  const { record: r, style } = input;
  const blocks = documentBlocks(r, input.tables, input.prose, input.feeLabel, input.narrowDisclosure ? CELL_WIDTH : 16);
  if (style === 'crawled') {
    const isTable = (b: Block) => b.kind !== 'text' || b.table === true;
    let joined = r.title;
    blocks.forEach((b, i) => {
      const piece =
        b.kind === 'text' ? b.text : b.kind === 'head' ? b.lines.flatMap((l) => l.map((c) => c.text)).join('') : rowText(b.line, 'crawled')[0]!;
      const prev = blocks[i - 1];
      const together = (prev && isTable(prev) && isTable(b)) || (isTable(b) && /^第二十条|^（本列/.test(piece));
      joined += together ? piece : ` ${piece}`;
    });
    return [
      `标题: ${r.title}`,
      `发布时间: ${input.publishDate}`,
      `发布机构: ${r.office}`,
      `栏目: 政府信息公开年报`,
      '==================== 正文 ====================',
      joined,
      '',
    ].join('\n');
  }
  const lines: string[] = [r.title, ''];
  for (const b of blocks) {
    if (b.kind === 'text') lines.push(b.text);
    else if (b.kind === 'row') lines.push(...rowText(b.line, style));
    else if (style === 'layout') lines.push(...headLayout(b.lines, b.field));
    else lines.push(...b.lines.map((l) => l.map((c) => c.text).join(' ')));
  }
  return lines.join('\n') + '\n';
}
