/**
 * The truth file of a generated sample, in the format of samples/truth/*.json: the values as printed (null for
 * a blank or a dash), the hard identities that fail in the document as printed (sourceFailures) and those
 * left unknown by blank cells (unknownChecks). Extra fields (extraRows, extraColumns, generator) are
 * informational.
 */
import type { PrintedTables } from './cells.js';
import { values } from './cells.js';
import type { Outcome } from './identities.js';
import type { Injection } from './inject.js';
import type { Layout } from './layout.js';
import type { GenRecord } from './record.js';
import type { Variant } from './variant.js';

export interface TruthInput {
  seed: number;
  index: number;
  variant: Variant;
  layout: Layout;
  record: GenRecord;
  tables: PrintedTables;
  outcome: Outcome;
  injection: Injection | null;
  tags: string[];
}

const CONVENTION_NOTE: Record<Variant['convention'], string> = {
  zero: 'every cell printed, zeros as 0',
  blank: 'zeros printed as blank cells (null here)',
  dash: 'zeros printed as a dash (null here)',
  mixed: 'zeros printed as 0, ０, blank, — or / cell by cell (blank and dashes null here)',
  'totals-only': '总计 column printed only in rows 一、二、（七）、四 (other rows\' totals blank, null here); zeros as 0',
};

export function cellsAsTruth(file: string, x: TruthInput): Record<string, unknown> {
  const { record: r, variant: v, tables: t, outcome, injection } = x;
  const form = r.form === 'split' ? 'three （六）其他处理 sub-rows' : 'one （六）其他处理 row (requests.otherHandling)';
  const notes = [
    `Generated sample (scripts/generate, seed ${x.seed}, report ${x.index}); a fictional ${r.level} agency, every figure invented.`,
    `Template ${r.template}${v.hybrid ? ' (hybrid: 表二 in the 2021 form, 表三 with the single （六） row)' : ''}; 表三 has ${form}.`,
    `Cells: ${CONVENTION_NOTE[v.convention]}${v.convention === 'dash' ? ` (dash "${v.dash}")` : ''}${v.commas ? '; thousands separators' : ''}.`,
    v.extraColumn ? '表三 adds a 法人或其他组织 小计 column after 其他 (extraColumns, not a template key).' : '',
    v.subtotalRows ? '表三 adds a 小计 row closing each of the （三）–（六） groups (extraRows, not template keys).' : '',
    injection
      ? `INJECTED inconsistency (${injection.kind}): ${injection.description}; recorded failures ${injection.fails.join(', ')}; failing as printed: ${outcome.failed.join(', ') || 'none'}.`
      : `All hard identities pass as printed${outcome.unknown.length ? ` except ${outcome.unknown.length} left unknown by blank cells` : ''}.`,
    `Layout: ${x.tags.filter((s) => !s.startsWith('conv:')).join(', ')}.`,
  ].filter(Boolean);
  const extraColumns = t.extraColumn
    ? [{ label: '小计', group: '法人或其他组织', values: Object.fromEntries(Object.entries(t.extraColumn).map(([k, c]) => [k, c.value])) }]
    : undefined;
  const extraRows = t.subtotalRows.length
    ? t.subtotalRows.map((s) => ({
        label: s.label,
        group: s.group,
        after: s.after,
        values: Object.fromEntries(Object.entries(s.cells).map(([k, c]) => [k, c.value])),
        ...(s.extra ? { extraColumn: s.extra.value } : {}),
      }))
    : undefined;
  return {
    file,
    template: r.template,
    year: r.year,
    agency: r.agency,
    title: r.title,
    activeDisclosure: values(t.activeDisclosure),
    requests: values(t.requests),
    reviewLitigation: values(t.reviewLitigation),
    sourceFailures: [...outcome.failed].sort(),
    unknownChecks: [...outcome.unknown].sort(),
    uncertain: [],
    notes: notes.join(' '),
    ...(extraRows ? { extraRows } : {}),
    ...(extraColumns ? { extraColumns } : {}),
    generator: {
      seed: x.seed,
      index: x.index,
      tags: x.tags,
      injection: injection ?? null,
    },
  };
}
