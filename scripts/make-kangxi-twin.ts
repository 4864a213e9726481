/**
 * Builds the "Kangxi twin" test sample: one realistic gb2021 report rendered to PDF twice from the same
 * rendering, once with the renderer's normal text layer (clean.pdf) and once with its ToUnicode CMaps
 * rewritten so that every glyph of a CJK unified ideograph that has a Kangxi Radical or CJK Radicals
 * Supplement twin maps to the radical (kangxi.pdf), the fault of report-format.md §8.1.
 *
 *   npx tsx scripts/make-kangxi-twin.ts [outDir]     (default samples/generated/kangxi-twin)
 *
 * Needs Debian packages (dev-time only): chromium, qpdf, poppler-utils, fonts-arphic-uming, fonts-wqy-zenhei.
 * Writes report.html (the source), clean.pdf, kangxi.pdf, their truth files (clean.pdf.json, kangxi.pdf.json: the same values) and README.md, then verifies the pair
 * with poppler (pdffonts, pdftotext, pdftoppm) and fails if any check does not hold.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.argv[2] ? join(process.cwd(), process.argv[2]) : join(ROOT, 'samples', 'generated', 'kangxi-twin');
const EUI_FILE = join(ROOT, 'normalizers', 'data', 'EquivalentUnifiedIdeograph.txt');

// ---------------------------------------------------------------------------------------------------------------
// The report's values (fixed; everything printed is derived from these).
// ---------------------------------------------------------------------------------------------------------------

const YEAR = 2023;
const AGENCY = '长水县人民政府'; // fictional county
const TITLE = `${AGENCY}${YEAR}年政府信息公开工作年度报告`;

/** Fonts: body text like 宋体/仿宋 (a Ming face), headings and tables like 黑体. Both TrueType, so Chromium embeds
 * them as subset CID TrueType fonts (OpenType/CFF faces such as Noto CJK come out as Type 3 fonts). */
const BODY_FONT = 'AR PL UMing CN';
const HEI_FONT = 'WenQuanYi Zen Hei';
const FONT_PACKAGES = ['fonts-arphic-uming', 'fonts-wqy-zenhei'];
const EXPECTED_PDF_FONTS = ['UMingCN', 'WenQuanYiZenHei'];

const COLS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'] as const;
type Col = (typeof COLS)[number];
const ORG: Col[] = ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];

interface Row3 {
  key: string;
  label: string;
  group?: string;
  leaf: boolean;
}
const ROWS3: Row3[] = [
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
  { key: 'totalProcessed', label: '（七）总计', leaf: false },
  { key: 'carriedOut', label: '四、结转下年度继续办理', leaf: false },
];

/** 表三 input: the six applicant columns of every row except the derived totalProcessed; `total` is derived. */
const T3_INPUT: Record<string, [number, number, number, number, number, number]> = {
  // columns: naturalPerson, commercial, research, publicInterest, legalService, otherOrg
  newReceived: [186, 23, 2, 1, 7, 4],
  carriedIn: [12, 3, 0, 0, 1, 0],
  granted: [98, 12, 1, 1, 3, 2],
  partiallyGranted: [21, 4, 0, 0, 1, 1],
  'denied.stateSecret': [0, 0, 0, 0, 0, 0],
  'denied.prohibitedByLaw': [1, 0, 0, 0, 0, 0],
  'denied.threeSecurities': [0, 0, 0, 0, 0, 0],
  'denied.thirdPartyRights': [3, 1, 0, 0, 0, 0],
  'denied.internalAffairs': [2, 0, 0, 0, 0, 0],
  'denied.processInformation': [4, 1, 0, 0, 0, 0],
  'denied.enforcementFiles': [1, 0, 0, 0, 1, 0],
  'denied.administrativeQuery': [2, 0, 0, 0, 0, 0],
  'unableToProvide.notHeld': [31, 4, 1, 0, 2, 0],
  'unableToProvide.needsCreation': [5, 1, 0, 0, 0, 0],
  'unableToProvide.stillUnclear': [3, 0, 0, 0, 0, 0],
  'notProcessed.complaint': [6, 0, 0, 0, 0, 1],
  'notProcessed.duplicate': [4, 1, 0, 0, 0, 0],
  'notProcessed.publication': [1, 0, 0, 0, 0, 0],
  'notProcessed.excessive': [0, 0, 0, 0, 0, 0],
  'notProcessed.confirmation': [2, 0, 0, 0, 0, 0],
  'otherHandling.overdueCorrection': [3, 0, 0, 0, 0, 0],
  'otherHandling.overdueFee': [0, 0, 0, 0, 0, 0],
  'otherHandling.other': [2, 0, 0, 0, 0, 0],
  carriedOut: [9, 2, 0, 0, 1, 0],
};

const T2 = {
  regulations: { issued: 0, repealed: 0, inForce: 0 }, // a county government makes no 规章
  normativeDocuments: { issued: 14, repealed: 3, inForce: 86 },
  licensing: { decisions: 12673 },
  penalties: { decisions: 1358 },
  coercion: { decisions: 47 },
  fees: { amount: 12.35 },
};
const FEE_PRINTED = '12.35'; // as printed in 表二 (two decimals)

