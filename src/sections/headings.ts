/** The six section titles and the variants reports print (report-format.md §2). */
export const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'] as const;

export const SECTION_TITLES: readonly (readonly string[])[] = [
  ['总体情况', '概述'],
  ['主动公开政府信息情况'],
  ['收到和处理政府信息公开申请情况'],
  [
    '政府信息公开行政复议、行政诉讼情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '因政府信息公开工作被申请行政复议提起行政诉讼情况',
    '因政府信息公开申请行政复议、提起行政诉讼的情况',
  ],
  ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况', '存在问题及改进情况'],
  ['其他需要报告的事项', '其他需要报告事项'],
];
