/**
 * The output record (shared/spec/record.md): schema first, types derived.
 * Table shapes come from the declared template data, so keys are written in one place only.
 */
import { z } from 'zod';
import { Cell } from './cell.js';
import { DISCLOSURE_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type TemplateId } from '../template/templates.js';

export { Cell } from './cell.js';

function objectOf<K extends string, T extends z.ZodType>(keys: readonly K[], value: T) {
  return z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);
}

export const Source = z.object({
  path: z.string(),
  sha256: z.string(),
  mediaType: z.string(),
  extractor: z.enum(['text', 'pdf-text', 'pdf-ocr', 'html', 'docx']),
  encoding: z.string().optional(),
  pages: z.number().int().optional(),
  ocrPages: z.array(z.number().int()).optional(),
});

export const Section = z.object({
  /** 1..6 in the national template; a free-form (pre-2019) report numbers up to its last section. */
  number: z.number().int().min(1).max(10),
  title: z.string(),
  text: z.string(),
});

const RowCells = z.record(z.string(), Cell);

export const RequestsTable = z.object({
  columns: z.array(z.string()),
  rows: z.record(z.string(), RowCells),
  /** Rows the report adds (a 小计 row), kept apart from the template keys. */
  extraRows: z.array(z.object({ label: z.string(), after: z.string(), cells: RowCells })).optional(),
  /** Columns the report adds (a 法人或其他组织 subtotal), kept apart from the template keys. */
  extraColumns: z.array(z.object({ label: z.string(), cells: RowCells })).optional(),
});

const ReviewGroupCells = objectOf(
  REVIEW_COLUMNS.map((c) => c.key),
  Cell,
);
export const ReviewLitigationTable = objectOf(
  REVIEW_GROUPS.map((g) => g.key),
  ReviewGroupCells,
);

function disclosureSchema(template: TemplateId) {
  return z.object(
    Object.fromEntries(
      DISCLOSURE_ROWS[template].map((r) => [r.key, objectOf(r.columns.map((c) => c.key), Cell)]),
    ),
  );
}
export const ActiveDisclosureTable = z.union([disclosureSchema('gb2021'), disclosureSchema('gb2019')]);

export const Check = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  status: z.enum(['pass', 'fail', 'unknown']),
  formula: z.string(),
  left: z.number().nullable(),
  right: z.number().nullable(),
  delta: z.number().nullable(),
  /** Record paths of the cells involved (`requests.newReceived.total`). */
  cells: z.array(z.string()),
  /** On fail: is the document inconsistent (`source`) or our reading doubtful (`extraction`)? */
  origin: z.enum(['source', 'extraction', 'undetermined']).optional(),
  /** On unknown: the outcome if blank operands were 0. */
  ifBlankZero: z.enum(['pass', 'fail']).optional(),
  /** The probable wrong cell when one row and one column fail by the same delta. */
  culprit: z.string().optional(),
  message: z.string().optional(),
});

export const Warning = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().optional(),
  cells: z.array(z.string()).optional(),
  /** For a run of digits left unresolved: the readings that remained (at most 20), in `cells` order. */
  candidates: z.array(z.array(z.number().nullable())).optional(),
});

export const Normalization = z.object({
  replaced: z.number().int().nonnegative(),
  byClass: z.record(z.string(), z.number().int().nonnegative()),
});

export const ReportRecord = z.object({
  schemaVersion: z.literal(1),
  source: Source,
  title: z.string().nullable(),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  template: z.enum(['gb2021', 'gb2019', 'none']),
  sections: z.array(Section),
  tables: z.object({
    activeDisclosure: ActiveDisclosureTable.nullable(),
    requests: RequestsTable.nullable(),
    reviewLitigation: ReviewLitigationTable.nullable(),
  }),
  checks: z.array(Check),
  normalization: Normalization,
  warnings: z.array(Warning),
});

export type Source = z.infer<typeof Source>;
export type Section = z.infer<typeof Section>;
export type RequestsTable = z.infer<typeof RequestsTable>;
export type ReviewLitigationTable = z.infer<typeof ReviewLitigationTable>;
export type ActiveDisclosureTable = Record<string, Record<string, Cell>>;
export type Check = z.infer<typeof Check>;
export type Warning = z.infer<typeof Warning>;
export type Normalization = z.infer<typeof Normalization>;
export type ReportRecord = z.infer<typeof ReportRecord>;
export type Tables = ReportRecord['tables'];

export function recordJsonSchema(): unknown {
  return z.toJSONSchema(ReportRecord, { io: 'output' });
}