const REVIEW_COLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const T4_INPUT: Record<'review' | 'litigationDirect' | 'litigationAfterReview', [number, number, number, number]> = {
  review: [3, 1, 0, 1],
  litigationDirect: [2, 0, 1, 0],
  litigationAfterReview: [1, 0, 0, 1],
};

// ---- derived tables ------------------------------------------------------------------------------------------

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const LEAVES = ROWS3.filter((r) => r.leaf).map((r) => r.key);

function buildRequests(): Record<string, Record<Col, number>> {
  const six = (key: string): number[] => {
    if (key === 'totalProcessed') return [0, 1, 2, 3, 4, 5].map((i) => sum(LEAVES.map((l) => T3_INPUT[l]![i]!)));
    const v = T3_INPUT[key];
    if (!v) throw new Error(`no input for row ${key}`);
    return v;
  };
  const out: Record<string, Record<Col, number>> = {};
  for (const r of ROWS3) {
    const v = six(r.key);
    out[r.key] = Object.fromEntries([...COLS.slice(0, 6).map((c, i) => [c, v[i]!]), ['total', sum(v)]]) as Record<Col, number>;
  }
  return out;
}
const REQUESTS = buildRequests();

const REVIEW = Object.fromEntries(
  Object.entries(T4_INPUT).map(([g, v]) => [g, Object.fromEntries([...REVIEW_COLS.slice(0, 4).map((c, i) => [c, v[i]!]), ['total', sum(v)]])]),
) as Record<keyof typeof T4_INPUT, Record<(typeof REVIEW_COLS)[number], number>>;

