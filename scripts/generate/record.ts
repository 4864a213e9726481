/**
 * Random but realistic report values that satisfy every hard identity of report-format.md §6.
 *
 * The record holds numbers only: how a value is printed (blank, 0, `/`, `—`) is decided later per report
 * (cells.ts), and the truth follows what is printed.
 */
import {
  DISCLOSURE_ROWS,
  ORG_COLUMNS,
  REQUEST_COLUMNS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestRows,
  type OtherHandlingForm,
  type RequestColumn,
  type ReviewColumn,
  type ReviewGroup,
  type TemplateId,
} from '../../src/template/templates.js';
import type { Rng } from './prng.js';
import { drawAgency, drawTitle, type Level } from './names.js';

export type RequestValues = Record<string, Record<RequestColumn, number>>;
export type ReviewValues = Record<ReviewGroup, Record<ReviewColumn, number>>;
export type DisclosureValues = Record<string, Record<string, number>>;

export interface GenRecord {
  template: TemplateId;
  /** How （六）其他处理 is printed: gb2019 and the hybrid print one row. */
  form: OtherHandlingForm;
  level: Level;
  year: number;
  agency: string;
  /** The office that compiles the report (prose). */
  office: string;
  title: string;
  activeDisclosure: DisclosureValues;
  requests: RequestValues;
  reviewLitigation: ReviewValues;
  /** Decimals the fee amount (gb2021, 万元) is printed with. */
  feeDecimals: number;
  /** gb2019 采购总金额: the unit written inline and the decimals printed. */
  procurement: { unit: '元' | '万元'; decimals: number };
  /** Information processing fees (信息处理费) collected, in 元, for section 六's prose. */
  processingFeeYuan: number;
  /** Items published proactively this year (prose only). */
  publishedItems: number;
}

export interface RecordOptions {
  template: TemplateId;
  form: OtherHandlingForm;
  level: Level;
  year: number;
  /** Force a township report with no requests at all (all zeros). */
  allZero?: boolean;
}

export const COLS = REQUEST_COLUMNS.map((c) => c.key);
export const PART_COLS = COLS.filter((c) => c !== 'total');

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Applications received in the year (all columns), by level. */
function newReceivedTotal(rng: Rng, level: Level, allZero: boolean): number {
  if (allZero) return 0;
  switch (level) {
    case 'township':
      return rng.chance(0.55) ? 0 : rng.int(1, 6);
    case 'department':
      return rng.chance(0.15) ? 0 : rng.logInt(1, 80);
    case 'county':
      return rng.logInt(5, 450);
    case 'city':
      return rng.logInt(80, 3200);
    case 'province':
      return rng.logInt(300, 6000);
  }
}

/** Relative weights of the leaves (the 办理结果 rows) in template order. */
function leafWeights(rng: Rng, leaves: readonly string[]): number[] {
  const base: Record<string, number> = {
    granted: 30,
    partiallyGranted: 8,
    'denied.stateSecret': 0.3,
    'denied.prohibitedByLaw': 1,
    'denied.threeSecurities': 0.4,
    'denied.thirdPartyRights': 2,
    'denied.internalAffairs': 1,
    'denied.processInformation': 2,
    'denied.enforcementFiles': 1,
    'denied.administrativeQuery': 1.5,
    'unableToProvide.notHeld': 22,
    'unableToProvide.needsCreation': 4,
    'unableToProvide.stillUnclear': 2,
    'notProcessed.complaint': 5,
    'notProcessed.duplicate': 3,
    'notProcessed.publication': 0.5,
    'notProcessed.excessive': 0.6,
    'notProcessed.confirmation': 2,
    'otherHandling.overdueCorrection': 3,
    'otherHandling.overdueFee': 0.3,
    'otherHandling.other': 3,
    otherHandling: 6,
  };
  return leaves.map((k) => {
    const w = base[k];
    if (w === undefined) throw new Error(`no weight for leaf ${k}`);
    if (w < 5 && rng.chance(0.3)) return 0; // this agency never used that ground
    return w * (0.3 + 1.4 * rng.next());
  });
}

