/**
 * The Word extractors: DOCX (mammoth → HTML → the HTML grid layout) on the official blank 2021 template
 * (samples/real/template-2021-blank.docx) and on a filled copy (samples/generated/docx/filled-2023.docx,
 * written by scripts/make-filled-docx.ts with its truth beside it, filled-2023.docx.json); small DOCX files built here for what
 * the template does not use (gridBefore, hMerge, automatic numbering); broken inputs; and legacy .doc
 * (word-extractor, text only) on LibreOffice conversions of the same two files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';

import { docxToHtml, extractDoc, extractDocx, formatNumber, inspectWordOle } from '../extractors/docx.js';
import { extractDocument } from '../extractors/index.js';
import { isHardIdentity } from '../src/checks/index.js';
import { InputError } from '../src/errors.js';
import type { Item, PositionedDocument } from '../src/model/document.js';
import type { ReportRecord } from '../src/model/record.js';
import { extractRecord } from '../src/pipeline/extract.js';
import { xxgk } from './helpers/cli.js';
import { cellAt, readSample, readTruth, SAMPLES, truthCells, type Truth } from './helpers/samples.js';

const TEMPLATE = 'template-2021-blank.docx';
const GENERATED = join(SAMPLES, 'generated', 'docx');
const generated = (name: string) => new Uint8Array(readFileSync(join(GENERATED, name)));
const filledTruth = JSON.parse(readFileSync(join(GENERATED, 'filled-2023.docx.json'), 'utf8')) as Truth & { unknownChecks: string[] };

/** Items of one table, in reading order (lines top to bottom, items left to right). */
function tableItems(doc: PositionedDocument, table: number): Item[] {
  return doc.pages.flatMap((p) => p.lines.flatMap((l) => l.items)).filter((i) => i.address?.table === table);
}

function itemAt(doc: PositionedDocument, table: number, row: number, column: number): Item | undefined {
  return tableItems(doc, table).find((i) => i.address!.row === row && i.address!.column === column);
}

/** Grid rows an item spans, from its synthetic box (20 units per row, see extractors/html/layout.ts). */
const rowspan = (i: Item) => Math.round((i.box![3] - i.box![1]) / 20);
const colspan = (i: Item) => Math.round((i.box![2] - i.box![0]) / 100);

/** 表三's labels as the template prints them, row by row; a rowspanned group label stands on its first row. */
const T3_LABELS = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '自然人',
  '法人或其他组织',
  '总计',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '三、本年度办理结果',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '（四）无法提供',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '（五）不予处理',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '（六）其他处理',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
  '（七）总计',
  '四、结转下年度继续办理',
];

const T2_LABELS = [
  '第二十条第（一）项',
  '信息内容',
  '本年制发件数',
  '本年废止件数',
  '现行有效件数',
  '规章',
  '行政规范性文件',
  '第二十条第（五）项',
  '信息内容',
  '本年处理决定数量',
  '行政许可',
  '第二十条第（六）项',
  '信息内容',
  '本年处理决定数量',
  '行政处罚',
  '行政强制',
  '第二十条第（八）项',
  '信息内容',
  '本年收费金额（单位：万元）',
  '行政事业性收费',
];

const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const T4_LABELS = ['行政复议', '行政诉讼', ...RESULTS, '未经复议直接起诉', '复议后起诉', ...RESULTS, ...RESULTS];

const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

// 表三's 25 data rows start at grid row 3, its 7 value columns at grid column 3; 表四's values are grid row 3.
const T3_FIRST_ROW = 3;
const T3_FIRST_COL = 3;
const T3_COLS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
const T4_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'];
const T4_COLS = ['upheld', 'corrected', 'other', 'pending', 'total'];

// ---------------------------------------------------------------------------------------------------------