/** The 42 hard identities of report-format.md §6 (gb2021) and DOM-NONNEG-INT, evaluated on the values to be printed. */
function checkIdentities(): string[] {
  const failed: string[] = [];
  let n = 0;
  const R = REQUESTS;
  for (const c of COLS) {
    n += 2;
    if (R.newReceived![c] + R.carriedIn![c] !== R.totalProcessed![c] + R.carriedOut![c]) failed.push(`T3-BALANCE.${c}`);
    if (R.totalProcessed![c] !== sum(LEAVES.map((l) => R[l]![c]))) failed.push(`T3-RESULT-SUM.${c}`);
  }
  for (const r of ROWS3) {
    n++;
    const row = R[r.key]!;
    if (row.total !== row.naturalPerson + sum(ORG.map((c) => row[c]))) failed.push(`T3-ROW-TOTAL.${r.key}`);
  }
  for (const [g, v] of Object.entries(REVIEW)) {
    n++;
    if (v.total !== v.upheld + v.corrected + v.other + v.pending) failed.push(`T4-TOTAL.${g}`);
  }
  // DOM-NONNEG-INT is checked too, but is not one of the 42 counted identities.
  const counts = [
    ...Object.values(R).flatMap((row) => Object.values(row)),
    ...Object.values(REVIEW).flatMap((row) => Object.values(row)),
    ...Object.entries(T2).flatMap(([k, row]) => (k === 'fees' ? [] : Object.values(row))),
  ];
  if (!counts.every((x) => Number.isInteger(x) && x >= 0)) failed.push('DOM-NONNEG-INT');
  if (n !== 42) failed.push(`(evaluated ${n} identities, expected 42)`);
  return failed;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function table2(): string {
  const head3 = `<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>`;
  const head1 = (label: string) => `<tr><th>信息内容</th><th colspan="3">${label}</th></tr>`;
  const cap = (s: string) => `<tr><td colspan="4" class="cap">${s}</td></tr>`;
  const r3 = (label: string, v: { issued: number; repealed: number; inForce: number }) =>
    `<tr><td>${label}</td><td>${v.issued}</td><td>${v.repealed}</td><td>${v.inForce}</td></tr>`;
  const r1 = (label: string, v: string | number) => `<tr><td>${label}</td><td colspan="3">${v}</td></tr>`;
  return `<table class="t2">
<colgroup><col style="width:34%"><col style="width:22%"><col style="width:22%"><col style="width:22%"></colgroup>
${cap('第二十条第（一）项')}
${head3}
${r3('规章', T2.regulations)}
${r3('行政规范性文件', T2.normativeDocuments)}
${cap('第二十条第（五）项')}
${head1('本年处理决定数量')}
${r1('行政许可', T2.licensing.decisions)}
${cap('第二十条第（六）项')}
${head1('本年处理决定数量')}
${r1('行政处罚', T2.penalties.decisions)}
${r1('行政强制', T2.coercion.decisions)}
${cap('第二十条第（八）项')}
${head1('本年收费金额（单位：万元）')}
${r1('行政事业性收费', FEE_PRINTED)}
</table>`;
}

function table3(): string {
  const values = (key: string) => COLS.map((c) => `<td class="n">${REQUESTS[key]![c]}</td>`).join('');
  const lines: string[] = [
    `<tr><td colspan="3" rowspan="3" class="note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><th colspan="7">申请人情况</th></tr>`,
    `<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>`,
    `<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>`,
  ];
  const resultRows = ROWS3.filter((r) => !['newReceived', 'carriedIn', 'carriedOut'].includes(r.key));
  for (const r of ROWS3) {
    if (r.key === 'newReceived' || r.key === 'carriedIn' || r.key === 'carriedOut') {
      lines.push(`<tr><td colspan="3" class="lab">${esc(r.label)}</td>${values(r.key)}</tr>`);
      continue;
    }
    let head = '';
    if (r === resultRows[0]) head += `<td rowspan="${resultRows.length}" class="vert">三、本年度办理结果</td>`;
    if (!r.group) {
      head += `<td colspan="2" class="lab">${esc(r.label)}</td>`;
    } else {
      const members = ROWS3.filter((x) => x.group === r.group);
      if (members[0] === r) head += `<td rowspan="${members.length}" class="grp">${esc(r.group)}</td>`;
      head += `<td class="lab">${esc(r.label)}</td>`;
    }
    lines.push(`<tr>${head}${values(r.key)}</tr>`);
  }
  return `<table class="t3">
<colgroup><col style="width:4%"><col style="width:9%"><col style="width:31%">${'<col style="width:8%">'.repeat(7)}</colgroup>
${lines.join('\n')}
</table>`;
}

function table4(): string {
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const th = (rowspan = 1) => heads.map((h) => `<th${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}>${h}</th>`).join('');
  const groups = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
  const data = groups.flatMap((g) => REVIEW_COLS.map((c) => `<td class="n">${REVIEW[g][c]}</td>`)).join('');
  return `<table class="t4">
<colgroup>${'<col style="width:6.6667%">'.repeat(15)}</colgroup>
<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>
<tr>${th(2)}<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>
<tr>${th()}${th()}</tr>
<tr>${data}</tr>
</table>`;
}

function html(): string {
  const R = REQUESTS;
  const granted = R.granted!.total;
  const partial = R.partiallyGranted!.total;
  const unable = sum(['unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.stillUnclear'].map((k) => R[k]!.total));
  const deniedTotal = sum(LEAVES.filter((k) => k.startsWith('denied.')).map((k) => R[k]!.total));
  const reviewTotal = REVIEW.review.total;
  const litigationTotal = REVIEW.litigationDirect.total + REVIEW.litigationAfterReview.total;
  const nd = T2.normativeDocuments;
  const p = (s: string) => `<p>${s}</p>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${TITLE}</title>
<!-- Generated by scripts/make-kangxi-twin.ts: a fictional county's report; every figure is invented but consistent. -->
<style>
@page {
  size: A4;
  margin: 30mm 26mm 28mm 26mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "${BODY_FONT}"; font-size: 12pt; }
}
html { font-family: "${BODY_FONT}"; font-size: 12pt; line-height: 1.75; color: #000; }
body { margin: 0; }
h1 { font-family: "${HEI_FONT}"; font-weight: normal; font-size: 18pt; text-align: center; margin: 0 0 18pt; line-height: 1.4; }
h2 { font-family: "${HEI_FONT}"; font-weight: normal; font-size: 13pt; margin: 10pt 0 4pt; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: calc(100% - 2pt); margin: 6pt auto 10pt; font-family: "${HEI_FONT}"; font-size: 9.5pt; line-height: 1.35; table-layout: fixed; }
td, th { border: 0.75pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; font-weight: normal; }
td.cap { text-align: left; }
td.lab { text-align: left; }
td.note { text-align: center; font-size: 9pt; }
td.vert, td.grp { padding: 2pt 1pt; }
table.t4 th, table.t4 td { padding: 2pt 1pt; }
</style>
</head>
<body>
<h1>${TITLE}</h1>
${p(`本报告由${AGENCY}办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${YEAR}年1月1日起至${YEAR}年12月31日止。本报告电子版可在长水县人民政府门户网站下载。如对本报告有疑问，请与长水县人民政府办公室联系（地址：长水县人民大道1号）。`)}
<h2>一、总体情况</h2>
${p(`${YEAR}年，长水县人民政府坚持以人民为中心的发展思想，认真贯彻落实《条例》和上级政务公开工作要点，围绕县委、县政府中心工作，不断加大主动公开力度，提升依申请公开办理质量，政府信息公开工作取得新成效。`)}
${p(`（一）主动公开。全年通过县政府门户网站主动公开政府信息4862条，制发行政规范性文件${nd.issued}件。围绕民生关切，重点公开了长水河水利工程、农村饮水安全、森林防火、食品安全抽检、公交车线路调整、金融惠民、林木采伐许可等方面信息，及时发布防汛抗旱、大风降温等预警信息，做到群众关心什么就公开什么。`)}
${p(`（二）依申请公开。全年新收政府信息公开申请${R.newReceived!.total}件，上年结转${R.carriedIn!.total}件。已办结${R.totalProcessed!.total}件，其中予以公开${granted}件，部分公开${partial}件，不予公开${deniedTotal}件，无法提供${unable}件；结转下年度继续办理${R.carriedOut!.total}件。所有申请均在法定期限内答复，答复文书做到依据充分、说理清楚、告知救济途径。`)}
${p(`（三）政府信息管理。严格落实政府信息公开属性源头认定和发布前保密审查制度，全年审查拟公开信息5126条；对现行有效的行政规范性文件开展清理，废止${nd.repealed}件，现行有效${nd.inForce}件，全部在门户网站集中公开。`)}
${p(`（四）平台建设。优化县政府门户网站“政府信息公开”专栏，完善“长水发布”政务新媒体矩阵，开设“马上就办”在线问答栏目，全年回应网民留言1024条，群众满意率达98.6%。`)}
${p(`（五）监督保障。将政务公开工作纳入全县目标管理考核，开展政务公开业务培训3期，培训工作人员210人次；设立监督电话和意见箱，主动接受人大代表、政协委员和社会各界监督，持续改进工作作风。`)}
<h2>二、主动公开政府信息情况</h2>
${table2()}
<h2>三、收到和处理政府信息公开申请情况</h2>
${table3()}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
${table4()}
<h2>五、存在的主要问题及改进情况</h2>
${p(`（一）存在的主要问题。一是部分单位对政务公开工作重视不够，主动公开的内容不够全面，政策解读形式单一；二是个别单位依申请公开答复文书不够规范，工作人员业务能力有待提高；三是基层政务公开标准化规范化建设推进不平衡，乡镇、村（社区）公开专区作用发挥不够。`)}
${p(`（二）改进情况。一是加强组织领导，压紧压实各单位主体责任，把政务公开工作放在心上、抓在手上；二是加大培训力度，提升工作人员依法答复的能力和水平；三是推进基层政务公开标准目录落实，丰富图文、音视频等解读形式，让群众看得见、听得懂、用得上。`)}
<h2>六、其他需要报告的事项</h2>
${p(`（一）信息处理费收取情况。${YEAR}年，本机关未收取信息处理费。`)}
${p(`（二）行政复议、行政诉讼情况。全年因政府信息公开被申请行政复议${reviewTotal}件、提起行政诉讼${litigationTotal}件，已全部依法答复、出庭应诉。`)}
${p(`（三）人大代表建议和政协委员提案办理结果公开情况。全年承办人大代表建议86件、政协提案112件，办结率100%，办理结果已在门户网站全文公开。`)}
${p(`（四）年度政务公开工作要点落实情况。围绕优化营商环境、乡村振兴、水利建设、生态环境保护、义务教育、医疗卫生、食品药品安全、安全生产和火灾防控等重点领域，做好信息公开和政策解读，各项任务按时完成。`)}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Radicals: the reverse of §9's normalization.
// ---------------------------------------------------------------------------------------------------------------

/** For these ideographs prefer the CJK Radicals Supplement twin, as real files show (⺠ ⻓ ⻔ ⻛ ⻝ ⻅ ⻢ ⻋). */
const PREFER_SUPPLEMENT = [...'民长门风食见马车'];

function readEui(): Map<number, number> {
  const eui = new Map<number, number>();
  for (const line of readFileSync(EUI_FILE, 'utf8').split('\n')) {
    const data = line.replace(/#.*/, '').trim();
    if (!data) continue;
    const m = /^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})$/i.exec(data);
    if (!m) throw new Error(`cannot parse EUI line: ${line}`);
    const first = parseInt(m[1]!, 16);
    const last = m[2] ? parseInt(m[2], 16) : first;
    for (let cp = first; cp <= last; cp++) eui.set(cp, parseInt(m[3]!, 16));
  }
  return eui;
}
const EUI = readEui();

/** unified ideograph → the radical its ToUnicode entry will claim in the Kangxi twin. */
function radicalTable(): Map<number, number> {
  const kangxi = new Map<number, number>();
  for (let cp = 0x2f00; cp <= 0x2fd5; cp++) {
    const ideo = String.fromCodePoint(cp).normalize('NFKC').codePointAt(0)!;
    if (!kangxi.has(ideo)) kangxi.set(ideo, cp);
  }
  const supplement = new Map<number, number>();
  for (const [cp, ideo] of [...EUI].sort((a, b) => a[0] - b[0])) {
    if (cp >= 0x2e80 && cp <= 0x2eff && !supplement.has(ideo)) supplement.set(ideo, cp);
  }
  const table = new Map<number, number>(supplement);
  for (const [ideo, cp] of kangxi) table.set(ideo, cp); // Kangxi wins ...
  for (const ch of PREFER_SUPPLEMENT) {
    const ideo = ch.codePointAt(0)!;
    const s = supplement.get(ideo);
    if (s === undefined) throw new Error(`no supplement twin for ${ch}`);
    table.set(ideo, s); // ... except where real files show the supplement character
  }
  return table;
}
const TO_RADICAL = radicalTable();

function unRadical(s: string): string {
  return [...s]
    .map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x2f00 && cp <= 0x2fdf) return ch.normalize('NFKC');
      if (cp >= 0x2e80 && cp <= 0x2eff) {
        const to = EUI.get(cp);
        if (to === undefined) throw new Error(`radical ${ch} U+${cp.toString(16)} has no EUI mapping`);
        return String.fromCodePoint(to);
      }
      return ch;
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// ToUnicode CMap rewriting (bfchar / bfrange), on a QDF file read as latin1.
// ---------------------------------------------------------------------------------------------------------------

interface Entry {
  lo: number;
  hi: number;
  /** bfrange with a single incrementing destination (hex of the first), or a bfchar (lo === hi). */
  dst: string;
  range: boolean;
}

const hexToString = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};
const stringToHex = (s: string) =>
  [...s]
    .flatMap((ch) => {
      const cp = ch.codePointAt(0)!;
      return cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
    })
    .map((u) => u.toString(16).toUpperCase().padStart(4, '0'))
    .join('');

interface CMapEdit {
  body: string;
  changed: number;
}

/** Rewrites the mapping part of one ToUnicode CMap; returns null when nothing maps to an ideograph with a twin. */
function rewriteCMap(cmap: string): CMapEdit | null {
  const start = cmap.indexOf('endcodespacerange');
  const end = cmap.indexOf('endcmap');
  if (start < 0 || end < 0) throw new Error('ToUnicode CMap without codespacerange/endcmap');
  const bodyStart = start + 'endcodespacerange'.length;
  const body = cmap.slice(bodyStart, end);
  const codeWidth = /<([0-9A-Fa-f]+)>/.exec(cmap.slice(cmap.indexOf('begincodespacerange')))![1]!.length;

  // Expand every mapping to code → destination string.
  const map = new Map<number, string>();
  const blockRe = /(\d+)\s+begin(bfchar|bfrange)([\s\S]*?)end\2/g;
  let consumed = body;
  for (const m of body.matchAll(blockRe)) {
    consumed = consumed.replace(m[0], '');
    const kind = m[2]!;
    const items = m[3]!;
    if (kind === 'bfchar') {
      for (const e of items.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(parseInt(e[1]!, 16), e[2]!);
    } else {
      for (const e of items.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g)) {
        const lo = parseInt(e[1]!, 16);
        const hi = parseInt(e[2]!, 16);
        if (e[3] !== undefined) {
          const base = e[3];
          const last = parseInt(base.slice(-2), 16);
          if (last + (hi - lo) > 0xff) throw new Error(`bfrange ${e[0]} crosses a byte boundary`);
          for (let c = lo; c <= hi; c++) {
            map.set(c, base.slice(0, -2) + (last + c - lo).toString(16).toUpperCase().padStart(2, '0'));
          }
        } else {
          const dsts = [...e[4]!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]!);
          dsts.forEach((d, i) => map.set(lo + i, d));
        }
      }
    }
  }
  if (consumed.trim()) throw new Error(`unparsed CMap text: ${consumed.trim().slice(0, 80)}`);

  let changed = 0;
  const entries: [number, string][] = [...map].sort((a, b) => a[0] - b[0]);
  const edited = entries.map(([code, dstHex]): [number, string] => {
    const s = hexToString(dstHex.toUpperCase());
    const cps = [...s];
    if (cps.length === 1) {
      const rad = TO_RADICAL.get(cps[0]!.codePointAt(0)!);
      if (rad !== undefined) {
        changed++;
        return [code, stringToHex(String.fromCodePoint(rad))];
      }
    }
    return [code, dstHex.toUpperCase()];
  });
  if (!changed) return null;

  // Re-emit: runs of consecutive codes with consecutive single-unit destinations in one low byte → bfrange,
  // everything else → bfchar; at most 100 entries per block, as the PDF/CMap spec asks.
  const codeHex = (c: number) => c.toString(16).toUpperCase().padStart(codeWidth, '0');
  const chars: string[] = [];
  const ranges: string[] = [];
  for (let i = 0; i < edited.length; ) {
    let j = i;
    const [c0, d0] = edited[i]!;
    if (d0.length === 4) {
      const u0 = parseInt(d0, 16);
      while (
        j + 1 < edited.length &&
        edited[j + 1]![0] === c0 + (j + 1 - i) &&
        edited[j + 1]![1].length === 4 &&
        parseInt(edited[j + 1]![1], 16) === u0 + (j + 1 - i) &&
        ((c0 + (j + 1 - i)) & 0xff) !== 0 &&
        ((u0 + (j + 1 - i)) & 0xff) !== 0
      ) {
        j++;
      }
    }
    if (j > i) ranges.push(`<${codeHex(c0)}> <${codeHex(edited[j]![0])}> <${d0}>`);
    else chars.push(`<${codeHex(c0)}> <${d0}>`);
    i = j + 1;
  }
  const blocks = (kind: string, lines: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < lines.length; i += 100) {
      const chunk = lines.slice(i, i + 100);
      out.push(`${chunk.length} begin${kind}\n${chunk.join('\n')}\nend${kind}`);
    }
    return out;
  };
  const newBody = '\n' + [...blocks('bfchar', chars), ...blocks('bfrange', ranges)].join('\n') + '\n';
  return { body: cmap.slice(0, bodyStart) + newBody + cmap.slice(end), changed };
}

/** Rewrites every ToUnicode stream of a QDF file (latin1 text). */
function kangxiQdf(qdf: string): { qdf: string; cmaps: number; changed: number } {
  const ids = new Set([...qdf.matchAll(/\/ToUnicode (\d+) 0 R/g)].map((m) => m[1]!));
  let out = qdf;
  let changed = 0;
  let cmaps = 0;
  for (const id of ids) {
    const objAt = out.indexOf(`\n${id} 0 obj\n`);
    if (objAt < 0) throw new Error(`ToUnicode object ${id} not found`);
    const s = out.indexOf('\nstream\n', objAt) + '\nstream\n'.length;
    const e = out.indexOf('endstream', s);
    const edit = rewriteCMap(out.slice(s, e));
    if (!edit) continue;
    out = out.slice(0, s) + edit.body + out.slice(e);
    cmaps++;
    changed += edit.changed;
  }
  return { qdf: out, cmaps, changed };
}

// ---------------------------------------------------------------------------------------------------------------
// Running the tools
// ---------------------------------------------------------------------------------------------------------------

const run = (cmd: string, args: string[], opts: { binary?: boolean } = {}) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, encoding: opts.binary ? 'buffer' : 'utf8' } as never) as unknown as string;

function need(cmd: string, pkg: string) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${cmd} not found: apt-get update && apt-get install ${pkg}`);
  }
}

