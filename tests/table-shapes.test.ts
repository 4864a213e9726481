/** The pieces issue 5's corpus added to the table builders, each on a small input of its own. */
import { describe, expect, it } from 'vitest';
import { isLayoutText, layoutItems } from '../extractors/text/layout.js';
import { keyStream } from '../src/layout/keyed.js';
import { inferSubtotal, requestColumnLayout, rowSumsHold } from '../src/tables/request-columns.js';
import { withoutRepeatedHeader } from '../src/tables/repeated-header.js';

describe('layout text', () => {
  it('gives each word its display columns: a CJK character is two wide', () => {
    const items = layoutItems('行政许可      5   12', 3, 100);
    expect(items.map((i) => [i.text, i.box, i.sourceOffset])).toEqual([
      ['行政许可', [0, -4, 8, -3], 100],
      ['5', [14, -4, 15, -3], 110],
      ['12', [18, -4, 20, -3], 114],
    ]);
  });

  it('is told apart from prose by its aligned lines', () => {
    expect(isLayoutText(['一段文字，没有对齐。', 'a b c'])).toBe(false);
    expect(isLayoutText(Array.from({ length: 5 }, () => '行政处罚     1     2'))).toBe(true);
  });
});

describe('表三 columns', () => {
  const header = (text: string) => {
    const keyed = keyStream(text);
    return requestColumnLayout(keyed, 0, text.length);
  };

  it('the template seven, or eight with a 小计 placed where the header prints it', () => {
    expect(header('自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他')).toEqual({
      labels: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
    });
    expect(header('自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 小计').subtotalAt).toBe(6);
    expect(header('自然人 法人或其他组织 总计 小计 商业企业 科研机构 社会公益组织 法律服务机构 其他').subtotalAt).toBe(1);
  });

  it('row sums: the total, and the subtotal of the organisations', () => {
    const eight = { labels: [], subtotalAt: 6 };
    expect(rowSumsHold([5, 1, 0, 0, 2, 0, 3, 8], eight)).toBe(true);
    expect(rowSumsHold([5, 1, 0, 0, 2, 0, 4, 8], eight)).toBe(false);
    expect(rowSumsHold([5, 1, 0, 0, 2, 0, null, 8], eight)).toBe(true);
    expect(rowSumsHold([5, 1, 0, 0, 2, 0, 9], { labels: [] })).toBe(false);
  });

  it('infers an unnamed subtotal only from rows that add up, with something to add', () => {
    const row = (...v: number[]) => ({ status: 'overflow', tokens: v.map((x) => ({ kind: 'number', digits: String(x) })) });
    expect(inferSubtotal([row(5, 1, 0, 0, 2, 0, 3, 8), row(2, 0, 0, 0, 0, 0, 0, 2), row(1, 1, 1, 0, 0, 0, 2, 3)])?.subtotalAt).toBe(6);
    expect(inferSubtotal([row(5, 1, 0, 0, 2, 0, 4, 8), row(2, 0, 0, 0, 0, 0, 0, 2), row(1, 1, 1, 0, 0, 0, 2, 3)])).toBeUndefined();
    expect(inferSubtotal([row(0, 0, 0, 0, 0, 0, 0, 0), row(0, 0, 0, 0, 0, 0, 0, 0), row(0, 0, 0, 0, 0, 0, 0, 0)])).toBeUndefined();
  });
});

describe('repeated headers', () => {
  const HEADER = '申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他\n';
  it('are taken out of the key view, also when a scan misreads a word in them', () => {
    for (const repeat of [HEADER, HEADER.replace('商业企业', 'j业企')]) {
      const text = `${HEADER}1.申请人无正当理由逾期不补正、行政机关不\f${repeat}再处理其政府信息公开申请 3.其他 0`;
      const keyed = keyStream(text);
      const out = withoutRepeatedHeader(keyed, { start: 0, end: HEADER.length }, '申请人情况', text.length);
      expect(out.key).toBe(`${keyStream(HEADER).key}1申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请3其他0`);
      // Every key character still points at its place in the text.
      expect([...out.key].every((ch, i) => text[out.pos[i]!] === ch)).toBe(true);
    }
  });
});
