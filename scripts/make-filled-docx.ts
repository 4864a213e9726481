/**
 * Writes samples/generated/docx/filled-2023.docx: the official blank 2021 template
 * (samples/real/template-2021-blank.docx) with a title and invented, internally consistent values typed into
 * its table cells, and filled-2023.docx.json, the same values in the format of samples/truth/*.json; also the
 * truth files of the two .doc conversions (filled-2023.doc.json, template-2021-blank.doc.json).
 *
 *     npx tsx scripts/make-filled-docx.ts
 *
 * Only word/document.xml changes: the title paragraph's text and the value cells' runs (each value gets the
 * run properties the cell already had, so fonts and sizes stay the template's). Table structure (gridSpan,
 * vMerge) is untouched. A few cells stay blank on purpose (a township leaving zeros blank); the identities
 * they take part in are then `unknown` and would pass with the blanks as 0. Every gb2021 hard identity is
 * asserted before anything is written. The zip keeps the template's entry order and dates, so the output
 * is the same on every run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';

const ROOT = join(import.meta.dirname, '..');
const TEMPLATE = join(ROOT, 'samples', 'real', 'template-2021-blank.docx');
const OUT_DIR = join(ROOT, 'samples', 'generated', 'docx');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const TITLE = '长水县人民政府2023年政府信息公开工作年度报告';
const AGENCY = '长水县人民政府';
const YEAR = 2023;

type V = number | null;

// ---------------------------------------------------------------------------------------------------------
// The record (null = the cell is left blank).

const activeDisclosure: Record<string, Record<string, V>> = {
  regulations: { issued: 1, repealed: 0, inForce: 3 },
  normativeDocuments: { issued: 12, repealed: 3, inForce: 45 },
  licensing: { decisions: 1234 },
  penalties: { decisions: 356 },
  coercion: { decisions: null },
  fees: { amount: 3.2416 },
};

const COLS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'] as const;
const ORG_COLS = COLS.slice(0, 6);

/** Row key, the label fragment the template prints, and the six applicant columns (the total is computed). */
const REQUEST_ROWS: [string, string, V[]][] = [
  ['newReceived', '一、本年新收政府信息公开申请数量', [40, 6, 1, 0, 2, 1]],
  ['carriedIn', '二、上年结转政府信息公开申请数量', [3, 1, 0, 0, 0, 0]],
  ['granted', '（一）予以公开', [20, 3, 1, 0, 1, 0]],
  ['partiallyGranted', '（二）部分公开', [5, 1, 0, 0, 0, 0]],
  ['denied.stateSecret', '1.属于国家秘密', [0, 0, 0, null, 0, 0]],
  ['denied.prohibitedByLaw', '2.其他法律行政法规禁止公开', [1, 0, 0, 0, 0, 0]],
  ['denied.threeSecurities', '3.危及“三安全一稳定”', [0, 0, 0, 0, 0, 0]],
  ['denied.thirdPartyRights', '4.保护第三方合法权益', [2, 0, 0, 0, 0, 0]],
  ['denied.internalAffairs', '5.属于三类内部事务信息', [1, 0, 0, 0, 0, 0]],
  ['denied.processInformation', '6.属于四类过程性信息', [1, 0, 0, 0, 0, 0]],
  ['denied.enforcementFiles', '7.属于行政执法案卷', [0, 0, 0, 0, 1, 0]],
  ['denied.administrativeQuery', '8.属于行政查询事项', [1, 0, 0, 0, 0, 0]],
  ['unableToProvide.notHeld', '1.本机关不掌握相关政府信息', [6, 1, 0, 0, 0, 0]],
  ['unableToProvide.needsCreation', '2.没有现成信息需要另行制作', [1, 0, 0, 0, 0, 0]],
  ['unableToProvide.stillUnclear', '3.补正后申请内容仍不明确', [1, 0, 0, 0, 0, 0]],
  ['notProcessed.complaint', '1.信访举报投诉类申请', [1, 0, 0, 0, 0, 0]],
  ['notProcessed.duplicate', '2.重复申请', [0, 1, 0, 0, 0, 0]],
  ['notProcessed.publication', '3.要求提供公开出版物', [0, 0, 0, null, 0, 0]],
  ['notProcessed.excessive', '4.无正当理由大量反复申请', [0, 0, 0, 0, 0, 0]],
  ['notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息', [0, 0, 0, 0, 0, 0]],
  ['otherHandling.overdueCorrection', '1.申请人无正当理由逾期不补正', [1, 0, 0, 0, 0, 0]],
  ['otherHandling.overdueFee', '2.申请人逾期未按收费通知要求缴纳费用', [0, 0, 0, 0, 0, 0]],
  ['otherHandling.other', '3.其他', [0, 0, 0, 0, 0, 1]],
  ['totalProcessed', '（七）总计', [41, 6, 1, 0, 2, 1]],
  ['carriedOut', '四、结转下年度继续办理', [2, 1, 0, 0, 0, 0]],
];

