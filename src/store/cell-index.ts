/**
 * The `cells_row` index (one cell across reports: `WHERE tbl = ? AND row = ? AND column = ?`), built in one pass
 * at the end of an ingest run that adds many reports instead of entry by entry.
 *
 * Kept up to date row by row, a report's ~190 cells land in ~190 different places of the index, so each
 * report's transaction rewrote ~190 index pages in the single writer. Measured (1,000 copies of the hongze-2023
 * record into a fresh database, `Store.writeOk`): 4.1 ms per report with the index, 1.5 ms without it, and
 * 0.12 ms per stored report to build it afterwards. Rebuilding costs for every stored report, keeping it only for
 * the new ones: a run drops it when it may add at least one report per REBUILD_BREAK_EVEN stored ones.
 *
 * A run killed in between leaves the database without the index: every query still works (more slowly) and the
 * next completed run builds it.
 */
import type Database from 'better-sqlite3';

const NAME = 'cells_row';
const REBUILD_BREAK_EVEN = 20;

/** Drops the index when a run may add `newReports` reports to what is stored; true when it did. */
export function deferCellIndex(db: Database.Database, newReports: number): boolean {
  const stored = db.prepare('SELECT COUNT(*) FROM reports').pluck().get() as number;
  if (newReports * REBUILD_BREAK_EVEN < stored) return false;
  db.exec(`DROP INDEX IF EXISTS ${NAME}`);
  return true;
}

/** Builds the index if it is missing. */
export function buildCellIndex(db: Database.Database): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${NAME} ON cells(tbl, row, column)`);
}
