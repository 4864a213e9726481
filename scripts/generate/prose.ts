/**
 * The report's prose: a preface and the six sections, quoting some table figures the way real reports do
 * (新收申请N件, 予以公开N件, 行政复议N件, 信息处理费 in 元). Figures come from the record before any injected
 * inconsistency: the prose says what the agency meant, the table what it printed.
 */
import { requestRows, type TemplateId } from '../../src/template/templates.js';
import type { GenRecord } from './record.js';
import type { Layout } from './layout.js';
import type { Rng } from './prng.js';

export interface Section {
  title: string;
  /** Paragraphs (a section's table, if any, follows them). */
  paragraphs: string[];
}

export interface Prose {
  preface: string | null;
  sections: Section[];
}

const TITLES: string[][] = [
  ['一、总体情况', '一、总体情况', '一、概述'],
  ['二、主动公开政府信息情况'],
  ['三、收到和处理政府信息公开申请情况'],
  ['四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '四、因政府信息公开工作被申请行政复议提起行政诉讼情况'],
  ['五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题及改进情况', '五、存在问题及改进情况'],
  ['六、其他需要报告的事项', '六、其他需要报告事项'],
];

export function sectionTitles(style: number): string[] {
  return TITLES.map((variants, i) => variants[(style + i) % variants.length]!);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function spaced(s: string): string {
  return s.replace(/(\d)(?=[\u4e00-\u9fff])/g, '$1 ').replace(/([\u4e00-\u9fff])(?=\d)/g, '$1 ');
}

function notice(template: TemplateId): string {
  return template === 'gb2021'
    ? '《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）'
    : '《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）';
}

export function writeProse(r: GenRecord, layout: Layout, rng: Rng): Prose {
  const R = r.requests;
  const rows = requestRows(r.form);
  const tot = (key: string) => R[key]!.total;
  const group = (prefix: string) => sum(rows.filter((x) => x.key.startsWith(prefix)).map((x) => tot(x.key)));
  const T4 = r.reviewLitigation;
  const D = r.activeDisclosure;
  const Y = r.year;
  const titles = sectionTitles(layout.sectionStyle);
  const fix = (s: string) => (layout.proseSpaces ? spaced(s) : s);
  const ps = (xs: string[]) => xs.map(fix);

  const preface = layout.preface
    ? fix(
        `本报告由${r.office}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${notice(r.template)}要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${Y}年1月1日起至${Y}年12月31日止。如对本报告有疑问，请与${r.office}联系。`,
      )
    : null;

  const newTotal = tot('newReceived');
  const nd = D.normativeDocuments!;
  const ndIssued = r.template === 'gb2021' ? nd.issued! : nd.newlyMade!;
  const reviewTotal = T4.review.total;
  const litigationTotal = T4.litigationDirect.total + T4.litigationAfterReview.total;

  const active = rng.pick([
    `（一）主动公开。全年主动公开政府信息${r.publishedItems}条，制发${r.template === 'gb2021' ? '行政' : ''}规范性文件${ndIssued}件。围绕群众关切，重点公开了财政预决算、重大建设项目、公共资源配置、社会救助、食品药品安全等领域信息。`,
    `（一）主动公开。坚持“以公开为常态、不公开为例外”，通过门户网站、政务新媒体和公开栏公开政府信息${r.publishedItems}条，及时发布政策文件和解读材料。`,
  ]);
  const request =
    newTotal === 0 && tot('carriedIn') === 0
      ? rng.pick([`（二）依申请公开。${Y}年，本机关未收到政府信息公开申请。`, `（二）依申请公开。全年共收到政府信息公开申请0件，无上年结转申请。`])
      : rng.pick([
          `（二）依申请公开。全年新收政府信息公开申请${newTotal}件，上年结转${tot('carriedIn')}件。已办结${tot('totalProcessed')}件，其中予以公开${tot('granted')}件，部分公开${tot('partiallyGranted')}件，不予公开${group('denied.')}件，无法提供${group('unableToProvide.')}件，不予处理${group('notProcessed.')}件，其他处理${group('otherHandling')}件；结转下年度继续办理${tot('carriedOut')}件。`,
          `（二）依申请公开。全年共受理政府信息公开申请${newTotal + tot('carriedIn')}件（含上年结转${tot('carriedIn')}件），予以公开及部分公开${tot('granted') + tot('partiallyGranted')}件，所有申请均在法定期限内答复。`,
        ]);
  const s1 = ps([
    `${Y}年，${r.agency}坚持以人民为中心的发展思想，认真贯彻落实《条例》和上级政务公开工作要点，围绕中心工作，不断加大主动公开力度，提升依申请公开办理质量，政府信息公开工作取得新成效。`,
    active,
    request,
    `（三）政府信息管理。严格落实政府信息公开属性源头认定和发布前保密审查制度，对现行有效的规范性文件开展清理，全部在门户网站集中公开。`,
    `（四）平台建设。优化门户网站“政府信息公开”专栏，完善政务新媒体矩阵，及时回应网民留言，群众满意度持续提升。`,
    `（五）监督保障。将政务公开工作纳入目标管理考核，开展政务公开业务培训，主动接受社会各界监督，持续改进工作作风。`,
  ]);
  const s2 = ps([`${Y}年主动公开政府信息情况如下表。`]);
  const s3 = ps([rng.pick([`${Y}年收到和处理政府信息公开申请情况如下表。`, '收到和处理政府信息公开申请情况统计如下。'])]);
  const s4 = ps([
    reviewTotal + litigationTotal === 0
      ? `${Y}年，未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。`
      : `${Y}年，因政府信息公开工作被申请行政复议${reviewTotal}件，被提起行政诉讼${litigationTotal}件。`,
  ]);
  const s5 = ps([
    '（一）存在的主要问题。一是部分单位对政务公开工作重视不够，主动公开的内容不够全面，政策解读形式单一；二是依申请公开答复文书不够规范，工作人员业务能力有待提高。',
    '（二）改进情况。一是加强组织领导，压实主体责任；二是加大培训力度，提升依法答复的能力和水平；三是丰富图文、音视频等解读形式，让群众看得懂、用得上。',
  ]);
  const fee = r.processingFeeYuan === 0 ? `${Y}年，本机关未收取信息处理费。` : `${Y}年，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费${r.processingFeeYuan}元。`;
  const s6 = ps([
    `（一）信息处理费收取情况。${fee}`,
    `（二）人大代表建议和政协委员提案办理结果公开情况。全年办理的建议提案办理结果均已按要求公开。`,
    ...(reviewTotal > 0 && rng.chance(0.5) ? [`（三）行政复议情况。全年因政府信息公开被申请行政复议${reviewTotal}件，均已依法办理。`] : []),
  ]);
  return {
    preface,
    sections: [
      { title: titles[0]!, paragraphs: s1 },
      { title: titles[1]!, paragraphs: s2 },
      { title: titles[2]!, paragraphs: s3 },
      { title: titles[3]!, paragraphs: s4 },
      { title: titles[4]!, paragraphs: s5 },
      { title: titles[5]!, paragraphs: s6 },
    ],
  };
}