function requests(rng: Rng, o: RecordOptions): RequestValues {
  const rows = requestRows(o.form);
  const leaves = rows.filter((r) => r.leaf).map((r) => r.key);
  const n = newReceivedTotal(rng, o.level, o.allZero ?? false);
  // Applicants: natural persons dominate; legal-service firms and companies next.
  const colWeights = [85 * (0.6 + 0.8 * rng.next()), 8 * rng.next() * 2, 0.5 * rng.next(), 0.4 * rng.next(), 3 * rng.next(), 2 * rng.next()];
  const newBy = rng.split(n, colWeights);
  const carryRate = rng.chance(0.35) ? 0 : 0.02 + 0.08 * rng.next();
  const outRate = rng.chance(0.35) ? 0 : 0.02 + 0.08 * rng.next();
  const lw = leafWeights(rng, leaves);
  const out: RequestValues = {};
  const put = (key: string, parts: number[]) => {
    const row = Object.fromEntries(PART_COLS.map((c, i) => [c, parts[i]!])) as Record<RequestColumn, number>;
    row.total = sum(parts);
    out[key] = row;
  };
  const carriedIn = newBy.map((x) => (x === 0 ? (rng.chance(0.03) ? 1 : 0) : rng.split(x, [carryRate, 1 - carryRate])[0]!));
  const carriedOut = newBy.map((x, i) => {
    const avail = x + carriedIn[i]!;
    return avail === 0 ? 0 : rng.split(avail, [outRate, 1 - outRate])[0]!;
  });
  const processed = newBy.map((x, i) => x + carriedIn[i]! - carriedOut[i]!);
  const leafBy = processed.map((p) => rng.split(p, lw)); // [col][leaf]
  put('newReceived', newBy);
  put('carriedIn', carriedIn);
  leaves.forEach((leaf, li) => put(leaf, leafBy.map((col) => col[li]!)));
  put('totalProcessed', processed);
  put('carriedOut', carriedOut);
  // Template order.
  return Object.fromEntries(rows.map((r) => [r.key, out[r.key]!]));
}

function reviewLitigation(rng: Rng, level: Level, allZero: boolean): ReviewValues {
  const scale: Record<Level, [number, number, number]> = {
    township: [0, 2, 0.9],
    department: [0, 12, 0.5],
    county: [0, 40, 0.3],
    city: [3, 150, 0.05],
    province: [10, 300, 0.02],
  };
  const [lo, hi, pZero] = scale[level];
  const draw = (f: number) => {
    if (allZero || rng.chance(pZero)) return 0;
    const v = lo === 0 ? rng.int(0, Math.max(1, Math.round(hi * f * rng.next()))) : rng.logInt(Math.max(1, Math.round(lo * f)), Math.max(1, Math.round(hi * f)));
    return v;
  };
  const totals = { review: draw(1), litigationDirect: draw(0.6), litigationAfterReview: draw(0.3) };
  const out = {} as ReviewValues;
  for (const g of REVIEW_GROUPS) {
    const t = totals[g.key];
    const [upheld, corrected, other, pending] = rng.split(t, [60, 8 * rng.next() + 2, 15 * rng.next(), 15 * rng.next()]);
    out[g.key] = { upheld: upheld!, corrected: corrected!, other: other!, pending: pending!, total: t };
  }
  for (const g of REVIEW_GROUPS) for (const c of REVIEW_COLUMNS) if (out[g.key][c.key] === undefined) throw new Error('T4 key');
  return out;
}

function count(rng: Rng, level: Level, ranges: Partial<Record<Level, [number, number, number]>>): number {
  const r = ranges[level];
  if (!r) return 0;
  const [pZero, lo, hi] = r;
  if (rng.chance(pZero)) return 0;
  return rng.logInt(lo, hi);
}

const LICENSING: Partial<Record<Level, [number, number, number]>> = {
  township: [0.6, 1, 300],
  department: [0.2, 20, 30000],
  county: [0.02, 500, 40000],
  city: [0, 3000, 250000],
  province: [0, 2000, 150000],
};
const PENALTIES: Partial<Record<Level, [number, number, number]>> = {
  township: [0.7, 1, 80],
  department: [0.2, 5, 5000],
  county: [0.05, 100, 8000],
  city: [0, 800, 60000],
  province: [0.1, 50, 5000],
};
const COERCION: Partial<Record<Level, [number, number, number]>> = {
  township: [0.9, 1, 10],
  department: [0.5, 1, 800],
  county: [0.2, 5, 600],
  city: [0.05, 30, 5000],
  province: [0.3, 5, 500],
};

function disclosure2021(rng: Rng, level: Level, feeDecimals: number): DisclosureValues {
  const makesRules = level === 'province' || level === 'city';
  const regs = makesRules
    ? (() => {
        const issued = rng.int(0, level === 'province' ? 18 : 8);
        const repealed = rng.int(0, 6);
        return { issued, repealed, inForce: Math.max(issued, rng.int(30, level === 'province' ? 320 : 120)) };
      })()
    : { issued: 0, repealed: 0, inForce: 0 };
  const ndHi: Record<Level, [number, number]> = { township: [3, 25], department: [15, 80], county: [40, 300], city: [60, 600], province: [80, 900] };
  const [iHi, fHi] = ndHi[level];
  const issued = rng.chance(level === 'township' ? 0.6 : 0.05) ? 0 : rng.int(1, iHi);
  const repealed = rng.chance(0.4) ? 0 : rng.int(0, Math.max(1, Math.round(iHi / 2)));
  const inForce = Math.max(issued, rng.int(Math.max(0, issued - repealed), fHi));
  const feeRaw =
    level === 'township' ? (rng.chance(0.8) ? 0 : rng.next() * 30) : rng.chance(0.1) ? 0 : Math.exp(Math.log(1) + rng.next() * Math.log(40000));
  return {
    regulations: regs,
    normativeDocuments: { issued, repealed, inForce },
    licensing: { decisions: count(rng, level, LICENSING) },
    penalties: { decisions: count(rng, level, PENALTIES) },
    coercion: { decisions: count(rng, level, COERCION) },
    fees: { amount: round(feeRaw, feeDecimals) },
  };
}

