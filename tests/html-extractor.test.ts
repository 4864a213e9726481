/**
 * The HTML extractor's document model: tables as grids of positioned cells (rowspan/colspan expanded, blank
 * cells emitting nothing), <br> inside cells, the report found inside the site's chrome, charsets, and
 * malformed pages that must neither crash nor hang. Then the whole pipeline on the real pages against their
 * hand-checked truth files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';

import { documentFromHtml, extractHtml } from '../extractors/html.js';
import { MAX_ELEMENTS, parseHtml } from '../extractors/html/parse.js';
import { InputError } from '../src/errors.js';
import type { Item, PositionedDocument, Source } from '../src/model/document.js';
import { extractRecord } from '../src/pipeline/extract.js';
import { SAMPLES, cellAt, readSample, readTruth, truthCells } from './helpers/samples.js';

const SOURCE: Source = { path: 'test.html', sha256: '', mediaType: 'text/html', extractor: 'html' };

function fromHtml(html: string): PositionedDocument {
  return documentFromHtml(html, SOURCE);
}

function sample(name: string): PositionedDocument {
  return extractHtml(new Uint8Array(readSample(name)), name);
}

function lines(doc: PositionedDocument): string[] {
  return doc.pages.flatMap((p) => p.lines.map((l) => l.items.map((i) => i.text).join(' ')));
}

function items(doc: PositionedDocument): Item[] {
  return doc.pages.flatMap((p) => p.lines.flatMap((l) => l.items));
}

/** A table's items as grid rows: "column:text" for each item of the row, in stream order. */
function gridRows(doc: PositionedDocument, table: number): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const line of doc.pages.flatMap((p) => p.lines)) {
    for (const it of line.items) {
      if (it.address?.table !== table) continue;
      const row = rows.get(it.address.row) ?? [];
      row.push(`${it.address.column}:${it.text}`);
      rows.set(it.address.row, row);
    }
  }
  return rows;
}

