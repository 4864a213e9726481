/**
 * The full report as HTML: title, preface, six sections of prose, and the three tables with the template's
 * exact labels (from src/template/templates.ts), laid out per the drawn Layout. The same HTML is saved as
 * the .html sample and printed to PDF.
 */
import {
  DISCLOSURE_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type DisclosureColumn,
  type TemplateId,
} from '../../src/template/templates.js';
import type { PCell, PrintedTables } from './cells.js';
import type { GroupLabelStyle, Layout } from './layout.js';
import type { Prose } from './prose.js';
import { RESULTS_GROUP, t3ColumnLabels, t3Rows, type T3Row } from './tablerows.js';
import type { GenRecord } from './record.js';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface HtmlInput {
  record: GenRecord;
  tables: PrintedTables;
  prose: Prose;
  layout: Layout;
  charset: 'utf-8' | 'gbk';
  /** Generator provenance written into a comment. */
  comment: string;
}

function cell(c: PCell, layout: Layout, tag = 'td'): string {
  const text = c.text === '' ? (layout.nbspBlanks ? '&nbsp;' : '') : esc(c.text);
  return `<${tag} class="n">${text}</${tag}>`;
}

/** Header words broken as pasted from Word: 社会<br>公益<br>组织. */
function headerWord(s: string, layout: Layout): string {
  if (!layout.headerBreaks || [...s].length < 4) return esc(s);
  const chars = [...s];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += 2) parts.push(chars.slice(i, i + 2).join(''));
  return parts.map(esc).join('<br>');
}