describe('the blank 2021 template (DOCX)', () => {
  let doc: PositionedDocument;
  let record: ReportRecord;
  beforeAll(async () => {
    doc = await extractDocx(new Uint8Array(readSample(TEMPLATE)), TEMPLATE);
    record = await extractRecord(new Uint8Array(readSample(TEMPLATE)), TEMPLATE);
  });

  it('names its source', () => {
    expect(doc.source).toEqual({
      path: TEMPLATE,
      sha256: 'f062d96536912a9d8e95cdec6d931d6f254b9c0d54510fe4ac5b8684eb1697eb',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extractor: 'docx',
    });
    expect(doc.warnings).toEqual([]);
  });

  it('has its prose in order: the title, then the six section titles', () => {
    const prose = doc.pages[0]!.lines.filter((l) => l.items.length === 1 && !l.items[0]!.address).map((l) => l.items[0]!.text);
    expect(prose[0]).toBe('政府信息公开工作年度报告格式模板');
    expect(prose.filter((t) => /^[一二三四五六]、/.test(t))).toEqual(SECTION_TITLES);
  });

  it('has the three tables with their labels in reading order and no value items', () => {
    expect(tableItems(doc, 0).map((i) => i.text)).toEqual(T2_LABELS);
    expect(tableItems(doc, 1).map((i) => i.text)).toEqual(T3_LABELS);
    expect(tableItems(doc, 2).map((i) => i.text)).toEqual(T4_LABELS);
    expect(tableItems(doc, 3)).toEqual([]);
    // Every value cell is empty (some hold ideographic spaces): nothing in a value column.
    expect(tableItems(doc, 1).filter((i) => i.address!.column >= T3_FIRST_COL && i.address!.row >= T3_FIRST_ROW)).toEqual([]);
    expect(tableItems(doc, 0).filter((i) => i.address!.column > 0 && !/数|金额/.test(i.text))).toEqual([]);
  });

  it('keeps merged cells: gridSpan as colspan, vMerge as rowspan', () => {
    const find = (t: number, text: string) => tableItems(doc, t).find((i) => i.text === text)!;
    const note = find(1, T3_LABELS[0]!);
    expect([note.address, rowspan(note), colspan(note)]).toEqual([{ table: 1, row: 0, column: 0 }, 3, 3]);
    const natural = find(1, '自然人');
    expect([natural.address, rowspan(natural)]).toEqual([{ table: 1, row: 1, column: 3 }, 2]);
    const total = find(1, '总计');
    expect([total.address, rowspan(total)]).toEqual([{ table: 1, row: 1, column: 9 }, 2]);
    expect(colspan(find(1, '法人或其他组织'))).toBe(5);
    const results = find(1, '三、本年度办理结果');
    expect([results.address, rowspan(results)]).toEqual([{ table: 1, row: 5, column: 0 }, 22]);
    const groups: [string, number, number][] = [
      ['（三）不予公开', 7, 8],
      ['（四）无法提供', 15, 3],
      ['（五）不予处理', 18, 5],
      ['（六）其他处理', 23, 3],
    ];
    for (const [label, row, span] of groups) {
      const g = find(1, label);
      expect([label, g.address, rowspan(g)]).toEqual([label, { table: 1, row, column: 1 }, span]);
    }
    expect(find(1, '四、结转下年度继续办理').address).toEqual({ table: 1, row: 27, column: 0 });
    expect(colspan(find(1, '（七）总计'))).toBe(2);
    const review = find(2, '结果维持');
    expect([review.address, rowspan(review)]).toEqual([{ table: 2, row: 1, column: 0 }, 2]);
    expect(colspan(find(2, '行政诉讼'))).toBe(10);
    expect(colspan(find(0, '本年收费金额（单位：万元）'))).toBe(3);
  });

  it('reads as gb2021 with every table value null, no hard identity failing', () => {
    const truth = readTruth(TEMPLATE);
    expect(record.template).toBe(truth.template);
    expect(record.tables.activeDisclosure).not.toBeNull();
    expect(record.tables.requests).not.toBeNull();
    expect(record.tables.reviewLitigation).not.toBeNull();
    expect(truthCells(truth).filter(([path]) => cellAt(record, path)?.value !== null)).toEqual([]);
    const hard = record.checks.filter((c) => isHardIdentity(c.id));
    expect(hard).toHaveLength(42);
    expect(hard.filter((c) => c.status === 'fail')).toEqual([]);
    expect(hard.every((c) => c.status === 'unknown' && c.ifBlankZero === 'pass')).toBe(true);
  });

  it('has kind blank in every cell of 表二 and 表三', () => {
    const notBlank = truthCells(readTruth(TEMPLATE))
      .filter(([path]) => !path.startsWith('reviewLitigation.'))
      .filter(([path]) => cellAt(record, path)?.kind !== 'blank');
    expect(notBlank).toEqual([]);
  });

  // KNOWN: 表四 has no row label, and the HTML layout emits nothing for empty cells, so its all-empty value
  // row leaves no trace in the document; the review builder finds the header and no values and the
  // pipeline marks the 15 cells unread (kind text, TABLE_NOT_READ) instead of blank. Values are right (null).
  it('has kind blank in every cell of 表四', () => {
    const notBlank = truthCells(readTruth(TEMPLATE))
      .filter(([path]) => path.startsWith('reviewLitigation.'))
      .filter(([path]) => cellAt(record, path)?.kind !== 'blank');
    expect(notBlank).toEqual([]);
    expect(record.warnings.map((w) => w.code)).not.toContain('TABLE_NOT_READ');
  });
});