const reviewLitigation: Record<string, Record<string, V>> = {
  review: { upheld: 2, corrected: 1, other: 0, pending: 1, total: 4 },
  litigationDirect: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
  litigationAfterReview: { upheld: 1, corrected: 0, other: null, pending: 0, total: 1 },
};

const sum = (vs: V[]) => vs.reduce<number>((a, v) => a + (v ?? 0), 0);

const requests: Record<string, Record<string, V>> = {};
for (const [key, , values] of REQUEST_ROWS) {
  const row: Record<string, V> = {};
  ORG_COLS.forEach((c, i) => (row[c] = values[i]!));
  row.total = sum(values);
  requests[key] = row;
}

// ---------------------------------------------------------------------------------------------------------
// The identities of report-format.md §6: each must pass, or have a blank operand and pass with blanks as 0.

const LEAVES = REQUEST_ROWS.map(([k]) => k).filter((k) => !['newReceived', 'carriedIn', 'totalProcessed', 'carriedOut'].includes(k));

function identities(): { id: string; terms: V[]; left: number; right: number }[] {
  const out: { id: string; terms: V[]; left: number; right: number }[] = [];
  const r = (row: string, col: string) => requests[row]![col]!;
  for (const c of COLS) {
    const l = [r('newReceived', c), r('carriedIn', c)];
    const rt = [r('totalProcessed', c), r('carriedOut', c)];
    out.push({ id: `T3-BALANCE.${c}`, terms: [...l, ...rt], left: sum(l), right: sum(rt) });
    const leaves = LEAVES.map((k) => r(k, c));
    out.push({ id: `T3-RESULT-SUM.${c}`, terms: [r('totalProcessed', c), ...leaves], left: r('totalProcessed', c) ?? 0, right: sum(leaves) });
  }
  for (const [key] of REQUEST_ROWS) {
    const parts = ORG_COLS.map((c) => r(key, c));
    out.push({ id: `T3-ROW-TOTAL.${key}`, terms: [r(key, 'total'), ...parts], left: r(key, 'total') ?? 0, right: sum(parts) });
  }
  for (const [g, v] of Object.entries(reviewLitigation)) {
    const parts = [v.upheld!, v.corrected!, v.other!, v.pending!];
    out.push({ id: `T4-TOTAL.${g}`, terms: [v.total!, ...parts], left: v.total ?? 0, right: sum(parts) });
  }
  return out;
}

const checks = identities();
const bad = checks.filter((c) => c.left !== c.right);
if (bad.length) throw new Error(`identities fail: ${bad.map((c) => `${c.id} ${c.left}≠${c.right}`).join(', ')}`);
if (checks.length !== 42) throw new Error(`expected 42 hard identities, got ${checks.length}`);
const unknownChecks = checks.filter((c) => c.terms.some((t) => t === null)).map((c) => c.id);