function versions() {
  const firstLine = (s: string) => s.split('\n').find((l) => l.trim())!.trim();
  const dpkg = (p: string) => run('dpkg-query', ['-W', '-f=${Version}', p]).trim();
  const pv = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  const popplerVersion = firstLine(`${pv.stdout ?? ''}\n${pv.stderr ?? ''}`);
  return {
    chromium: firstLine(run('chromium', ['--version'])),
    qpdf: firstLine(run('qpdf', ['--version'])),
    poppler: popplerVersion,
    fonts: Object.fromEntries(FONT_PACKAGES.map((p) => [p, dpkg(p)])),
    packages: Object.fromEntries(['chromium', 'qpdf', 'poppler-utils'].map((p) => [p, dpkg(p)])),
  };
}

function render(htmlPath: string, pdfPath: string, work: string) {
  run('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-pdf-header-footer',
    `--user-data-dir=${join(work, 'chromium-profile')}`,
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ]);
}

/** QDF → final PDF: fix lengths, drop dates, compress, deterministic /ID. */
function pack(qdfText: string, name: string, work: string, dest: string) {
  const edited = join(work, `${name}.edited.qdf.pdf`);
  const fixed = join(work, `${name}.fixed.qdf.pdf`);
  writeFileSync(edited, qdfText, 'latin1');
  writeFileSync(fixed, run('fix-qdf', [edited], { binary: true }));
  run('qpdf', ['--deterministic-id', '--compress-streams=y', '--object-streams=generate', fixed, dest]);
  run('qpdf', ['--check', dest]);
}

