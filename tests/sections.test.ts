/** Section headings, title, agency and year. */
import { describe, expect, it } from 'vitest';
import { findHeadings } from '../src/sections/split.js';
import { findTitle } from '../src/sections/title.js';
import { rejoinParagraphs } from '../src/sections/paragraphs.js';

describe('findHeadings', () => {
  it('finds the six sections in flattened text, with a typo and variants, and skips table rows', () => {
    const text =
      '序言。一、概述本年度…二、主动公开政府信息情况第二十条三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量1' +
      '四、结转下年度继续办理0四、政府信息公开行政法复议、行政诉讼情况0五、政府信息公开工作存在的主要问题及改进情况无六、其他需要报告事项无';
    expect(findHeadings(text).map((h) => h.title)).toEqual([
      '一、概述',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政法复议、行政诉讼情况',
      '五、政府信息公开工作存在的主要问题及改进情况',
      '六、其他需要报告事项',
    ]);
  });

  it('falls back to the pre-2019 titles', () => {
    const text = '一、概述 甲。二、主动公开政府信息情况 乙。三、政府信息依申请公开工作情况 丙。四、政府信息公开的收费及减免情况 丁。';
    expect(findHeadings(text).map((h) => [h.number, h.title])).toEqual([
      [1, '一、概述'],
      [2, '二、主动公开政府信息情况'],
      [3, '三、政府信息依申请公开工作情况'],
      [4, '四、政府信息公开的收费及减免情况'],
    ]);
  });
});

describe('findTitle', () => {
  it.each([
    ['平昌关镇2022年政府信息公开工作年度报告\n正文', '平昌关镇2022年政府信息公开工作年度报告', '平昌关镇', 2022],
    ['标题: 平潭综合实验区2023年度政府信息公开工作年度报告\n', '平潭综合实验区2023年度政府信息公开工作年度报告', '平潭综合实验区', 2023],
    ['2023年淮安市人民政府政府信息公开工作年度报告', '2023年淮安市人民政府政府信息公开工作年度报告', '淮安市人民政府', 2023],
  ])('%s', (text, title, agency, year) => {
    expect(findTitle(text, text.length)).toEqual({ title, agency, year });
  });

  it('falls back to the statistics period for the year', () => {
    expect(findTitle('本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。', 100)).toEqual({
      title: null,
      agency: null,
      year: 2019,
    });
  });
});

describe('rejoinParagraphs', () => {
  it('joins lines broken at the margin and keeps list items apart', () => {
    expect(rejoinParagraphs('我镇着眼于建立\n\n长效机制。\n（二）依申请公开\n方面 2022\nyear')).toBe(
      '我镇着眼于建立长效机制。\n（二）依申请公开方面 2022 year',
    );
  });
});
