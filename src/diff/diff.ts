/** `xxgk diff` without the command line: two sides paired, each pair compared, totals. */
import { compareRecords, isEmpty, type RecordDifference } from './compare.js';
import type { NamedRecord, Side } from './load.js';
import { pairReports } from './pair.js';

export interface ReportDiff extends RecordDifference {
  a: NamedRecord;
  b: NamedRecord;
}

export interface DiffResult {
  /** Pairs compared. */
  compared: number;
  /** The pairs that differ, in A's order. */
  reports: ReportDiff[];
  onlyA: NamedRecord[];
  onlyB: NamedRecord[];
  cellsDiffering: number;
  identitiesChanged: number;
}

export function diffSides(a: Side, b: Side): DiffResult {
  const { pairs, onlyA, onlyB } = pairReports(a, b);
  const reports: ReportDiff[] = [];
  for (const [ra, rb] of pairs) {
    // One pair's records at a time: archives are not held in memory.
    const d = compareRecords(ra.load(), rb.load());
    if (!isEmpty(d)) reports.push({ a: ra, b: rb, ...d });
  }
  return {
    compared: pairs.length,
    reports,
    onlyA,
    onlyB,
    cellsDiffering: reports.reduce((n, r) => n + r.cells.length, 0),
    identitiesChanged: reports.reduce((n, r) => n + r.identities.length, 0),
  };
}

export function hasDifferences(r: DiffResult): boolean {
  return r.reports.length > 0 || r.onlyA.length > 0 || r.onlyB.length > 0;
}