/** Removes /CreationDate and /ModDate from the document information dictionary and the renderer's random
 * trailer /ID (qpdf --deterministic-id then writes one computed from the content). */
function stripVolatile(qdf: string): string {
  const trailerAt = qdf.lastIndexOf('\ntrailer <<');
  if (trailerAt < 0) throw new Error('QDF trailer not found');
  const trailer = qdf.slice(trailerAt).replace(/^\s*\/ID \[<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\]\n/m, '');
  let out = qdf.slice(0, trailerAt) + trailer;
  const info = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
  if (!info) return out;
  const at = out.indexOf(`\n${info} 0 obj\n`);
  const end = out.indexOf('endobj', at);
  const obj = out.slice(at, end).replace(/^\s*\/(CreationDate|ModDate) \([^)]*\)\n/gm, '');
  out = out.slice(0, at) + obj + out.slice(end);
  if (/\/(CreationDate|ModDate) /.test(out.slice(at, out.indexOf('endobj', at)))) throw new Error('dates not removed');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------------------------

const isKangxi = (cp: number) => cp >= 0x2f00 && cp <= 0x2fdf;
const isSupplement = (cp: number) => cp >= 0x2e80 && cp <= 0x2eff;

function verify(clean: string, kangxi: string, work: string) {
  for (const f of [clean, kangxi]) {
    const rows = run('pdffonts', [f]).split('\n').slice(2).filter((l) => l.trim());
    const bad = rows.filter((l) => !/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/.test(l));
    const names = rows.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort();
    if (bad.length || names.join() !== [...EXPECTED_PDF_FONTS].sort().join()) {
      throw new Error(`${f}: unexpected fonts (a fallback font?):\n${rows.join('\n')}`);
    }
  }
  const text = (f: string) => run('pdftotext', ['-enc', 'UTF-8', f, '-']);
  const cleanText = text(clean);
  const kangxiText = text(kangxi);
  const cleanRadicals = [...cleanText].filter((c) => isKangxi(c.codePointAt(0)!) || isSupplement(c.codePointAt(0)!));
  if (cleanRadicals.length) throw new Error(`clean.pdf text has radicals: ${cleanRadicals.join('')}`);
  const kx = [...kangxiText].filter((c) => isKangxi(c.codePointAt(0)!));
  const sup = [...kangxiText].filter((c) => isSupplement(c.codePointAt(0)!));
  if (kx.length < 50 || sup.length < 10) throw new Error(`kangxi.pdf has too few radicals (${kx.length} + ${sup.length})`);
  if (unRadical(kangxiText) !== cleanText) throw new Error('kangxi.pdf text, radicals mapped back, differs from clean.pdf text');
  if (!cleanText.includes('一、总体情况') || !kangxiText.includes('⼀、总体情况')) throw new Error('section 一 heading not found');

  // Same pixels: render every page of both at 60 dpi and compare the PNG bytes.
  const pngs = (f: string, prefix: string) => {
    run('pdftoppm', ['-r', '60', '-png', f, join(work, prefix)]);
    return readdirSync(work)
      .filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('.png'))
      .sort()
      .map((n) => readFileSync(join(work, n)));
  };
  const a = pngs(clean, 'clean');
  const b = pngs(kangxi, 'kangxi');
  if (!a.length || a.length !== b.length || a.some((buf, i) => !buf.equals(b[i]!))) {
    throw new Error('the two PDFs do not render to identical pages');
  }
  const distinct = (xs: string[]) => [...new Set(xs)].sort().join('');
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [clean]))![1]);
  return {
    pages,
    pagesCompared: a.length,
    kangxiCount: kx.length,
    supplementCount: sup.length,
    kangxiDistinct: distinct(kx),
    supplementDistinct: distinct(sup),
    firstLines: kangxiText.split('\n').filter((l) => l.trim()).slice(0, 3),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------------

function truth() {
  const activeDisclosure = T2;
  return {
    file: 'clean.pdf',
    template: 'gb2021',
    year: YEAR,
    agency: AGENCY,
    title: TITLE,
    activeDisclosure,
    requests: REQUESTS,
    reviewLitigation: REVIEW,
    sourceFailures: [],
    unknownChecks: [],
    uncertain: [],
    notes:
      'Generated sample (scripts/make-kangxi-twin.ts), a fictional county; the values are the generator\'s input, ' +
      'i.e. exactly what is printed. The same truth holds for kangxi.pdf, which differs from clean.pdf only in its ' +
      'ToUnicode CMaps (ideographs with a radical twin map to U+2F00–2FD5 or U+2E80–2EFF). Template gb2021 (表二 ' +
      `本年制发件数, three （六）其他处理 sub-rows). 表二 fee printed "${FEE_PRINTED}" under 本年收费金额（单位：万元）. ` +
      'No blank or dash cells. All 42 hard identities pass. Prose in sections 一 and 六 quotes table figures ' +
      `(新收${REQUESTS.newReceived!.total}件, 予以公开${REQUESTS.granted!.total}件, 部分公开${REQUESTS.partiallyGranted!.total}件, ` +
      `行政复议${REVIEW.review.total}件) consistent with the tables. Pages carry "— N —" page numbers; 表三 may break across pages.`,
  };
}

function readme(v: ReturnType<typeof versions>, r: ReturnType<typeof verify>, edit: { cmaps: number; changed: number }, sizes: Record<string, number>) {
  return `# kangxi-twin: one report, two text layers

Generated by \`scripts/make-kangxi-twin.ts\`; do not edit by hand. Regenerate with

    npx tsx scripts/make-kangxi-twin.ts

(needs Debian packages: \`apt-get update && apt-get install chromium qpdf poppler-utils ${FONT_PACKAGES.join(' ')}\`).

| file | what |
|---|---|
| \`report.html\` | the source: ${TITLE} (a fictional county; all figures invented, internally consistent) |
| \`clean.pdf\` | ${r.pages} A4 pages, the renderer's normal text layer (${sizes['clean.pdf']} bytes) |
| \`kangxi.pdf\` | the same file with its ToUnicode CMaps rewritten: ideographs with a radical twin extract as radicals (${sizes['kangxi.pdf']} bytes) |
| \`clean.pdf.json\`, \`kangxi.pdf.json\` | the printed values in the format of \`samples/truth/*.json\` (the same for both PDFs), beside each input as \`npm run eval\` expects |

## How it was made

1. The script builds \`report.html\` from fixed values: title, a preface, the six gb2021 sections with prose,
   表二 (fee printed with two decimals, \`${FEE_PRINTED}\`), 表三 laid out like the official Word template
   (note cell, 申请人情况 / 法人或其他组织 header rows, 三、本年度办理结果 and the （三）–（六） group labels in
   rowspanned cells) and 表四 (two header rows, one data row of 15 numbers). All 42 hard identities of
   report-format.md §6 are asserted before rendering. Body text is set in ${BODY_FONT} (Ming/宋-like), headings and
   tables in ${HEI_FONT} (黑体-like); \`@page\` margin boxes print \`— N —\` page numbers.
2. Headless Chromium prints it to PDF (\`--print-to-pdf --no-pdf-header-footer\`). Both fonts are TrueType, so
   Skia embeds them as subset CID TrueType fonts (Identity-H) with ToUnicode CMaps. (OpenType/CFF faces such as
   Noto CJK would come out as Type 3 fonts; the script fails if any font other than these two appears.)
3. \`qpdf --qdf --object-streams=disable\` makes the streams editable. /CreationDate and /ModDate are removed from
   the Info dictionary (Title, Creator and Producer are kept) and the random trailer /ID is dropped.
   For \`kangxi.pdf\` only, every ToUnicode entry whose destination is a CJK unified ideograph with a twin
   is pointed at the radical: a Kangxi Radical (U+2F00–2FD5, whose NFKC is the ideograph) where one exists,
   else a CJK Radicals Supplement character whose Equivalent_Unified_Ideograph
   (\`normalizers/data/EquivalentUnifiedIdeograph.txt\`) is the ideograph; for ${PREFER_SUPPLEMENT.join(' ')} the
   supplement character is used (${PREFER_SUPPLEMENT.map((c) => String.fromCodePoint(TO_RADICAL.get(c.codePointAt(0)!)!)).join(' ')}, as real files show). The CMaps are
   re-emitted as bfchar/bfrange blocks of at most 100 entries (ranges split where an entry changes).
   ${edit.changed} entries in ${edit.cmaps} CMaps were changed.
4. Both files then go through the same \`fix-qdf\` and \`qpdf --deterministic-id --compress-streams=y
   --object-streams=generate\`, so glyphs, content streams and layout are byte-identical; only the CMaps differ.

Tools: ${v.chromium} (Debian chromium ${v.packages.chromium}); ${v.qpdf} (${v.packages.qpdf});
${v.poppler} (poppler-utils ${v.packages['poppler-utils']}); fonts ${Object.entries(v.fonts).map(([p, ver]) => `${p} ${ver}`).join(', ')}.
Chromium's own output depends on its version and the installed fonts; with the same packages the script
reproduces the same files.

## Verified by the script (poppler)

- \`pdffonts\`: exactly the two subset CID TrueType fonts in each file, with ToUnicode.
- \`pdftotext\` of \`clean.pdf\` has no character in U+2E80–U+2FDF.
- \`pdftotext\` of \`kangxi.pdf\` has ${r.kangxiCount} Kangxi Radicals (${[...r.kangxiDistinct].length} distinct: ${r.kangxiDistinct})
  and ${r.supplementCount} CJK Radicals Supplement characters (${[...r.supplementDistinct].length} distinct: ${r.supplementDistinct}).
  Its first lines read: ${r.firstLines.map((l) => `\`${l}\``).join(' / ')}.
