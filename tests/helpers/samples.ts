/** Reading the committed samples and their hand-checked truth files. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../../src/model/cell.js';
import type { ReportRecord } from '../../src/model/record.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SAMPLES = join(ROOT, 'samples');

export interface Truth {
  file: string;
  template: 'gb2021' | 'gb2019' | 'none';
  year: number | null;
  agency: string | null;
  title: string | null;
  activeDisclosure?: Record<string, Record<string, number | null>>;
  requests?: Record<string, Record<string, number | null>>;
  reviewLitigation?: Record<string, Record<string, number | null>>;
  sourceFailures: string[];
  /** Hard identities left unknown by blank cells (absent: none). */
  unknownChecks?: string[] | string;
  uncertain: string[];
}

export function readSample(name: string): Buffer {
  return readFileSync(join(SAMPLES, 'real', name));
}

export function readTruth(name: string): Truth {
  return JSON.parse(readFileSync(join(SAMPLES, 'truth', `${name}.json`), 'utf8')) as Truth;
}

export function realSamples(): string[] {
  return readdirSync(join(SAMPLES, 'real')).sort();
}

/** Every labelled cell of a truth file as [path, value]. */
export function truthCells(truth: Truth): [string, number | null][] {
  const out: [string, number | null][] = [];
  for (const table of ['activeDisclosure', 'requests', 'reviewLitigation'] as const) {
    for (const [row, cols] of Object.entries(truth[table] ?? {})) {
      for (const [col, v] of Object.entries(cols)) out.push([`${table}.${row}.${col}`, v]);
    }
  }
  return out;
}

/** The record's cell at a truth path (row keys may hold dots: the column is the last segment). */
export function cellAt(record: ReportRecord, path: string): Cell | undefined {
  const [table, ...rest] = path.split('.');
  const col = rest.pop()!;
  const row = rest.join('.');
  const t = record.tables[table as keyof ReportRecord['tables']];
  if (!t) return undefined;
  const rows = (table === 'requests' ? (t as { rows: Record<string, Record<string, Cell>> }).rows : t) as Record<
    string,
    Record<string, Cell>
  >;
  return rows[row]?.[col];
}
