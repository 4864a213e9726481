/** Evaluating a set of samples: per input kind, the accuracy table the issue asks for. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractRecord } from '../../src/pipeline/extract.js';
import type { ReportRecord } from '../../src/model/record.js';
import { scoreRecord, type Score, type Truth } from './score.js';

export interface KindRow {
  kind: string;
  reports: number;
  cells: number;
  correct: number;
  silentWrong: number;
  flaggedWrong: number;
  identityMismatches: number;
  sourceFailures: number;
  recalled: number;
  attributed: number;
  errors: number;
}

export interface EvalResult {
  rows: KindRow[];
  details: { input: string; kind: string; score?: Score; error?: string }[];
}

/**
 * The input kind, with text whose table cells are printed with nothing between them (crawled pages:
 * 一、本年新收…801000081) apart: such a run often has several readings that satisfy every identity, so
 * those cells are flagged, never guessed, and that text cannot reach 100%.
 */
function evalKind(record: ReportRecord): string {
  const runs = record.warnings.some((w) => w.code === 'DIGITS_RUN_TOGETHER' || w.code === 'DIGIT_RUN_UNRESOLVED');
  return record.source.extractor === 'text' && runs ? 'text-runs' : record.source.extractor;
}

/** How a record is obtained for an input: by default extracted here, in this thread. */
export type ReadRecord = (input: string, name: string) => Promise<ReportRecord>;

const extractHere: ReadRecord = (input, name) => extractRecord(new Uint8Array(readFileSync(input)), name);

export async function evaluate(pairs: { input: string; truth: string }[], root: string, read: ReadRecord = extractHere): Promise<EvalResult> {
  const details: EvalResult['details'] = [];
  for (const { input, truth } of pairs) {
    const name = path.relative(root, input);
    try {
      const record = await read(input, name);
      const t = JSON.parse(readFileSync(truth, 'utf8')) as Truth;
      details.push({ input: name, kind: evalKind(record), score: scoreRecord(record, t) });
    } catch (e) {
      details.push({ input: name, kind: kindOf(input), error: e instanceof Error ? e.message : String(e) });
    }
  }
  const byKind = new Map<string, KindRow>();
  for (const d of details) {
    const r =
      byKind.get(d.kind) ??
      ({ kind: d.kind, reports: 0, cells: 0, correct: 0, silentWrong: 0, flaggedWrong: 0, identityMismatches: 0, sourceFailures: 0, recalled: 0, attributed: 0, errors: 0 } as KindRow);
    byKind.set(d.kind, r);
    r.reports++;
    if (!d.score) {
      r.errors++;
      continue;
    }
    r.cells += d.score.cells;
    r.correct += d.score.correct;
    r.silentWrong += d.score.silentWrong;
    r.flaggedWrong += d.score.flaggedWrong;
    r.identityMismatches += d.score.identityMismatches.length;
    r.sourceFailures += d.score.sourceFailures;
    r.recalled += d.score.recalled;
    r.attributed += d.score.attributed;
  }
  const order = ['text', 'pdf-text', 'pdf-ocr', 'html', 'docx'];
  const rows = [...byKind.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { rows, details };
}

function kindOf(input: string): string {
  const ext = path.extname(input).toLowerCase();
  return ext === '.pdf' ? 'pdf-text' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.docx' || ext === '.doc' ? 'docx' : 'text';
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(2)}%`);

export function formatTable(rows: KindRow[]): string {
  const head = ['kind', 'reports', 'errors', 'cells', 'accuracy', 'silent', 'flagged', 'identity≠', 'src-fail', 'recall', 'attrib.'];
  const lines = rows.map((r) => [
    r.kind,
    String(r.reports),
    String(r.errors),
    String(r.cells),
    pct(r.correct, r.cells),
    String(r.silentWrong),
    String(r.flaggedWrong),
    String(r.identityMismatches),
    String(r.sourceFailures),
    pct(r.recalled, r.sourceFailures),
    pct(r.attributed, r.sourceFailures),
  ]);
  const all = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...all.map((l) => l[i]!.length)));
  return all.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
