/**
 * The national templates, declared once: row and column keys in template order with their printed labels.
 * Table builders, checks, the record schema and writers all read these tables.
 * Keys are fixed by shared/spec/record.md.
 */

export type TemplateId = 'gb2021' | 'gb2019';

export interface RequestRow {
  key: string;
  /** The row's own label as printed, with its ordinal (`（一）予以公开`, `1.属于国家秘密`). */
  label: string;
  /** Group label printed beside a run of sub-items (`（三）不予公开`). */
  group?: string;
  /** A leaf of T3-RESULT-SUM (the 办理结果 rows). */
  leaf: boolean;
}

export const REQUEST_COLUMNS = [
  { key: 'naturalPerson', label: '自然人' },
  { key: 'commercial', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'publicInterest', label: '社会公益组织' },
  { key: 'legalService', label: '法律服务机构' },
  { key: 'otherOrg', label: '其他' },
  { key: 'total', label: '总计' },
] as const;
export type RequestColumn = (typeof REQUEST_COLUMNS)[number]['key'];
export const ORG_COLUMNS: RequestColumn[] = ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];

/** The group label printed vertically beside the 办理结果 rows. */
export const RESULTS_GROUP = '三、本年度办理结果';

const HEAD: RequestRow[] = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', leaf: false },
  { key: 'carriedIn', label: '二、上年结转政府信息公开申请数量', leaf: false },
  { key: 'granted', label: '（一）予以公开', leaf: true },
  { key: 'partiallyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', leaf: true },
  { key: 'denied.stateSecret', group: '（三）不予公开', label: '1.属于国家秘密', leaf: true },
  { key: 'denied.prohibitedByLaw', group: '（三）不予公开', label: '2.其他法律行政法规禁止公开', leaf: true },
  { key: 'denied.threeSecurities', group: '（三）不予公开', label: '3.危及“三安全一稳定”', leaf: true },
  { key: 'denied.thirdPartyRights', group: '（三）不予公开', label: '4.保护第三方合法权益', leaf: true },
  { key: 'denied.internalAffairs', group: '（三）不予公开', label: '5.属于三类内部事务信息', leaf: true },
  { key: 'denied.processInformation', group: '（三）不予公开', label: '6.属于四类过程性信息', leaf: true },
  { key: 'denied.enforcementFiles', group: '（三）不予公开', label: '7.属于行政执法案卷', leaf: true },
  { key: 'denied.administrativeQuery', group: '（三）不予公开', label: '8.属于行政查询事项', leaf: true },
  { key: 'unableToProvide.notHeld', group: '（四）无法提供', label: '1.本机关不掌握相关政府信息', leaf: true },
  { key: 'unableToProvide.needsCreation', group: '（四）无法提供', label: '2.没有现成信息需要另行制作', leaf: true },
  { key: 'unableToProvide.stillUnclear', group: '（四）无法提供', label: '3.补正后申请内容仍不明确', leaf: true },
  { key: 'notProcessed.complaint', group: '（五）不予处理', label: '1.信访举报投诉类申请', leaf: true },
  { key: 'notProcessed.duplicate', group: '（五）不予处理', label: '2.重复申请', leaf: true },
  { key: 'notProcessed.publication', group: '（五）不予处理', label: '3.要求提供公开出版物', leaf: true },
  { key: 'notProcessed.excessive', group: '（五）不予处理', label: '4.无正当理由大量反复申请', leaf: true },
  { key: 'notProcessed.confirmation', group: '（五）不予处理', label: '5.要求行政机关确认或重新出具已获取信息', leaf: true },
];

/** gb2021 （六）其他处理 with its three sub-rows. */
export const OTHER_HANDLING_SPLIT: RequestRow[] = [
  {
    key: 'otherHandling.overdueCorrection',
    group: '（六）其他处理',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    leaf: true,
  },
  {
    key: 'otherHandling.overdueFee',
    group: '（六）其他处理',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    leaf: true,
  },
  { key: 'otherHandling.other', group: '（六）其他处理', label: '3.其他', leaf: true },
];

/** gb2019 (and some gb2021 reports): （六）其他处理 as one row. */
export const OTHER_HANDLING_SINGLE: RequestRow[] = [{ key: 'otherHandling', label: '（六）其他处理', leaf: true }];

const TAIL: RequestRow[] = [
  { key: 'totalProcessed', label: '（七）总计', leaf: false },
  { key: 'carriedOut', label: '四、结转下年度继续办理', leaf: false },
];

