import { z } from 'zod';

export const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const CellKind = z.enum(['number', 'blank', 'dash', 'text']);

export const Cell = z.object({
  value: z.number().nullable(),
  raw: z.string(),
  kind: CellKind,
  page: z.number().int().positive().optional(),
  bbox: Bbox.optional(),
  /** HTML/DOCX provenance: which table, row and column of the source grid. */
  address: z.object({ table: z.number().int(), row: z.number().int(), column: z.number().int() }).optional(),
  /** Text input provenance: character offset in the decoded source text. */
  offset: z.number().int().nonnegative().optional(),
  unit: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
  reconstructed: z.literal(true).optional(),
});
export type Cell = z.infer<typeof Cell>;

/** A cell is reliable when nothing about how it was read makes it doubtful. */
export function isUncertain(cell: Cell): boolean {
  return (
    cell.kind === 'text' ||
    cell.reconstructed === true ||
    (cell.confidence !== undefined && cell.confidence < 0.9)
  );
}
