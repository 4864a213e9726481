/**
 * One record against its truth file: per-cell outcome (correct, flagged wrong, silent wrong) and the hard
 * identities whose outcome differs from the truth. The same rules as the reference scorer
 * (shared/tools/score.py): a wrong cell is flagged when the record itself says it may be wrong.
 */
import type { ReportRecord } from '../../src/model/record.js';
import { isHardIdentity } from '../../src/checks/index.js';

export interface Truth {
  template: string;
  activeDisclosure?: Record<string, Record<string, number | null>>;
  requests?: Record<string, Record<string, number | null>>;
  reviewLitigation?: Record<string, Record<string, number | null>>;
  sourceFailures?: string[];
  unknownChecks?: string[] | string;
  uncertain?: string[];
  /** Rows and columns a report adds (generated samples), scored like the template cells. */
  extraRows?: { label: string; after: string; values: Record<string, number | null> }[];
  extraColumns?: { label: string; values: Record<string, number | null> }[];
}

export interface Score {
  cells: number;
  correct: number;
  flaggedWrong: number;
  silentWrong: number;
  templateOk: boolean;
  /** Hard identities whose status differs from the truth (fail vs sourceFailures, unknown vs unknownChecks). */
  identityMismatches: string[];
  /** Of the truth's sourceFailures: how many the record reports failing, and how many of those with origin source. */
  sourceFailures: number;
  recalled: number;
  attributed: number;
  wrong: string[];
}

type Cellish = { value?: number | null; confidence?: number; reconstructed?: boolean; kind?: string };

function cellAt(record: ReportRecord, path: string): Cellish | undefined {
  const [table, ...rest] = path.split('.');
  const col = rest.pop()!;
  const row = rest.join('.');
  const t = record.tables[table as keyof ReportRecord['tables']] as unknown;
  if (!t) return undefined;
  const rows = (table === 'requests' ? (t as { rows: unknown }).rows : t) as Record<string, Record<string, Cellish>>;
  return rows[row]?.[col];
}

export function scoreRecord(record: ReportRecord, truth: Truth): Score {
  const flaggedByChecks = new Set(
    record.checks.filter((c) => (c.status === 'fail' || c.status === 'unknown') && c.origin !== 'source').flatMap((c) => c.cells),
  );
  const skip = new Set(truth.uncertain ?? []);
  const s: Score = {
    cells: 0,
    correct: 0,
    flaggedWrong: 0,
    silentWrong: 0,
    templateOk: record.template === truth.template,
    identityMismatches: [],
    sourceFailures: 0,
    recalled: 0,
    attributed: 0,
    wrong: [],
  };
  const scoreCell = (path: string, cell: Cellish | undefined, want: number | null) => {
    s.cells++;
    const got = cell ? (cell.value ?? null) : undefined;
    if (cell && (got === want || (got !== null && want !== null && Math.abs(got! - want) < 1e-9))) {
      s.correct++;
      return;
    }
    const flagged =
      flaggedByChecks.has(path) ||
      (cell !== undefined &&
        ((cell.confidence !== undefined && cell.confidence < 0.9) || cell.reconstructed === true || cell.kind === 'text'));
    if (flagged) s.flaggedWrong++;
    else s.silentWrong++;
    s.wrong.push(`${flagged ? 'flagged' : 'SILENT '} ${path}: got ${JSON.stringify(got)} want ${want}`);
  };
  for (const table of ['activeDisclosure', 'requests', 'reviewLitigation'] as const) {
    for (const [row, cols] of Object.entries(truth[table] ?? {})) {
      for (const [col, want] of Object.entries(cols)) {
        const path = `${table}.${row}.${col}`;
        if (skip.has(path)) continue;
        scoreCell(path, cellAt(record, path), want);
      }
    }
  }
  const requests = record.tables.requests;
  const extras: [string, Cellish | undefined, number | null][] = [];
  for (const row of truth.extraRows ?? []) {
    const got = requests?.extraRows?.find((r) => r.after === row.after && r.label === row.label);
    for (const [col, want] of Object.entries(row.values)) extras.push([`requests.extraRows[${row.after}].${col}`, got?.cells[col], want]);
  }
  for (const col of truth.extraColumns ?? []) {
    const got = requests?.extraColumns?.find((c) => c.label === col.label);
    for (const [row, want] of Object.entries(col.values)) extras.push([`requests.extraColumns[${col.label}].${row}`, got?.cells[row], want]);
  }
  for (const [path, cell, want] of extras) scoreCell(path, cell, want);

  const hard = record.checks.filter((c) => isHardIdentity(c.id));
  const failing = new Set(hard.filter((c) => c.status === 'fail').map((c) => c.id));
  const unknown = new Set(hard.filter((c) => c.status === 'unknown').map((c) => c.id));
  const wantFail = new Set(truth.sourceFailures ?? []);
  const wantUnknown = Array.isArray(truth.unknownChecks) ? new Set(truth.unknownChecks) : undefined;
  for (const c of hard) {
    const fails = failing.has(c.id) !== wantFail.has(c.id);
    const unknowns = wantUnknown !== undefined && unknown.has(c.id) !== wantUnknown.has(c.id);
    if (fails || unknowns) s.identityMismatches.push(`${c.id}: ${c.status}`);
  }
  for (const id of wantFail) {
    s.sourceFailures++;
    const c = hard.find((x) => x.id === id);
    if (c?.status === 'fail') {
      s.recalled++;
      if (c.origin === 'source') s.attributed++;
      else s.wrong.push(`source failure ${id} reported with origin ${c.origin ?? 'none'}`);
    } else s.wrong.push(`source failure ${id} not reported (${c?.status ?? 'no check'})`);
  }
  return s;
}