describe('the filled template (samples/generated/docx/filled-2023.docx)', () => {
  let doc: PositionedDocument;
  let record: ReportRecord;
  beforeAll(async () => {
    doc = await extractDocx(generated('filled-2023.docx'), 'filled-2023.docx');
    record = await extractRecord(generated('filled-2023.docx'), 'filled-2023.docx');
  });

  it('carries 表三 values at their grid positions, blanks as no item', () => {
    const misplaced: string[] = [];
    Object.entries(filledTruth.requests!).forEach(([row, cols], r) => {
      T3_COLS.forEach((col, c) => {
        const item = itemAt(doc, 1, T3_FIRST_ROW + r, T3_FIRST_COL + c);
        const want = cols[col];
        if ((item?.text ?? null) !== (want === null ? null : String(want))) misplaced.push(`${row}.${col}: ${item?.text}`);
      });
    });
    expect(misplaced).toEqual([]);
    expect(itemAt(doc, 1, 3, 3)!.text).toBe('40');
    expect(itemAt(doc, 1, 3, 9)!.text).toBe('50');
    expect(itemAt(doc, 1, 7, 6)).toBeUndefined(); // denied.stateSecret, 社会公益组织: left blank
  });

  it('carries 表二 and 表四 values at their grid positions', () => {
    expect([1, 2, 3].map((c) => itemAt(doc, 0, 2, c)?.text)).toEqual(['1', '0', '3']);
    expect([1, 2, 3].map((c) => itemAt(doc, 0, 3, c)?.text)).toEqual(['12', '3', '45']);
    const licensing = itemAt(doc, 0, 6, 1)!;
    expect([licensing.text, colspan(licensing)]).toEqual(['1234', 3]);
    expect(itemAt(doc, 0, 10, 1)).toBeUndefined(); // 行政强制: left blank
    expect(itemAt(doc, 0, 13, 1)?.text).toBe('3.2416');
    const t4 = T4_GROUPS.flatMap((g) => T4_COLS.map((c) => filledTruth.reviewLitigation![g]![c]!));
    expect(t4.map((_, i) => itemAt(doc, 2, 3, i)?.text ?? null)).toEqual(t4.map((v) => (v === null ? null : String(v))));
  });

  it('gives its truth: values, title, agency, year', () => {
    expect({ template: record.template, year: record.year, agency: record.agency, title: record.title }).toEqual({
      template: filledTruth.template,
      year: filledTruth.year,
      agency: filledTruth.agency,
      title: filledTruth.title,
    });
    const wrong = truthCells(filledTruth)
      .filter(([path, want]) => cellAt(record, path)?.value !== want)
      .map(([path, want]) => `${path}: got ${cellAt(record, path)?.value} want ${want}`);
    expect(wrong).toEqual([]);
    const blanks = truthCells(filledTruth).filter(([, v]) => v === null);
    expect(blanks.map(([path]) => cellAt(record, path)?.kind)).toEqual(blanks.map(() => 'blank'));
    expect(cellAt(record, 'requests.newReceived.total')?.address).toEqual({ table: 1, row: 3, column: 9 });
  });

  it('passes every hard identity except those with a blank operand, which are unknown and pass as 0', () => {
    const hard = record.checks.filter((c) => isHardIdentity(c.id));
    expect(hard).toHaveLength(42);
    expect(hard.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(filledTruth.sourceFailures);
    const unknown = hard.filter((c) => c.status === 'unknown');
    expect(unknown.map((c) => c.id).sort()).toEqual([...filledTruth.unknownChecks].sort());
    expect(unknown.every((c) => c.ifBlankZero === 'pass')).toBe(true);
    expect(record.warnings).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Small DOCX files built here.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

async function buildDocx(body: string, parts: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${text ? p(text) : '<w:p/>'}</w:tc>`;
const numbered = (text: string, ilvl: number) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`);

describe('DOCX structures the template does not use', () => {
  it('puts cells of rows with w:gridBefore / w:gridAfter under their grid columns, merges aligned', async () => {
    const body =
      '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('甲')}${tc('乙')}${tc('丙')}</w:tr>` +
      `<w:tr>${tc('标签')}${tc('合并', '<w:vMerge w:val="restart"/>')}${tc('5')}${tc('6')}</w:tr>` +
      // mammoth alone counts this row's cells from column 0: the continuation would merge into 标签, 7 shift left.
      `<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>${tc('', '<w:vMerge/>')}${tc('7')}</w:tr>` +
      '</w:tbl>';
    const doc = await extractDocx(await buildDocx(body), 'grid.docx');
    const at = (row: number, col: number) => itemAt(doc, 0, row, col)?.text;
    expect([at(0, 0), at(0, 1), at(0, 2), at(0, 3)]).toEqual([undefined, '甲', '乙', '丙']);
    expect([at(1, 0), at(1, 1), at(1, 2), at(1, 3)]).toEqual(['标签', '合并', '5', '6']);
    expect([at(2, 0), at(2, 1), at(2, 2), at(2, 3)]).toEqual([undefined, undefined, '7', undefined]);
    expect(rowspan(itemAt(doc, 0, 1, 0)!)).toBe(1);
    expect(rowspan(itemAt(doc, 0, 1, 1)!)).toBe(2);
  });

  it('folds legacy w:hMerge into a colspan', async () => {
    const body =
      '<w:tbl>' +
      `<w:tr>${tc('行政诉讼', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}${tc('', '<w:hMerge/>')}${tc('其他')}</w:tr>` +
      `<w:tr>${tc('1')}${tc('2')}${tc('3')}${tc('4')}</w:tr>` +
      '</w:tbl>';
    const doc = await extractDocx(await buildDocx(body), 'hmerge.docx');
    const head = itemAt(doc, 0, 0, 0)!;
    expect([head.text, colspan(head)]).toEqual(['行政诉讼', 3]);
    expect(itemAt(doc, 0, 0, 3)?.text).toBe('其他');
    expect([0, 1, 2, 3].map((c) => itemAt(doc, 0, 1, c)?.text)).toEqual(['1', '2', '3', '4']);
  });

  it('prints automatic numbering (一、 （一） 1.) instead of losing it to a list', async () => {
    const numbering =
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0">` +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>' +
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>' +
      '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';
    // A heading style that carries the list itself (how Word's 标题 1 is often numbered); its paragraphs have no numPr.
    const styles =
      `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">` +
      '<w:style w:type="paragraph" w:styleId="zh1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="zh1b"><w:name w:val="zh1 based"/><w:basedOn w:val="zh1"/></w:style></w:styles>';
    const body =
      numbered('总体情况', 0) +
      numbered('主动公开', 1) +
      numbered('依申请公开', 1) +
      numbered('主动公开政府信息情况', 0) +
      numbered('规章', 1) +
      numbered('属于国家秘密', 2) +
      numbered('其他法律行政法规禁止公开', 2) +
      p('收到和处理政府信息公开申请情况', '<w:pStyle w:val="zh1"/>') +
      p('政府信息公开行政复议、行政诉讼情况', '<w:pStyle w:val="zh1b"/>') +
      p('没有编号', '<w:pStyle w:val="zh1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>') +
      p('没有编号');
    const bytes = await buildDocx(body, { 'word/numbering.xml': numbering, 'word/styles.xml': styles, 'word/_rels/document.xml.rels': rels });
    const { html } = await docxToHtml(bytes);
    expect(html).not.toMatch(/<[ou]l>/);
    const doc = await extractDocx(bytes, 'numbered.docx');
    expect(doc.pages[0]!.lines.map((l) => l.items.map((i) => i.text).join(' '))).toEqual([
      '一、总体情况',
      '（一）主动公开',
      '（二）依申请公开',
      '二、主动公开政府信息情况',
      '（一）规章',
      '1.属于国家秘密',
      '2.其他法律行政法规禁止公开',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '没有编号',
      '没有编号',
    ]);
  });

  it('warns about imported files (w:altChunk) it cannot read', async () => {
    const chunk = '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId9"/>';
    const doc = await extractDocx(await buildDocx(p('正文') + chunk), 'chunk.docx');
    expect(doc.warnings.map((w) => w.code)).toEqual(['DOCX_ALTCHUNK']);
    expect(doc.pages[0]!.lines.map((l) => l.items[0]!.text)).toEqual(['正文']);
  });

  it('counts images (not read) in a warning, and says when there is no text', async () => {
    const drawing =
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">' +
      '<wp:docPr id="1" name="seal" descr="公章"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>' +
      '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>' +
      '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId5"/>' +
      '</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
    const rels =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>';
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const parts = { 'word/_rels/document.xml.rels': rels, 'word/media/image1.png': png.toString('binary') };
    const zip = await JSZip.loadAsync(await buildDocx(p('正文') + drawing, parts));
    zip.file('word/media/image1.png', png);
    const doc = await extractDocx(await zip.generateAsync({ type: 'uint8array' }), 'seal.docx');
    expect(doc.warnings.map((w) => w.code)).toEqual(['DOCX_IMAGES']);
    expect(doc.warnings[0]!.message).toMatch(/^the document holds 1 image:/);
    const empty = await extractDocx(await buildDocx('<w:p/>'), 'empty.docx');
    expect(empty.warnings).toEqual([{ code: 'DOCX_NO_TEXT', message: 'the document holds no text' }]);
  });

  it('formats list counters as Word prints them', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110].map((n) => formatNumber(n, 'chineseCounting'))).toEqual([
      '一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百〇五', '一百一十',
    ]);
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(12, 'decimalFullWidth')).toBe('１２');
    expect(formatNumber(4, 'upperRoman')).toBe('IV');
    expect(formatNumber(2, 'none')).toBe('');
  });

  it('takes the title from the document properties as a fallback only', async () => {
    const core =
      '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>长水县2023年政府信息公开工作年度报告</dc:title></cp:coreProperties>';
    const doc = await extractDocx(await buildDocx(p('正文'), { 'docProps/core.xml': core }), 'core.docx');
    expect(doc.metaTitle).toBe('长水县2023年政府信息公开工作年度报告');
    const generic = core.replace('长水县2023年政府信息公开工作年度报告', '文档1.docx');
    expect((await extractDocx(await buildDocx(p('正文'), { 'docProps/core.xml': generic }), 'core.docx')).metaTitle).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------

async function inputError(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  const message = (err as InputError).message;
  expect(message).not.toMatch(/\n/);
  expect(message.length).toBeLessThan(200);
  return message;
}

describe('bad DOCX input', () => {
  const template = () => new Uint8Array(readSample(TEMPLATE));

  it('random bytes that start like a zip', async () => {
    const bytes = new Uint8Array(4096);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await inputError(extractDocument(bytes, 'report.docx'))).toMatch(/^damaged DOCX: not a readable zip archive/);
  });

  it('a zip without word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', '你好');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(await inputError(extractDocument(bytes, 'report.docx'))).toBe('not a Word document: the zip archive has no word/document.xml');
  });

  it('an Excel workbook named .docx', async () => {
    const zip = new JSZip();
    zip.file(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    zip.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(await inputError(extractDocx(bytes, 'report.docx'))).toBe('not a Word document: the zip archive is an Excel workbook');
  });

  it('a truncated DOCX', async () => {
    const bytes = template();
    for (const n of [100, 5000, Math.floor(bytes.length * 0.6), bytes.length - 30]) {
      expect(await inputError(extractDocument(bytes.subarray(0, n), 'report.docx'))).toMatch(/^damaged DOCX: /);
    }
  });

  it('a DOCX whose compressed body is corrupt', async () => {
    const bytes = template().slice();
    const zip = await JSZip.loadAsync(bytes);
    // Overwrite bytes inside word/document.xml's compressed data (after its local header).
    const name = new TextEncoder().encode('word/document.xml');
    let at = 0;
    for (let i = 0; i < bytes.length - name.length; i++) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04) {
        if (name.every((c, k) => bytes[i + 30 + k] === c)) at = i + 30 + name.length + 200;
      }
    }
    expect(at).toBeGreaterThan(0);
    expect(zip.file('word/document.xml')).not.toBeNull();
    bytes.fill(0x41, at, at + 64);
    expect(await inputError(extractDocx(bytes, 'report.docx'))).toMatch(/^damaged DOCX: /);
  });

  it('a DOCX whose document part is not XML, or not a Word body', async () => {
    const broken = await buildDocx('<w:p><w:r><w:t>未闭合</w:r></w:p>');
    expect(await inputError(extractDocx(broken, 'x.docx'))).toMatch(/^damaged DOCX: (?:word\/document\.xml|a part) is not well-formed XML \(unclosed xml attribute\)$/);
    const zip = await JSZip.loadAsync(await buildDocx(''));
    zip.file('word/document.xml', '<?xml version="1.0"?><html><body>not word</body></html>');
    const html = await zip.generateAsync({ type: 'uint8array' });
    expect(await inputError(extractDocx(html, 'x.docx'))).toMatch(/^not a Word document: /);
  });

  it('a bad DOCX on the command line: one line, exit status 1', () => {
    const bytes = Buffer.from(readSample(TEMPLATE).subarray(0, 5000));
    const run = xxgk(['extract', '-'], bytes);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/damaged DOCX: /);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Legacy .doc: LibreOffice's conversions of the two DOCX files (see samples/generated/docx/README.md).

describe('legacy .doc (word-extractor, read as text)', () => {
  const blankDoc = () => generated('template-2021-blank.doc');

  it('reads the body text in order, with table cells as items', async () => {
    const doc = await extractDoc(blankDoc(), 'template-2021-blank.doc');
    expect(doc.source).toMatchObject({ mediaType: 'application/msword', extractor: 'docx' });
    expect(doc.warnings.map((w) => w.code)).toEqual(['DOC_READ_AS_TEXT']);
    const items = doc.pages[0]!.lines.flatMap((l) => l.items.map((i) => i.text));
    expect(items[0]).toBe('政府信息公开工作年度报告格式模板');
    expect(items.filter((t) => SECTION_TITLES.includes(t))).toEqual(SECTION_TITLES);
    // Every 表三 row label, in order, with the template's curly quotes.
    const labels = T3_LABELS.slice(10).filter((l) => items.includes(l));
    expect(labels).toEqual(T3_LABELS.slice(10));
    // No value: the only digits are the sub-item numbers of the labels (1. 2. …).
    expect(items.filter((t) => /\d/.test(t) && !/^\d\.\D/.test(t))).toEqual([]);
  });

  it('gives the blank template all-null tables through the pipeline', async () => {
    const r = await extractRecord(blankDoc(), 'template-2021-blank.doc');
    expect(r.template).toBe('gb2021');
    expect(truthCells(readTruth(TEMPLATE)).filter(([path]) => cellAt(r, path)?.value !== null)).toEqual([]);
    expect(r.checks.filter((c) => isHardIdentity(c.id) && c.status === 'fail')).toEqual([]);
  });

  it('reads full rows of the filled copy and leaves rows with blank cells unread, never shifted', async () => {
    const r = await extractRecord(generated('filled-2023.doc'), 'filled-2023.doc');
    expect([r.template, r.year, r.agency, r.title]).toEqual(['gb2021', 2023, filledTruth.agency, filledTruth.title]);
    const cells = truthCells(filledTruth).map(([path, want]) => [path, want, cellAt(r, path)!] as const);
    // No value differs from the truth unless the cell says it was not read.
    expect(cells.filter(([, want, c]) => c.value !== want && c.kind !== 'text').map(([path]) => path)).toEqual([]);
    // Rows whose cells are all filled are read in full.
    expect(Object.values(r.tables.requests!.rows.newReceived!).map((c) => c.value)).toEqual([40, 6, 1, 0, 2, 1, 50]);
    expect(Object.values(r.tables.requests!.rows.totalProcessed!).map((c) => c.value)).toEqual([41, 6, 1, 0, 2, 1, 51]);
    expect(r.tables.activeDisclosure!.fees!.amount!.value).toBe(3.2416);
    // The rows holding a blank cell cannot be placed without a grid.
    expect(Object.values(r.tables.requests!.rows['denied.stateSecret']!).map((c) => c.kind)).toEqual(Array(7).fill('text'));
    expect(r.checks.filter((c) => isHardIdentity(c.id) && c.status === 'fail')).toEqual([]);
  });

  it('is what extractDocument picks for OLE2 bytes', async () => {
    const doc = await extractDocument(blankDoc(), 'x.doc');
    expect(doc.source.mediaType).toBe('application/msword');
  });
});

/** The .doc's directory entries and FAT, to break them on purpose. */
function oleLayout(buf: Uint8Array) {
  const b = Buffer.from(buf);
  const secSize = 1 << b.readUInt16LE(30);
  const sector = (id: number) => (id + 1) * secSize;
  const fatSectors = Array.from({ length: b.readUInt32LE(44) }, (_, i) => b.readInt32LE(76 + i * 4));
  const fatEntry = (id: number) => sector(fatSectors[Math.floor((id * 4) / secSize)]!) + ((id * 4) % secSize);
  const dirStart = b.readInt32LE(48);
  const entries: { name: string; offset: number; start: number }[] = [];
  for (let id = dirStart; id >= 0; id = b.readInt32LE(fatEntry(id))) {
    for (let k = 0; k < secSize / 128; k++) {
      const off = sector(id) + k * 128;
      const len = b.readUInt16LE(off + 64);
      entries.push({ name: b.toString('utf16le', off, off + Math.max(0, len - 2)), offset: off, start: b.readInt32LE(off + 116) });
    }
  }
  return { b, secSize, sector, fatEntry, entries };
}

describe('bad .doc input', () => {
  const blankDoc = () => generated('template-2021-blank.doc');

  it('a truncated .doc', async () => {
    const bytes = blankDoc();
    for (const n of [100, 600, 5000, 30000, bytes.length - 700]) {
      expect(await inputError(extractDocument(bytes.subarray(0, n), 'report.doc'))).toMatch(/^damaged \.doc: /);
    }
  });

  it('a sector chain that loops (word-extractor alone follows it until the process dies)', async () => {
    const { b, fatEntry, entries } = oleLayout(blankDoc());
    const word = entries.find((e) => e.name === 'WordDocument')!;
    const next = b.readInt32LE(fatEntry(word.start));
    expect(next).toBeGreaterThanOrEqual(0);
    b.writeInt32LE(word.start, fatEntry(next)); // start → next → start
    expect(() => inspectWordOle(b)).toThrow(InputError);
    expect(await inputError(extractDoc(new Uint8Array(b), 'loop.doc'))).toBe('damaged .doc: a cyclic sector chain');
  });

  it('an encrypted .doc', async () => {
    const { b, sector, entries } = oleLayout(blankDoc());
    const word = entries.find((e) => e.name === 'WordDocument')!;
    const flags = sector(word.start) + 0x0a;
    b.writeUInt16LE(b.readUInt16LE(flags) | 0x0100, flags);
    expect(await inputError(extractDoc(new Uint8Array(b), 'locked.doc'))).toMatch(/^encrypted \.doc: /);
  });

  it('an OLE2 file that is not a Word document', async () => {
    const { b, entries } = oleLayout(blankDoc());
    const word = entries.find((e) => e.name === 'WordDocument')!;
    b.fill(0, word.offset, word.offset + 64);
    b.write('Workbook', word.offset, 'utf16le');
    b.writeUInt16LE(('Workbook'.length + 1) * 2, word.offset + 64);
    expect(await inputError(extractDocument(new Uint8Array(b), 'book.doc'))).toBe('not a Word document: the file is an Excel workbook (.xls)');
  });

  it('random bytes behind an OLE2 signature', async () => {
    const bytes = new Uint8Array(8192);
    let seed = 3;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await inputError(extractDocument(bytes, 'x.doc'))).toMatch(/^damaged \.doc: /);
  });
});