- Mapping each radical back (NFKC for Kangxi, EUI for the supplement) gives exactly the text of \`clean.pdf\`.
- \`pdftoppm -r 60 -png\`: all ${r.pagesCompared} pages of the two files render to byte-identical PNGs.
`;
}

// ---------------------------------------------------------------------------------------------------------------

function main() {
  for (const [cmd, pkg] of [
    ['chromium', 'chromium'],
    ['qpdf', 'qpdf'],
    ['fix-qdf', 'qpdf'],
    ['pdftotext', 'poppler-utils'],
    ['pdftoppm', 'poppler-utils'],
    ['pdffonts', 'poppler-utils'],
    ['fc-list', 'fontconfig'],
  ] as const) {
    need(cmd, pkg);
  }
  const families = run('fc-list', [':', 'family']);
  for (const f of [BODY_FONT, HEI_FONT]) {
    if (!families.includes(f)) throw new Error(`font "${f}" not installed: apt-get install ${FONT_PACKAGES.join(' ')}`);
  }
  const failed = checkIdentities();
  if (failed.length) throw new Error(`identities fail: ${failed.join(', ')}`);

  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kangxi-twin-'));
  try {
    const htmlPath = join(OUT, 'report.html');
    writeFileSync(htmlPath, html());
    const raw = join(work, 'raw.pdf');
    render(htmlPath, raw, work);
    const qdfPath = join(work, 'raw.qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', raw, qdfPath]);
    const qdf = stripVolatile(readFileSync(qdfPath, 'latin1'));
    const edit = kangxiQdf(qdf);
    if (!edit.changed) throw new Error('no ToUnicode entry changed');
    const clean = join(OUT, 'clean.pdf');
    const kangxi = join(OUT, 'kangxi.pdf');
    pack(qdf, 'clean', work, clean);
    pack(edit.qdf, 'kangxi', work, kangxi);

    const result = verify(clean, kangxi, work);
    const sizes = Object.fromEntries(['clean.pdf', 'kangxi.pdf'].map((n) => [n, readFileSync(join(OUT, n)).length]));
    for (const [n, size] of Object.entries(sizes)) if (size > 300 * 1024) throw new Error(`${n} is ${size} bytes (> 300 KB)`);
    for (const pdf of ['clean.pdf', 'kangxi.pdf']) writeFileSync(join(OUT, `${pdf}.json`), JSON.stringify({ ...truth(), file: pdf }, null, 1) + '\n');
    writeFileSync(join(OUT, 'README.md'), readme(versions(), result, edit, sizes));
    console.log(`wrote ${relative(process.cwd(), OUT) || '.'}: clean.pdf ${sizes['clean.pdf']} B, kangxi.pdf ${sizes['kangxi.pdf']} B, ${result.pages} pages`);
    console.log(`ToUnicode: ${edit.changed} entries changed in ${edit.cmaps} CMaps`);
    console.log(`kangxi.pdf text: ${result.kangxiCount} Kangxi (${result.kangxiDistinct}), ${result.supplementCount} supplement (${result.supplementDistinct})`);
    console.log('verified: clean text radical-free; mapped-back texts identical; page renders identical');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