// ---------------------------------------------------------------------------------------------------------
// Writing the values into the template.

function children(el: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).namespaceURI === W && (c as Element).localName === local) out.push(c as Element);
  }
  return out;
}

const textOf = (el: Element) =>
  Array.from(el.getElementsByTagNameNS(W, 't'))
    .map((t) => t.textContent ?? '')
    .join('');

/** Replaces a paragraph's runs by one run holding `text`, with the run properties it had. */
function setParagraph(dom: Document, p: Element, text: string) {
  const runs = children(p, 'r');
  const pPr = children(p, 'pPr')[0];
  const rPr = (runs[0] && children(runs[0], 'rPr')[0]) ?? (pPr && children(pPr, 'rPr')[0]);
  for (let c = p.firstChild; c; ) {
    const next = c.nextSibling;
    if (c !== pPr) p.removeChild(c);
    c = next;
  }
  const r = dom.createElementNS(W, 'w:r');
  if (rPr) r.appendChild(rPr.cloneNode(true));
  const t = dom.createElementNS(W, 'w:t');
  t.appendChild(dom.createTextNode(text));
  r.appendChild(t);
  p.appendChild(r);
}

/** A value cell: its first paragraph gets the value (or is emptied for a blank), any others go. */
function setCell(dom: Document, tc: Element, value: V) {
  const [p, ...rest] = children(tc, 'p');
  if (!p) throw new Error('a value cell without a paragraph');
  for (const extra of rest) tc.removeChild(extra);
  setParagraph(dom, p, value === null ? '' : String(value));
  if (value === null) for (const r of children(p, 'r')) p.removeChild(r);
}

