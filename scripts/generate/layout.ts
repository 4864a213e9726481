/**
 * How a report looks, drawn per report: fonts, sizes, column widths that force labels and headers to wrap,
 * vertical group labels, where tables break across pages and whether their headers repeat, page furniture.
 */
import type { Rng } from './prng.js';

/**
 * CJK fonts that Chromium embeds as subset CID TrueType (real text in the PDF). Noto CJK (OpenType/CFF)
 * comes out as Type 3 fonts and is not used; synthetic bold also turns into Type 3, so nothing is bold.
 */
export const FONTS = [
  { family: 'AR PL UMing CN', pdfName: 'UMingCN', package: 'fonts-arphic-uming', like: '宋体/仿宋' },
  { family: 'AR PL UKai CN', pdfName: 'UKaiCN', package: 'fonts-arphic-ukai', like: '楷体' },
  { family: 'WenQuanYi Zen Hei', pdfName: 'WenQuanYiZenHei', package: 'fonts-wqy-zenhei', like: '黑体' },
  { family: 'Droid Sans Fallback', pdfName: 'DroidSansFallback', package: 'fonts-droid-fallback', like: '黑体 (no Latin: falls back)' },
] as const;
export type FontFamily = (typeof FONTS)[number]['family'];

export type GroupLabelStyle = 'vertical' | 'stacked' | 'horizontal';

export interface Layout {
  bodyFont: FontFamily;
  headingFont: FontFamily;
  tableFont: FontFamily;
  /** pt */
  bodySize: number;
  titleSize: number;
  tableSize: number;
  /** mm: top right bottom left */
  margins: [number, number, number, number];
  /** Width of the 表三 label column(s) as a share of the table: small values force labels to wrap. */
  labelShare: number;
  /** Narrow value columns make headers like 社会公益组织 wrap. */
  narrowValues: boolean;
  /** `<br>` inside header words, as pasted from Word (商业<br>企业). */
  headerBreaks: boolean;
  /** 三、本年度办理结果: writing-mode vertical-rl, one character per line (<br>), or plain wrapping. */
  resultsLabel: GroupLabelStyle;
  /** （三）不予公开 ... group cells. */
  groupLabels: GroupLabelStyle;
  /** Group labels in their own rowspanned column, or written before the first sub-item's label. */
  groupLayout: 'rowspan' | 'inline';
  /** 表三 across pages: natural flow; a forced break with the header repeated (thead); two tables, no header. */
  t3Break: 'natural' | 'repeat-header' | 'split-no-header';
  /** Index into the 表三 body rows where the forced break falls (repeat-header: 2, or -1 for before the last row). */
  t3BreakAt: number;
  /** In a split table, print 三、本年度办理结果 again in the second part (else an empty cell). */
  splitRepeatsGroupLabel: boolean;
  /** 表四 headers: plain, one character per line in narrow columns, or vertical text. */
  t4Headers: 'plain' | 'stacked' | 'vertical';
  /** 表四's data row on the page after its header. */
  t4SplitHeader: boolean;
  /** Page numbers in the bottom margin: `— N —` (GB/T 9704), `-N-`, or none. */
  pageNumbers: 'dash' | 'hyphen' | 'none';
  /** A running title in the page header. */
  runningTitle: boolean;
  /** The title printed on two lines (agency / year + rest). */
  titleBreak: boolean;
  /** Spaces between digits and CJK in prose (`2022 年`, `1 件`), as PDF exports often have. */
  proseSpaces: boolean;
  /** Section title variants (index into the variant lists of prose.ts). */
  sectionStyle: number;
  /** A preface paragraph before 一. */
  preface: boolean;
  /** Blank cells written as &nbsp; (pasted from Word) rather than empty. */
  nbspBlanks: boolean;
  /** Inline group layout: a line break between the group label and the first sub-item's label. */
  inlineBreak: boolean;
  /** The fee header as "（单位：万元，保留4位小数）" when 4 decimals are printed. */
  feeLabelLong: boolean;
}

export function drawLayout(rng: Rng): Layout {
  const bodyFont = rng.pick(FONTS).family;
  const resultsLabel = rng.weighted<GroupLabelStyle>([
    ['vertical', 4],
    ['stacked', 2],
    ['horizontal', 2],
  ]);
  const t3Break = rng.weighted<Layout['t3Break']>([
    ['natural', 3],
    ['repeat-header', 2],
    ['split-no-header', 2],
  ]);
  return {
    bodyFont,
    headingFont: rng.pick(FONTS).family,
    tableFont: rng.pick(FONTS).family,
    bodySize: rng.pick([12, 12, 14, 16]),
    titleSize: rng.pick([18, 20, 22]),
    tableSize: rng.pick([8, 9, 9.5, 10.5, 12]),
    margins: rng.pick([
      [37, 26, 35, 28],
      [25, 20, 25, 20],
      [30, 26, 28, 26],
    ] as const).slice() as [number, number, number, number],
    labelShare: rng.pick([0.3, 0.36, 0.42, 0.5]),
    narrowValues: rng.chance(0.4),
    headerBreaks: rng.chance(0.35),
    resultsLabel,
    groupLabels: rng.weighted<GroupLabelStyle>([
      ['vertical', 2],
      ['horizontal', 3],
      ['stacked', 1],
    ]),
    groupLayout: rng.chance(0.75) ? 'rowspan' : 'inline',
    t3Break,
    t3BreakAt: t3Break === 'repeat-header' ? rng.pick([2, -1]) : rng.int(4, 18),
    splitRepeatsGroupLabel: rng.chance(0.5),
    t4Headers: rng.weighted<Layout['t4Headers']>([
      ['plain', 3],
      ['stacked', 2],
      ['vertical', 1],
    ]),
    t4SplitHeader: rng.chance(0.15),
    pageNumbers: rng.weighted<Layout['pageNumbers']>([
      ['dash', 4],
      ['hyphen', 2],
      ['none', 1],
    ]),
    runningTitle: rng.chance(0.2),
    titleBreak: rng.chance(0.2),
    proseSpaces: rng.chance(0.3),
    sectionStyle: rng.int(0, 5),
    preface: rng.chance(0.7),
    nbspBlanks: rng.chance(0.5),
    inlineBreak: rng.chance(0.5),
    feeLabelLong: rng.chance(0.6),
  };
}

export function layoutTags(l: Layout): string[] {
  const tags = [
    `fonts:${[l.bodyFont, l.tableFont].map((f) => FONTS.find((x) => x.family === f)!.pdfName).join('/')}`,
    `t3:${l.t3Break}`,
    `results:${l.resultsLabel}`,
    `groups:${l.groupLayout === 'inline' ? 'inline' : l.groupLabels}`,
    `t4:${l.t4Headers}`,
  ];
  if (l.labelShare <= 0.36) tags.push('narrow-labels');
  if (l.narrowValues) tags.push('narrow-values');
  if (l.headerBreaks) tags.push('header-br');
  if (l.t4SplitHeader) tags.push('t4-split');
  return tags;
}
