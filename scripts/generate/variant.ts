/**
 * What a report contains (as opposed to how it looks, layout.ts): template, agency level, extra rows and
 * columns, the cell convention, an injected inconsistency, and which input kinds are written.
 *
 * Options are dealt from shuffled decks in blocks, so every run of a few dozen reports covers every option,
 * and report i depends only on (seed, i), not on how many reports are made.
 */
import type { OtherHandlingForm, TemplateId } from '../../src/template/templates.js';
import type { Level } from './names.js';
import type { Rng } from './prng.js';

/** How zeros and other cells are printed (report-format.md §5). */
export type Convention =
  /** every value printed, zeros as 0 */
  | 'zero'
  /** zeros left blank */
  | 'blank'
  /** zeros printed as a dash (—, -, /, ／, --, 无) */
  | 'dash'
  /** zeros printed as 0, blank or a dash, cell by cell */
  | 'mixed'
  /** 总计 column filled only in rows 一、二、（七）、四 (other rows' totals blank) */
  | 'totals-only';

export type InjectionKind =
  | 'cell-off'
  | 'total-ignores-row'
  | 'row-total-ignores-column'
  | 'swap-columns'
  | 'swap-rows'
  | 't4-total-ignores'
  | 't4-cell-off';

export type TextStyle = 'spaced' | 'layout' | 'crawled';

export interface Variant {
  index: number;
  template: TemplateId;
  form: OtherHandlingForm;
  /** gb2021 表二 with the single （六） row. */
  hybrid: boolean;
  level: Level;
  year: number;
  allZero: boolean;
  /** The 8-column variant: a 法人或其他组织 小计 column. */
  extraColumn: boolean;
  /** 小计 rows after the （三）–（六） groups. */
  subtotalRows: boolean;
  convention: Convention;
  /** The dash printed for the `dash` convention. */
  dash: string;
  /** Thousands separators in numbers ≥ 1000. */
  commas: boolean;
  injection: InjectionKind | null;
  kinds: { pdf: boolean; html: 'utf-8' | 'gbk' | null; text: TextStyle | null };
}

export const DASHES = ['—', '-', '/', '／', '--', '无'] as const;

/** Deals option lists: each category has its own decks, reshuffled every block of `options.length` reports. */
function dealer(rng: Rng) {
  return <T>(category: string, index: number, options: readonly T[]): T => {
    const block = Math.floor(index / options.length);
    const deck = rng.fork(`deck:${category}:${block}`).shuffle(options);
    return deck[index % options.length]!;
  };
}

/** Forms: gb2021, gb2019, and the hybrid (gb2021 表二 with one （六） row). */
const FORMS = ['gb2021', 'gb2021', 'gb2021', 'gb2019', 'gb2019', 'hybrid'] as const;
const LEVELS: Level[] = ['township', 'township', 'department', 'county', 'county', 'city', 'province'];
const CONVENTIONS: Convention[] = ['zero', 'zero', 'blank', 'dash', 'mixed', 'totals-only'];
export const INJECTION_KINDS: InjectionKind[] = ['cell-off', 'total-ignores-row', 'row-total-ignores-column', 'swap-columns', 'swap-rows', 't4-total-ignores', 't4-cell-off'];

export function drawVariant(seedRng: Rng, index: number): Variant {
  const deal = dealer(seedRng);
  const rng = seedRng.fork(`variant:${index}`);
  const form = deal('form', index, FORMS);
  const template: TemplateId = form === 'gb2019' ? 'gb2019' : 'gb2021';
  const year =
    form === 'gb2019' ? rng.weighted([[2019, 3], [2020, 4], [2021, 1]] as const) : form === 'hybrid' ? rng.pick([2023, 2024]) : rng.pick([2021, 2022, 2023, 2024]);
  const level = deal('level', index, LEVELS);
  const convention = deal('convention', index, CONVENTIONS);
  // One report in seven carries an injected inconsistency, cycling through the kinds.
  const injected = index % 7 === 3;
  const injection = injected ? INJECTION_KINDS[Math.floor(index / 7) % INJECTION_KINDS.length]! : null;
  const allZero = level === 'township' && !injected && rng.chance(0.35);
  const html = rng.weighted([
    ['utf-8', 5],
    ['gbk', 1.2],
    [null, 3],
  ] as const);
  // Crawled and single-spaced text cannot show where a blank cell stands: only the padded layout carries blanks.
  const blanks = convention === 'blank' || convention === 'mixed' || convention === 'totals-only';
  const text: TextStyle | null = rng.chance(0.55) ? (blanks ? 'layout' : deal('text', index, ['spaced', 'layout', 'crawled'] as const)) : null;
  const pdf = rng.chance(0.85) || (!html && !text);
  return {
    index,
    template,
    form: form === 'gb2021' ? 'split' : 'single',
    hybrid: form === 'hybrid',
    level,
    year,
    allZero,
    extraColumn: deal('extraColumn', index, [false, false, false, true]),
    subtotalRows: deal('subtotalRows', index, [false, false, false, true, false]),
    convention: allZero && convention === 'totals-only' ? 'zero' : convention,
    dash: rng.pick(DASHES),
    commas: level !== 'township' && rng.chance(0.25),
    injection,
    kinds: { pdf, html, text },
  };
}

/** Short tags for the manifest and the coverage table. */
export function variantTags(v: Variant): string[] {
  const tags: string[] = [v.hybrid ? 'hybrid' : v.template, v.level, `conv:${v.convention}`];
  if (v.convention === 'dash') tags.push(`dash:${v.dash}`);
  if (v.allZero) tags.push('all-zero');
  if (v.extraColumn) tags.push('8col');
  if (v.subtotalRows) tags.push('subtotal-row');
  if (v.commas) tags.push('commas');
  return tags;
}