async function main() {
  const zip = await JSZip.loadAsync(readFileSync(TEMPLATE));
  const entry = zip.file('word/document.xml')!;
  const dom = new DOMParser().parseFromString(await entry.async('string'), 'text/xml');
  const body = children(dom.documentElement!, 'body')[0]!;

  const titleP = children(body, 'p').find((p) => textOf(p) === '政府信息公开工作年度报告格式模板');
  if (!titleP) throw new Error('template title paragraph not found');
  setParagraph(dom, titleP, TITLE);

  const tables = children(body, 'tbl');
  if (tables.length !== 3) throw new Error(`expected 3 tables, found ${tables.length}`);
  const [t2, t3, t4] = tables as [Element, Element, Element];

  // 表二: a data row is a label cell and its value cells.
  const T2_ROWS: Record<string, [string, string[]]> = {
    规章: ['regulations', ['issued', 'repealed', 'inForce']],
    行政规范性文件: ['normativeDocuments', ['issued', 'repealed', 'inForce']],
    行政许可: ['licensing', ['decisions']],
    行政处罚: ['penalties', ['decisions']],
    行政强制: ['coercion', ['decisions']],
    行政事业性收费: ['fees', ['amount']],
  };
  let t2Rows = 0;
  for (const tr of children(t2, 'tr')) {
    const [label, ...values] = children(tr, 'tc');
    const spec = label && T2_ROWS[textOf(label).trim()];
    if (!spec) continue;
    const [key, cols] = spec;
    if (values.length !== cols.length) throw new Error(`表二 ${key}: ${values.length} value cells, expected ${cols.length}`);
    values.forEach((tc, i) => setCell(dom, tc, activeDisclosure[key]![cols[i]!]!));
    t2Rows++;
  }
  if (t2Rows !== 6) throw new Error(`表二: filled ${t2Rows} rows, expected 6`);

  // 表三: after the three header rows, 25 data rows in template order; the values are the last 7 cells.
  const t3Rows = children(t3, 'tr').slice(3);
  if (t3Rows.length !== REQUEST_ROWS.length) throw new Error(`表三: ${t3Rows.length} data rows`);
  t3Rows.forEach((tr, i) => {
    const [key, label] = REQUEST_ROWS[i]!;
    const cells = children(tr, 'tc');
    const values = cells.slice(-7);
    const labelText = cells.slice(0, -7).map(textOf).join('');
    if (!labelText.includes(label)) throw new Error(`表三 row ${i}: "${labelText}" is not ${label}`);
    if (values.some((tc) => textOf(tc).trim() !== '')) throw new Error(`表三 ${key}: value cells are not empty`);
    values.forEach((tc, c) => setCell(dom, tc, requests[key]![COLS[c]!]!));
  });

  // 表四: the last row holds the 15 values.
  const t4Last = children(t4, 'tr').at(-1)!;
  const t4Cells = children(t4Last, 'tc');
  if (t4Cells.length !== 15) throw new Error(`表四: ${t4Cells.length} cells in the value row`);
  const T4_COLS = ['upheld', 'corrected', 'other', 'pending', 'total'];
  ['review', 'litigationDirect', 'litigationAfterReview'].forEach((g, gi) =>
    T4_COLS.forEach((c, ci) => setCell(dom, t4Cells[gi * 5 + ci]!, reviewLitigation[g]![c]!)),
  );

  zip.file('word/document.xml', new XMLSerializer().serializeToString(dom), { date: entry.date, createFolders: false });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

  const blanks = [
    ...Object.entries(activeDisclosure).flatMap(([r, cs]) => Object.entries(cs).filter(([, v]) => v === null).map(([c]) => `activeDisclosure.${r}.${c}`)),
    ...Object.entries(requests).flatMap(([r, cs]) => Object.entries(cs).filter(([, v]) => v === null).map(([c]) => `requests.${r}.${c}`)),
    ...Object.entries(reviewLitigation).flatMap(([r, cs]) => Object.entries(cs).filter(([, v]) => v === null).map(([c]) => `reviewLitigation.${r}.${c}`)),
  ];
  const truth = {
    file: 'filled-2023.docx',
    template: 'gb2021',
    year: YEAR,
    agency: AGENCY,
    title: TITLE,
    activeDisclosure,
    requests,
    reviewLitigation,
    sourceFailures: [],
    unknownChecks,
    uncertain: [],
    notes:
      'Generated by scripts/make-filled-docx.ts from samples/real/template-2021-blank.docx: a fictional county, ' +
      'invented values typed into the template cells (table structure untouched). All 42 gb2021 hard identities hold; ' +
      `the cells left blank on purpose (${blanks.join(', ')}) make the identities in unknownChecks unknown, ` +
      'each passing if the blanks were 0. The fee is printed 3.2416 (万元, four decimals).',
  };

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'filled-2023.docx'), bytes);
  // Truth files sit beside their inputs as <file>.json (what `npm run eval` looks for). The .doc files are
  // LibreOffice conversions of the two DOCX files (see README.md): the same printed values.
  const json = (o: object) => `${JSON.stringify(o, null, 1)}\n`;
  writeFileSync(join(OUT_DIR, 'filled-2023.docx.json'), json(truth));
  writeFileSync(
    join(OUT_DIR, 'filled-2023.doc.json'),
    json({ ...truth, file: 'filled-2023.doc', notes: `${truth.notes} The .doc is LibreOffice's conversion of filled-2023.docx: same values.` }),
  );
  const blank = JSON.parse(readFileSync(join(ROOT, 'samples', 'truth', 'template-2021-blank.docx.json'), 'utf8')) as { notes: string };
  writeFileSync(
    join(OUT_DIR, 'template-2021-blank.doc.json'),
    json({ ...blank, file: 'template-2021-blank.doc', notes: `${blank.notes} The .doc is LibreOffice's conversion of the DOCX: same values.` }),
  );
  console.log(`filled-2023.docx ${bytes.length} bytes; blanks: ${blanks.join(' ')}; unknown: ${unknownChecks.join(' ')}`);
}

await main();
