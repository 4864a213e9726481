/**
 * 表二 主动公开政府信息情况: a few labelled rows, each with its own columns. Table 二 has no identities, so a
 * run of digits is split only when a single split is possible at all; otherwise the cells stay unread.
 */
import type { Cell } from '../model/cell.js';
import { findKey } from '../layout/keyed.js';
import { labelKey } from '../template/labelKey.js';
import { DISCLOSURE_ROWS, type TemplateId } from '../template/templates.js';
import { cellFromPiece, unreadCell } from './cells.js';
import type { TableContext } from './context.js';
import { locateLabels } from './labels.js';
import { candidateValues, describe, readRow } from './row-values.js';
import { headerCenters } from './columns.js';

const ANCHORS = ['第二十条', '信息内容'];

export function buildActiveDisclosure(ctx: TableContext, template: TemplateId): Record<string, Record<string, Cell>> | null {
  const { text } = ctx.stream;
  const rows = DISCLOSURE_ROWS[template];
  const anchor = ANCHORS.map((a) => findKey(ctx.keyed, labelKey(a), ctx.from, ctx.to)).find(Boolean);
  const from = anchor?.start ?? ctx.from;
  const located = locateLabels(text, ctx.keyed, rows, from, ctx.to);
  if (located.length === 0) return null;
  const out: Record<string, Record<string, Cell>> = {};
  let columns: number[] | undefined;
  for (const row of rows) {
    const i = located.findIndex((l) => l.key === row.key);
    const loc = located[i];
    const keys = row.columns.map((c) => c.key);
    const paths = keys.map((k) => `activeDisclosure.${row.key}.${k}`);
    if (!loc) {
      ctx.warnings.push({ code: 'ROW_NOT_FOUND', message: `表二: row ${row.label} not found`, cells: paths });
      out[row.key] = Object.fromEntries(keys.map((k) => [k, unreadCell('')]));
      continue;
    }
    // Each block of rows has its header just above it (第二十条第（五）项 信息内容 本年处理决定数量).
    if (row.columns.length > 1) {
      const header = headerCenters(ctx.stream, located[i - 1]?.end ?? from, loc.start, row.columns.map((c) => c.label));
      if (header) columns = header;
    } else columns = undefined;
    const read = readRow(ctx.stream, loc.values?.start ?? loc.end, loc.values?.end ?? located[i + 1]?.start ?? ctx.to, row.columns, undefined, columns);
    const pieces =
      read.status === 'direct'
        ? read.pieces
        : read.status === 'split' && read.candidates.length === 1 && !read.exhausted
          ? read.candidates[0]
          : undefined;
    if (pieces) {
      const split = read.status === 'split';
      if (split) {
        ctx.warnings.push({
          code: 'DIGITS_RUN_TOGETHER',
          message: `表二 ${row.label}: "${read.run}" printed without separators; only one split is possible: ${describe(pieces)}`,
          cells: paths,
        });
      }
      out[row.key] = Object.fromEntries(keys.map((k, j) => [k, cellFromPiece(ctx.stream, pieces[j]!, read.status === 'split' && !read.forced && pieces[j]!.split)]));
      continue;
    }
    if (read.status === 'empty') {
      out[row.key] = Object.fromEntries(keys.map((k) => [k, { value: null, raw: '', kind: 'blank' } satisfies Cell]));
      continue;
    }
    out[row.key] = Object.fromEntries(keys.map((k) => [k, unreadCell(read.run, ctx.stream, read.start, read.end)]));
    const why =
      read.status !== 'split'
        ? `${read.status === 'overflow' ? read.tokens.length : 0} values where ${keys.length} cells are`
        : read.candidates.length === 0
          ? `cannot be split into ${keys.length} cells`
          : `splits ${read.candidates.length}${read.exhausted ? '+' : ''} ways (table 二 has no identities to choose): ${read.candidates
              .slice(0, 6)
              .map(describe)
              .join(' | ')}`;
    ctx.warnings.push({
      code: 'DIGIT_RUN_UNRESOLVED',
      message: `表二 ${row.label}: "${read.run}" ${why}`,
      cells: paths,
      ...(read.status === 'split' ? candidateValues(read.candidates) : {}),
    });
  }
  return out;
}