function disclosure2019(rng: Rng, level: Level, procurement: GenRecord['procurement']): DisclosureValues {
  const made = (hi: number, total: number) => {
    const newlyMade = rng.chance(0.3) ? 0 : rng.int(1, hi);
    const newlyPublished = rng.chance(0.8) ? newlyMade : rng.int(0, newlyMade);
    return { newlyMade, newlyPublished, totalPublished: Math.max(newlyPublished, rng.int(newlyPublished, total)) };
  };
  const items = (ranges: Partial<Record<Level, [number, number, number]>>) => {
    const previousYearItems = rng.chance(0.15) ? 0 : rng.logInt(1, level === 'township' ? 40 : 900);
    const change = rng.chance(0.55) ? 0 : rng.int(-Math.min(previousYearItems, 20), 40);
    return { previousYearItems, change, decisions: count(rng, level, ranges) };
  };
  const makesRules = level === 'province' || level === 'city';
  const projects = level === 'township' ? rng.int(0, 6) : rng.logInt(1, 600);
  const yuan = projects === 0 ? 0 : projects * (20000 + rng.next() * 900000);
  const totalAmount = procurement.unit === '元' ? round(yuan, procurement.decimals) : round(yuan / 10000, procurement.decimals);
  const feesPrev = level === 'township' ? rng.int(0, 3) : rng.int(0, 60);
  return {
    regulations: makesRules ? made(12, 300) : { newlyMade: 0, newlyPublished: 0, totalPublished: 0 },
    normativeDocuments: made(level === 'township' ? 3 : 60, level === 'township' ? 20 : 600),
    licensing: items(LICENSING),
    otherServices: items(PENALTIES),
    penalties: items(PENALTIES),
    coercion: items(COERCION),
    fees: { previousYearItems: feesPrev, change: rng.chance(0.7) ? 0 : rng.int(-Math.min(feesPrev, 5), 3) },
    procurement: { projects, totalAmount },
  };
}

export function generateRecord(rng: Rng, o: RecordOptions): GenRecord {
  const agency = drawAgency(rng.fork('agency'), o.level);
  const title = drawTitle(rng.fork('title'), agency, o.year);
  const feeDecimals = rng.weighted([
    [0, 1],
    [2, 3],
    [4, 3],
  ] as const);
  const procurement: GenRecord['procurement'] = rng.chance(0.6) ? { unit: '元', decimals: rng.pick([0, 2]) } : { unit: '万元', decimals: rng.pick([2, 4]) };
  const allZero = o.allZero ?? false;
  const activeDisclosure = o.template === 'gb2021' ? disclosure2021(rng.fork('t2'), o.level, feeDecimals) : disclosure2019(rng.fork('t2'), o.level, procurement);
  // Keep key order of the template declaration.
  const ordered: DisclosureValues = {};
  for (const row of DISCLOSURE_ROWS[o.template]) {
    const v = activeDisclosure[row.key];
    if (!v) throw new Error(`no values for 表二 row ${row.key}`);
    ordered[row.key] = Object.fromEntries(row.columns.map((c) => [c.key, v[c.key]!]));
  }
  const req = requests(rng.fork('t3'), o);
  return {
    template: o.template,
    form: o.form,
    level: o.level,
    year: o.year,
    agency: agency.name,
    office: agency.office,
    title,
    activeDisclosure: ordered,
    requests: req,
    reviewLitigation: reviewLitigation(rng.fork('t4'), o.level, allZero),
    feeDecimals,
    procurement,
    processingFeeYuan: rng.chance(0.85) ? 0 : rng.int(1, 40) * 10,
    publishedItems: o.level === 'township' ? rng.int(30, 600) : rng.logInt(300, 60000),
  };
}

/** The 法人或其他组织 subtotal of a 表三 row (the 8-column variant). */
export function orgSubtotal(row: Readonly<Record<string, number | null>>): number | null {
  const xs = ORG_COLUMNS.map((c) => row[c]);
  return xs.some((x) => x === null || x === undefined) ? null : sum(xs as number[]);
}