function groupLabel(s: string, style: GroupLabelStyle): string {
  switch (style) {
    case 'vertical':
      return `<div class="vert">${esc(s)}</div>`;
    case 'stacked':
      return [...s].map(esc).join('<br>');
    case 'horizontal':
      return esc(s);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 表二

function disclosureTable(template: TemplateId, t: PrintedTables, layout: Layout, feeLabel: string): string {
  const rows = DISCLOSURE_ROWS[template];
  const plain: Layout = { ...layout, headerBreaks: false };
  const cap = (s: string) => `<tr><td colspan="4" class="cap">${esc(s)}</td></tr>`;
  const header = (cols: DisclosureColumn[]) =>
    `<tr><td>信息内容</td>${cols
      .map((c, i) => `<td${spanOf(cols.length, i)}>${headerWord(c.key === 'amount' ? feeLabel : c.label, plain)}</td>`)
      .join('')}</tr>`;
  const spanOf = (n: number, i: number) => (n === 1 ? ' colspan="3"' : n === 2 && i === 1 ? ' colspan="2"' : '');
  const dataRow = (key: string, label: string, cols: DisclosureColumn[]) =>
    `<tr><td class="lab">${esc(label)}</td>${cols
      .map((c, i) => cell(t.activeDisclosure[key]![c.key]!, layout).replace('<td class="n">', `<td class="n"${spanOf(cols.length, i)}>`))
      .join('')}</tr>`;
  const blocks: { caption: string; keys: string[] }[] =
    template === 'gb2021'
      ? [
          { caption: '第二十条第（一）项', keys: ['regulations', 'normativeDocuments'] },
          { caption: '第二十条第（五）项', keys: ['licensing'] },
          { caption: '第二十条第（六）项', keys: ['penalties', 'coercion'] },
          { caption: '第二十条第（八）项', keys: ['fees'] },
        ]
      : [
          { caption: '第二十条第（一）项', keys: ['regulations', 'normativeDocuments'] },
          { caption: '第二十条第（五）项', keys: ['licensing', 'otherServices'] },
          { caption: '第二十条第（六）项', keys: ['penalties', 'coercion'] },
          { caption: '第二十条第（八）项', keys: ['fees'] },
          { caption: '第二十条第（九）项', keys: ['procurement'] },
        ];
  const lines: string[] = [];
  for (const b of blocks) {
    const first = rows.find((r) => r.key === b.keys[0])!;
    lines.push(cap(b.caption), header(first.columns));
    for (const k of b.keys) {
      const row = rows.find((r) => r.key === k)!;
      lines.push(dataRow(k, row.label, row.columns));
    }
  }
  return `<table class="t2">
<colgroup><col style="width:34%"><col style="width:22%"><col style="width:22%"><col style="width:22%"></colgroup>
${lines.join('\n')}
</table>`;
}

// ---------------------------------------------------------------------------------------------------------------
// 表三

interface T3Geometry {
  /** Label columns: [results group, sub-group, label] (rowspan layout) or [results group, label] (inline). */
  labelCols: number;
  colgroup: string;
}

/**
 * Column widths of 表三. Narrow value columns make header words wrap, but a number must still fit on one
 * line: the label share is capped so the widest printed value fits its column.
 */
function t3Geometry(layout: Layout, valueCols: number, widestValue: number): T3Geometry {
  const wanted = layout.narrowValues ? Math.max(layout.labelShare, 0.45) : layout.labelShare;
  const textWidthMm = 210 - layout.margins[1] - layout.margins[3];
  const neededMm = (widestValue * 0.56 + 0.5) * layout.tableSize * 0.3528 + 1.6;
  const a = layout.resultsLabel === 'horizontal' ? 7 : 4.5;
  const b = layout.groupLayout === 'rowspan' ? (layout.groupLabels === 'horizontal' ? 9 : 5) : 0;
  const share = Math.max(Math.min(wanted, 1 - (neededMm * valueCols) / textWidthMm), (a + b + 14) / 100);
  const c = share * 100 - a - b;
  const v = (100 - share * 100) / valueCols;
  const widths = [a, ...(b ? [b] : []), c, ...Array.from({ length: valueCols }, () => v)];
  return {
    labelCols: b ? 3 : 2,
    colgroup: `<colgroup>${widths.map((w) => `<col style="width:${w.toFixed(3)}%">`).join('')}</colgroup>`,
  };
}

function t3Header(layout: Layout, g: T3Geometry, extraColumn: boolean): string[] {
  const labels = t3ColumnLabels(extraColumn);
  const org = labels.slice(1, -1);
  const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  return [
    `<tr><td colspan="${g.labelCols}" rowspan="3" class="note">${esc(note)}</td><td colspan="${labels.length}">申请人情况</td></tr>`,
    `<tr><td rowspan="2">${headerWord(labels[0]!, layout)}</td><td colspan="${org.length}">法人或其他组织</td><td rowspan="2">${headerWord(labels[labels.length - 1]!, layout)}</td></tr>`,
    `<tr>${org.map((l) => `<td>${headerWord(l, layout)}</td>`).join('')}</tr>`,
  ];
}

/** Body rows [from, to) of 表三; rowspanned group cells are cut at the range's edges. */
function t3Body(rows: T3Row[], from: number, to: number, layout: Layout, g: T3Geometry, breakBefore: number | null): string[] {
  const part = rows.slice(from, to);
  const out: string[] = [];
  part.forEach((row, i) => {
    const abs = from + i;
    let head = '';
    if (!row.inResults) {
      head = `<td colspan="${g.labelCols}" class="lab">${esc(row.label)}</td>`;
    } else {
      const prev = part[i - 1];
      if (!prev || !prev.inResults) {
        const span = part.slice(i).findIndex((r) => !r.inResults);
        const n = span < 0 ? part.length - i : span;
        const isFirst = abs === 0 || !rows[abs - 1]!.inResults;
        const text = isFirst || layout.splitRepeatsGroupLabel ? groupLabel(RESULTS_GROUP, layout.resultsLabel) : '';
        head += `<td rowspan="${n}" class="grp">${text}</td>`;
      }
      if (!row.group) {
        head += `<td${g.labelCols === 3 ? ' colspan="2"' : ''} class="lab">${esc(row.label)}</td>`;
      } else if (g.labelCols === 3) {
        if (!prev || prev.group !== row.group) {
          let n = 0;
          while (i + n < part.length && part[i + n]!.group === row.group) n++;
          const isFirst = rows[abs - 1]?.group !== row.group;
          const text = isFirst || layout.splitRepeatsGroupLabel ? groupLabel(row.group, layout.groupLabels) : '';
          head += `<td rowspan="${n}" class="grp">${text}</td>`;
        }
        head += `<td class="lab">${esc(row.label)}</td>`;
      } else {
        const isFirst = rows[abs - 1]?.group !== row.group;
        head += `<td class="lab">${isFirst ? `${esc(row.group)}${layout.inlineBreak ? '<br>' : ''}` : ''}${esc(row.label)}</td>`;
      }
    }
    const style = breakBefore === abs ? ' style="break-before:page"' : '';
    out.push(`<tr${style}>${head}${row.cells.map((c) => cell(c, layout)).join('')}</tr>`);
  });
  return out;
}

function requestsTable(form: GenRecord['form'], t: PrintedTables, layout: Layout): string {
  const rows = t3Rows(form, t);
  const valueCols = rows[0]!.cells.length;
  const widest = Math.max(...rows.flatMap((r) => r.cells.map((c) => c.text.length)));
  const g = t3Geometry(layout, valueCols, widest);
  const header = t3Header(layout, g, t.extraColumn !== null);
  // With a repeated header, Chromium prints empty pages when a forced break cuts a rowspanned cell: break
  // before the results block (row 2) or before 四、结转下年度继续办理 only.
  const at = layout.t3Break === 'repeat-header' ? (layout.t3BreakAt === 2 ? 2 : rows.length - 1) : Math.min(layout.t3BreakAt, rows.length - 2);
  switch (layout.t3Break) {
    case 'natural':
      return `<table class="t3">\n${g.colgroup}\n${[...header, ...t3Body(rows, 0, rows.length, layout, g, null)].join('\n')}\n</table>`;
    case 'repeat-header':
      return `<table class="t3">\n${g.colgroup}\n<thead>\n${header.join('\n')}\n</thead>\n<tbody>\n${t3Body(rows, 0, rows.length, layout, g, at).join('\n')}\n</tbody>\n</table>`;
    case 'split-no-header':
      return [
        `<table class="t3">\n${g.colgroup}\n${[...header, ...t3Body(rows, 0, at, layout, g, null)].join('\n')}\n</table>`,
        `<table class="t3 cont" style="break-before:page">\n${g.colgroup}\n${t3Body(rows, at, rows.length, layout, g, null).join('\n')}\n</table>`,
      ].join('\n');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 表四

function reviewTable(t: PrintedTables, layout: Layout): string {
  const word = (s: string) =>
    layout.t4Headers === 'stacked' ? [...s].map(esc).join('<br>') : layout.t4Headers === 'vertical' ? `<div class="vert">${esc(s)}</div>` : esc(s);
  const heads = REVIEW_COLUMNS.map((c) => c.label);
  const th = (rowspan: number) => heads.map((h) => `<td${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}>${word(h)}</td>`).join('');
  const [review, direct, after] = REVIEW_GROUPS;
  const header = [
    `<tr><td colspan="5">${esc(review.label)}</td><td colspan="10">行政诉讼</td></tr>`,
    `<tr>${th(2)}<td colspan="5">${esc(direct.label)}</td><td colspan="5">${esc(after.label)}</td></tr>`,
    `<tr>${th(1)}${th(1)}</tr>`,
  ];
  const data = `<tr>${REVIEW_GROUPS.flatMap((gr) => REVIEW_COLUMNS.map((c) => cell(t.reviewLitigation[gr.key]![c.key]!, layout))).join('')}</tr>`;
  const colgroup = `<colgroup>${'<col style="width:6.6667%">'.repeat(15)}</colgroup>`;
  if (layout.t4SplitHeader) {
    return `<table class="t4">\n${colgroup}\n${header.join('\n')}\n</table>\n<table class="t4 cont" style="break-before:page">\n${colgroup}\n${data}\n</table>`;
  }
  return `<table class="t4">\n${colgroup}\n${header.join('\n')}\n${data}\n</table>`;
}

// ---------------------------------------------------------------------------------------------------------------

/** A font with TrueType fallbacks, so a glyph the font lacks never falls through to a CFF font (Type 3 in the PDF). */
function stack(family: string): string {
  return [family, 'WenQuanYi Zen Hei', 'AR PL UMing CN'].filter((f, i, xs) => xs.indexOf(f) === i).map((f) => `"${f}"`).join(', ');
}

/** WenQuanYi Zen Hei's vertical metrics make Chromium overlap vertical glyphs: vertical text uses a Ming face. */
function verticalStack(family: string): string {
  return family === 'WenQuanYi Zen Hei' ? '"AR PL UMing CN"' : `"${family}", "AR PL UMing CN"`;
}

function css(layout: Layout, title: string): string {
  const [mt, mr, mb, ml] = layout.margins;
  const pageNumber =
    layout.pageNumbers === 'none'
      ? ''
      : `@bottom-center { content: "${layout.pageNumbers === 'dash' ? '— ' : '-'}" counter(page) "${layout.pageNumbers === 'dash' ? ' —' : '-'}"; font-family: ${stack(layout.bodyFont)}; font-size: 10.5pt; }`;
  const running = layout.runningTitle ? `@top-center { content: "${title}"; font-family: ${stack(layout.bodyFont)}; font-size: 9pt; }` : '';
  return `@page { size: A4; margin: ${mt}mm ${mr}mm ${mb}mm ${ml}mm; ${pageNumber} ${running} }
html { font-family: ${stack(layout.bodyFont)}; font-size: ${layout.bodySize}pt; line-height: 1.6; color: #000; }
body { margin: 0; }
* { font-weight: normal; font-style: normal; }
h1 { font-family: ${stack(layout.headingFont)}; font-size: ${layout.titleSize}pt; text-align: center; margin: 0 0 16pt; line-height: 1.4; }
h2 { font-family: ${stack(layout.headingFont)}; font-size: ${layout.bodySize}pt; margin: 8pt 0 4pt; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-family: ${stack(layout.tableFont)}; font-size: ${layout.tableSize}pt; line-height: 1.3; table-layout: fixed; }
table.cont { margin-top: 0; }
td { border: 0.75pt solid #000; padding: 2pt 2pt; text-align: center; vertical-align: middle; overflow-wrap: anywhere; }
td.n { white-space: nowrap; overflow-wrap: normal; }
td.cap, td.lab { text-align: left; }
td.note { font-size: 0.9em; }
td.grp { padding: 2pt 1pt; }
div.vert { writing-mode: vertical-rl; display: inline-block; white-space: nowrap; letter-spacing: 0.1em; font-family: ${verticalStack(layout.tableFont)}; }
h2.newpage { break-before: page; }
table.t4 td { padding: 2pt 1pt; }`;
}

export function renderHtml(input: HtmlInput): string {
  const { record: r, tables, prose, layout } = input;
  const titleHtml = layout.titleBreak ? `${esc(r.agency)}<br>${esc(r.title.slice(r.agency.length))}` : esc(r.title);
  const feeLabel = r.feeDecimals === 4 && layout.feeLabelLong ? '本年收费金额（单位：万元，保留4位小数）' : '本年收费金额（单位：万元）';
  const p = (s: string) => `<p>${esc(s)}</p>`;
  const s = prose.sections;
  // A forced break inside a table whose header repeats must not fall right after a natural break (Chromium
  // would print a page holding only the repeated header): breaking before the results block, the section
  // starts a page.
  const newPage = (i: number) => i === 2 && layout.t3Break === 'repeat-header' && layout.t3BreakAt === 2;
  const section = (i: number, table: string) => `<h2${newPage(i) ? ' class="newpage"' : ''}>${esc(s[i]!.title)}</h2>\n${s[i]!.paragraphs.map(p).join('\n')}${table ? `\n${table}` : ''}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="${input.charset === 'gbk' ? 'gbk' : 'utf-8'}">
<title>${esc(r.title)}</title>
<!-- ${esc(input.comment)} -->
<style>
${css(layout, r.title)}
</style>
</head>
<body>
<h1>${titleHtml}</h1>
${prose.preface ? p(prose.preface) : ''}
${section(0, '')}
${section(1, disclosureTable(r.template, tables, layout, feeLabel))}
${section(2, requestsTable(r.form, tables, layout))}
${section(3, reviewTable(tables, layout))}
${section(4, '')}
${section(5, '')}
</body>
</html>
`;
}