describe('Shanghai 2019 table 三: rowspan/colspan expansion', () => {
  const doc = sample('shanghai-office-2019.html');
  const truth = readTruth('shanghai-office-2019.html');
  const rows = gridRows(doc, 1);
  const byText = (text: string) => items(doc).find((i) => i.address?.table === 1 && i.text === text)!;

  it('places the three header rows at their grid positions', () => {
    expect(rows.get(0)).toEqual(['0:（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '3:申请人情况']);
    expect(rows.get(1)).toEqual(['3:自然人', '4:法人或其他组织', '9:总计']);
    expect(rows.get(2)).toEqual(['4:商业企业', '5:科研机构', '6:社会公益组织', '7:法律服务机构', '8:其他']);
  });

  it('gives each cell a box over its columns and rows: x = column × 100, y = −row × 20', () => {
    // colspan 3, rowspan 3 at the top left; colspan 7 to its right.
    expect(byText('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）').box).toEqual([0, -60, 300, 0]);
    expect(byText('申请人情况').box).toEqual([300, -20, 1000, 0]);
    expect(byText('自然人').box).toEqual([300, -60, 400, -20]);
    // The group label spans the 20 rows of 三、本年度办理结果 and appears once, on its first row.
    expect(byText('三、本年度办理结果')).toMatchObject({ box: [0, -500, 100, -100], address: { table: 1, row: 5, column: 0 } });
    expect(items(doc).filter((i) => i.text === '三、本年度办理结果')).toHaveLength(1);
  });

  it('puts every printed value in its column and emits nothing for a blank (&nbsp;) cell', () => {
    // Truth rows in template order are grid rows 3…25; value columns are grid columns 3…9.
    const rowKeys = Object.keys(truth.requests!);
    const cols = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
    rowKeys.forEach((key, i) => {
      const want = cols.flatMap((c, j) => (truth.requests![key]![c] === null ? [] : [`${3 + j}:${truth.requests![key]![c]}`]));
      const values = (rows.get(3 + i) ?? []).filter((cell) => Number(cell.split(':')[0]) >= 3);
      expect(values, key).toEqual(want);
    });
    expect(rows.get(3)).toEqual(['0:一、本年新收政府信息公开申请数量', '3:821', '4:35', '7:2', '8:1', '9:859']);
    // A row whose seven cells are all &nbsp;: only its label.
    expect(rows.get(8)).toEqual(['2:2.其他法律行政法规禁止公开']);
    expect(items(doc).every((i) => i.text.trim() !== '')).toBe(true);
  });

  it('addresses cells by table in document order: 二 is 0, 三 is 1, 四 is 2', () => {
    expect(items(doc).find((i) => i.text === '政府集中采购')?.address?.table).toBe(0);
    expect(gridRows(doc, 2).get(3)).toEqual(['0:5', '3:2', '4:7', '5:8', '8:1', '9:9']);
  });
});

describe('text inside cells', () => {
  it('joins <br>-broken header words without a space (Pingtan 2023 table 四)', () => {
    const rows = gridRows(sample('pingtan-2023.html'), 2);
    expect(rows.get(1)).toEqual(['0:结果维持', '1:结果纠正', '2:其他结果', '3:尚未审结', '4:总计', '5:未经复议直接起诉', '10:复议后起诉']);
    expect(rows.get(2)?.slice(0, 2)).toEqual(['5:结果维持', '6:结果纠正']);
  });

  it('joins paragraphs inside a cell the same way, and drops &nbsp; padding (Pingtan 2025 table 三)', () => {
    expect(gridRows(sample('pingtan-2025.html'), 1).get(2)).toEqual(['4:商业企业', '5:科研机构', '6:社会公益组织', '7:法律服务机构', '8:其他']);
  });

  it('keeps a space where either side of a break is not CJK', () => {
    const doc = fromHtml('<table><tr><td>结果<br>纠正</td><td>Total<br>count</td><td>本年<br/>2023</td><td>（单位：<br>万元）</td></tr></table>');
    expect(items(doc).map((i) => i.text)).toEqual(['结果纠正', 'Total count', '本年 2023', '（单位：万元）']);
  });

  it('collapses whitespace, &nbsp; and ideographic spaces', () => {
    const doc = fromHtml('<table><tr><td>\n  一、本年新收\u3000&nbsp;政府信息 </td><td>&nbsp;</td><td> \u3000 </td><td>\n12\n</td></tr></table>');
    expect(items(doc).map((i) => [i.text, i.address?.column])).toEqual([
      ['一、本年新收 政府信息', 0],
      ['12', 3],
    ]);
  });
});

describe('prose', () => {
  it('makes each block and each <br>-separated line one line of one item, without a box', () => {
    const doc = fromHtml('<div>一、总体情况<p>第一段  文字<br>第二行</p><ul><li>甲</li><li>乙<span>丙</span></li></ul>尾</div>');
    expect(lines(doc)).toEqual(['一、总体情况', '第一段 文字', '第二行', '甲', '乙丙', '尾']);
    expect(items(doc).every((i) => i.box === undefined && i.address === undefined)).toBe(true);
  });

  it('drops scripts, styles, hidden elements and form controls', () => {
    const doc = fromHtml(
      '<p>正文</p><script>var a = "网站地图";</script><style>p{}</style><p style="display: none">隐藏</p>' +
        '<p hidden>也隐藏</p><div style="color:red;visibility:hidden">看不见</div><select><option>友情链接</option></select><noscript>请启用</noscript><p>结尾</p>',
    );
    expect(lines(doc)).toEqual(['正文', '结尾']);
  });

  it('reads a one-column or layout table as prose, and the data table nested in it as a grid', () => {
    const doc = fromHtml(
      '<table><tr><td><p>一、总体情况</p><p>内容</p>' +
        '<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>' +
        '</td></tr></table>',
    );
    expect(lines(doc)).toEqual(['一、总体情况', '内容', '信息内容 本年制发件数', '规章 3']);
    expect(items(doc).filter((i) => i.address).map((i) => i.address)).toEqual([
      { table: 0, row: 0, column: 0 },
      { table: 0, row: 0, column: 1 },
      { table: 0, row: 1, column: 0 },
      { table: 0, row: 1, column: 1 },
    ]);
  });
});

describe('finding the report on the page', () => {
  const CHROME = ['版权所有', '当前位置', '主办单位', '友情链接', '网站标识码', '长者模式', '使用帮助', 'ICP', '扫一扫'];

  it.each(['pingtan-2023.html', 'pingtan-2025.html'])('%s: the report without the site navigation and footer', (name) => {
    const raw = readSample(name).toString('utf8');
    const doc = sample(name);
    const text = lines(doc).join('\n');
    for (const word of CHROME) {
      expect(raw, word).toContain(word); // the page has it…
      expect(text, word).not.toContain(word); // …the document does not
    }
    const year = name.slice(8, 12);
    expect(lines(doc)[0]).toBe(`平潭综合实验区${year}年度政府信息公开工作年度报告`);
    expect(text).toContain('一、总体情况');
    expect(lines(doc).at(-1)).toBe(`${year}年，无收取信息处理费情况。`);
    expect(doc.metaTitle).toBe(`平潭综合实验区${year}年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会`);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a fragment without <html> or <body> whole (Shanghai 2019; also what mammoth gives for DOCX)', () => {
    const doc = sample('shanghai-office-2019.html');
    expect(lines(doc)[0]).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(lines(doc)).toContain('六、其他需要报告的事项');
    expect(doc.warnings).toEqual([]);
  });

  it('leaves out a title that belongs to a side list, far from the report', () => {
    const nav = '<div class="side"><p>2022年度某区政府信息公开工作年度报告</p>' + '<p>导航栏目链接很多文字</p>'.repeat(200) + '</div>';
    const body = '<div><p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年制发件数</td></tr></table></div>';
    const doc = fromHtml(`<body>${nav}${body}</body>`);
    expect(lines(doc)[0]).toBe('一、总体情况');
  });

  it('falls back to a CMS article container, then to the whole page with a warning', () => {
    const page = '<body><div class="nav">首页 网站地图</div><div class="TRS_Editor"><p>2023年某镇政府信息公开工作年度报告</p><p>正文</p></div></body>';
    expect(lines(fromHtml(page))).toEqual(['2023年某镇政府信息公开工作年度报告', '正文']);
    const bare = fromHtml('<body><div>首页</div><p>没有表格的普通页面</p></body>');
    expect(lines(bare)).toEqual(['首页', '没有表格的普通页面']);
    expect(bare.warnings.map((w) => w.code)).toEqual(['HTML_REPORT_NOT_LOCATED']);
  });
});

describe('charsets', () => {
  it('reads the GBK copy of Pingtan 2023 to the same document as the UTF-8 page', () => {
    const utf8 = sample('pingtan-2023.html');
    const path = join(SAMPLES, 'generated', 'html', 'pingtan-2023-gbk.html');
    const gbk = extractHtml(new Uint8Array(readFileSync(path)), path);
    expect(gbk.source.encoding).toBe('gb18030');
    expect(utf8.source.encoding).toBe('utf-8');
    expect(gbk.source.sha256).not.toBe(utf8.source.sha256);
    expect({ ...gbk, source: null }).toEqual({ ...utf8, source: null });
  });

  const page = (meta: string, text = '政府信息公开工作年度报告') =>
    `<html><head>${meta}<title>${text.slice(-2)}</title></head><body><p>${text}</p></body></html>`;
  const codes = (doc: PositionedDocument) => doc.warnings.map((w) => w.code);

  it.each([
    ['<meta charset="gb2312">', 'gb18030'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=GBK">', 'gb18030'],
    ['<meta charset="big5">', 'big5'],
    ['', 'gb18030'], // no declaration: the content decides
  ])('%s → %s', (meta, encoding) => {
    const text = encoding === 'big5' ? '政府資訊公開工作年度報告' : '政府信息公开工作年度报告';
    const bytes = iconv.encode(page(meta, text), encoding === 'big5' ? 'big5' : 'gbk');
    const doc = extractHtml(new Uint8Array(bytes), 'x.html');
    expect(doc.source.encoding).toBe(encoding);
    expect(lines(doc)).toEqual([text]);
    expect(doc.metaTitle).toBe(text.slice(-2));
    expect(codes(doc)).not.toContain('HTML_CHARSET_MISMATCH');
  });

  it('a BOM outranks the declaration; a declaration the bytes contradict is overruled, with a warning', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="gbk">'))]);
    expect(extractHtml(new Uint8Array(bom), 'x.html').source.encoding).toBe('utf-8');
    const mislabelled = extractHtml(new Uint8Array(Buffer.from(page('<meta charset="gbk">'))), 'x.html');
    expect(mislabelled.source.encoding).toBe('utf-8');
    expect(lines(mislabelled)).toEqual(['政府信息公开工作年度报告']);
    expect(codes(mislabelled)).toContain('HTML_CHARSET_MISMATCH');
    const gbkAsUtf8 = extractHtml(new Uint8Array(iconv.encode(page('<meta charset="utf-8">'), 'gbk')), 'x.html');
    expect(gbkAsUtf8.source.encoding).toBe('gb18030');
    expect(lines(gbkAsUtf8)).toEqual(['政府信息公开工作年度报告']);
    expect(codes(gbkAsUtf8)).toContain('HTML_CHARSET_MISMATCH');
  });

  it('does not take a declaration inside a comment or a script', () => {
    const html = '<!-- <meta charset="big5"> --><script>var s = "<meta charset=big5>";</script><meta charset="gbk"><p>政府信息公开</p>';
    expect(extractHtml(new Uint8Array(iconv.encode(html, 'gbk')), 'x.html').source.encoding).toBe('gb18030');
  });
});

describe('malformed pages never crash and never hang', () => {
  it('unclosed tags', () => {
    const doc = fromHtml('<div><p>一、总体情况<table><tr><td>本年新收<td>5<tr><td>上年结转<td>&nbsp;<td>7</table><p>尾巴<b><i>粗');
    expect(lines(doc)).toEqual(['一、总体情况', '本年新收 5', '上年结转 7', '尾巴粗']);
    expect(gridRows(doc, 0)).toEqual(
      new Map([
        [0, ['0:本年新收', '1:5']],
        [1, ['0:上年结转', '2:7']],
      ]),
    );
  });

  it('unclosed tags nested 100 000 deep (no recursion over the tree)', () => {
    const doc = fromHtml('<div><span>字'.repeat(100_000));
    expect(lines(doc)).toHaveLength(100_000);
  });

  it('inconsistent spans: rowspan past the table, colspan=0, negative and absurd spans', () => {
    const doc = fromHtml(
      '<table>' +
        '<tr><td rowspan="1000">A</td><td colspan="0">B</td><td colspan="-2">C</td></tr>' +
        '<tr><td rowspan="-1">D</td><td colspan="1000">E</td></tr>' +
        '<tr><td rowspan="0" colspan="2px">F</td></tr>' +
        '<tr><td>G</td><td>H</td><td>I</td><td>J</td></tr>' +
        '</table>',
    );
    const at = Object.fromEntries(items(doc).map((i) => [i.text, [i.address!.row, i.address!.column, i.box]]));
    expect(at).toEqual({
      A: [0, 0, [0, -80, 100, 0]], // rowspan 1000 clamped to the table's 4 rows
      B: [0, 1, [100, -20, 200, 0]], // colspan 0 → 1
      C: [0, 2, [200, -20, 300, 0]], // colspan -2 → 1
      D: [1, 1, [100, -40, 200, -20]], // placed right of A's span; rowspan -1 → 1
      E: [1, 2, [200, -40, 700, -20]], // colspan 1000 cut back to the grid's 7 columns
      F: [2, 1, [100, -80, 300, -40]], // rowspan 0: to the end of the row group; "2px" → 2
      G: [3, 3, [300, -80, 400, -60]], // the row is pushed right of A and F
      H: [3, 4, [400, -80, 500, -60]],
      I: [3, 5, [500, -80, 600, -60]],
      J: [3, 6, [600, -80, 700, -60]],
    });
  });

  it('every cell with an absurd rowspan: spans past the budget are read as 1, with a warning', () => {
    const doc = fromHtml(`<table>${'<tr><td rowspan="65534">x</td><td rowspan="1000" colspan="1000">y</td></tr>'.repeat(3000)}</table>`);
    expect(items(doc)).toHaveLength(6000);
    expect(doc.warnings.map((w) => w.code)).toContain('HTML_TABLE_SPANS_IGNORED');
  });

  it('an empty file is an input error; an empty page is an empty document', () => {
    expect(() => extractHtml(new Uint8Array(0), 'empty.html')).toThrow(new InputError('empty file'));
    for (const html of ['<html><head><title></title></head><body></body></html>', '   \n  ', '<table><tr><td>&nbsp;</td></tr></table>']) {
      const doc = extractHtml(new Uint8Array(Buffer.from(html)), 'empty.html');
      expect(doc.pages).toEqual([{ number: 1, lines: [] }]);
      expect(doc.metaTitle).toBeUndefined();
      expect(doc.warnings.map((w) => w.code)).toEqual(['HTML_NO_TEXT']);
    }
  });

  it('a page with no tables', async () => {
    const html = '<html><body><div class="article"><p>2018年某县政府信息公开工作年度报告</p><p>一、概述</p><p>今年收到申请5件。</p></div></body></html>';
    const doc = fromHtml(html);
    expect(lines(doc)).toEqual(['2018年某县政府信息公开工作年度报告', '一、概述', '今年收到申请5件。']);
    const record = await extractRecord(new Uint8Array(Buffer.from(html)), 'no-tables.html');
    expect(record.template).toBe('none');
    expect(record.tables).toEqual({ activeDisclosure: null, requests: null, reviewLitigation: null });
  });

  it('markup that multiplies into millions of elements is refused with an input error, not a crash', () => {
    // Every unclosed <font><b><i> is cloned into each following paragraph: 13 elements per 17 bytes, so 20 MB
    // of it would be 15 million elements (4 GB). The guard is tested with a small limit; the real one is
    // MAX_ELEMENTS.
    const hostile = '<font><b><i>字<p>'.repeat(1000);
    expect(() => parseHtml(hostile, 10_000)).toThrow(new InputError('the page has more than 10,000 HTML elements (deeply broken markup): not read'));
    expect(() => parseHtml(hostile, 20_000)).not.toThrow();
    expect(MAX_ELEMENTS).toBeGreaterThan(1_500_000); // above the 20 MB page below
  });

  it('a 20 MB page finishes', () => {
    // Site chrome, then an article holding the report and a long appendix table (250 000 rows).
    const shanghai = readSample('shanghai-office-2019.html').toString('utf8');
    const row = (i: number) => `<tr><td>第${i}行</td><td>${i}</td><td>&nbsp;</td><td colspan="2">${i * 7}</td></tr>`;
    const parts = ['<html><head><meta charset="utf-8"><title>大页面</title></head><body><div class="nav">首页 版权所有</div>'];
    parts.push('<div class="article">', shanghai, '<table>');
    let size = parts.join('').length * 3;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const r = row(i);
      parts.push(r);
      size += Buffer.byteLength(r);
    }
    parts.push('</table>', '<p>结尾段落</p></div><div class="footer">版权所有</div></body></html>');
    const bytes = new Uint8Array(Buffer.from(parts.join('')));
    const t0 = performance.now();
    const doc = extractHtml(bytes, 'big.html');
    const seconds = (performance.now() - t0) / 1000;
    console.log(`20 MB page (${(bytes.length / 1048576).toFixed(1)} MB): extractHtml ${seconds.toFixed(1)} s, ${doc.pages[0]!.lines.length} lines`);
    expect(lines(doc)[0]).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(lines(doc).at(-1)).toBe('结尾段落');
    expect(lines(doc).join('\n')).not.toContain('版权所有');
    expect(doc.warnings).toEqual([]);
  }, 600_000);
});

describe.each(['pingtan-2023.html', 'pingtan-2025.html', 'shanghai-office-2019.html'])('%s through the pipeline', (name) => {
  const truth = readTruth(name);
  const recordP = extractRecord(new Uint8Array(readSample(name)), name);

  it('gives every cell its truth value, blank versus 0 included', async () => {
    const r = await recordP;
    const wrong = truthCells(truth)
      .filter(([path]) => !truth.uncertain.includes(path))
      .filter(([path, want]) => cellAt(r, path)?.value !== want || (want === null) !== (cellAt(r, path)?.kind === 'blank'))
      .map(([path, want]) => `${path}: got ${JSON.stringify(cellAt(r, path))} want ${want}`);
    expect(wrong).toEqual([]);
    expect({ template: r.template, year: r.year, agency: r.agency, title: r.title }).toEqual({
      template: truth.template,
      year: truth.year,
      agency: truth.agency,
      title: truth.title,
    });
  });

  it('reports cell addresses, not the synthetic boxes', async () => {
    const r = await recordP;
    const cell = cellAt(r, 'requests.newReceived.naturalPerson')!;
    expect(cell.address).toEqual({ table: 1, row: 3, column: 3 });
    expect(cell).not.toHaveProperty('bbox');
    expect(cell).not.toHaveProperty('page');
  });
});