export type OtherHandlingForm = 'split' | 'single';

export function requestRows(form: OtherHandlingForm): RequestRow[] {
  return [...HEAD, ...(form === 'split' ? OTHER_HANDLING_SPLIT : OTHER_HANDLING_SINGLE), ...TAIL];
}

export function defaultOtherHandling(template: TemplateId): OtherHandlingForm {
  return template === 'gb2021' ? 'split' : 'single';
}

/** 表四: three groups of five. */
export const REVIEW_GROUPS = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉' },
  { key: 'litigationAfterReview', label: '复议后起诉' },
] as const;
export const REVIEW_COLUMNS = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number]['key'];
export type ReviewColumn = (typeof REVIEW_COLUMNS)[number]['key'];

/** 表二 rows: label, value columns, and how each column's values may look. */
export interface DisclosureColumn {
  key: string;
  label: string;
  /** Decimal values allowed (money). */
  decimal?: boolean;
  /** A sign allowed (gb2019 本年增/减). */
  signed?: boolean;
}
export interface DisclosureRow {
  key: string;
  label: string;
  /** Other printed forms of the label. */
  aliases?: string[];
  columns: DisclosureColumn[];
}

const ISSUED: DisclosureColumn[] = [
  { key: 'issued', label: '本年制发件数' },
  { key: 'repealed', label: '本年废止件数' },
  { key: 'inForce', label: '现行有效件数' },
];
const DECISIONS: DisclosureColumn[] = [{ key: 'decisions', label: '本年处理决定数量' }];

export const DISCLOSURE_ROWS: Record<TemplateId, DisclosureRow[]> = {
  gb2021: [
    { key: 'regulations', label: '规章', columns: ISSUED },
    { key: 'normativeDocuments', label: '行政规范性文件', aliases: ['规范性文件'], columns: ISSUED },
    { key: 'licensing', label: '行政许可', columns: DECISIONS },
    { key: 'penalties', label: '行政处罚', columns: DECISIONS },
    { key: 'coercion', label: '行政强制', columns: DECISIONS },
    { key: 'fees', label: '行政事业性收费', columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', decimal: true }] },
  ],
  gb2019: (() => {
    const made: DisclosureColumn[] = [
      { key: 'newlyMade', label: '本年新制作数量' },
      { key: 'newlyPublished', label: '本年新公开数量' },
      { key: 'totalPublished', label: '对外公开总数量' },
    ];
    const items: DisclosureColumn[] = [
      { key: 'previousYearItems', label: '上一年项目数量' },
      { key: 'change', label: '本年增/减', signed: true },
      { key: 'decisions', label: '处理决定数量' },
    ];
    return [
      { key: 'regulations', label: '规章', columns: made },
      { key: 'normativeDocuments', label: '规范性文件', aliases: ['行政规范性文件'], columns: made },
      { key: 'licensing', label: '行政许可', columns: items },
      { key: 'otherServices', label: '其他对外管理服务事项', columns: items },
      { key: 'penalties', label: '行政处罚', columns: items },
      { key: 'coercion', label: '行政强制', columns: items },
      { key: 'fees', label: '行政事业性收费', columns: items.slice(0, 2) },
      {
        key: 'procurement',
        label: '政府集中采购',
        columns: [
          { key: 'projects', label: '采购项目数量' },
          { key: 'totalAmount', label: '采购总金额', decimal: true },
        ],
      },
    ];
  })(),
};

/** Header words that decide the template (report-format.md §1). */
export const TEMPLATE_MARKERS: Record<TemplateId, string[]> = {
  // The first words alone too: a wrapped header (本年制发 / 件数 under it) interleaves with its neighbours.
  gb2021: ['本年制发件数', '本年制发'],
  gb2019: ['本年新制作数量', '对外公开总数量', '本年新制作', '对外公开总'],
};

/**
 * Labels that span several rows or columns and are often printed vertically (one character per line or a
 * vertical font). Every character of them is label text: a vertical run that is a piece of one of these
 * holds no values.
 */
export const SPANNING_LABELS: readonly string[] = [
  RESULTS_GROUP,
  ...new Set(requestRows('split').flatMap((r) => (r.group ? [r.group] : []))),
  OTHER_HANDLING_SINGLE[0]!.label,
  '申请人情况',
  '法人或其他组织',
  ...REVIEW_GROUPS.map((g) => g.label),
  '行政诉讼',
];
