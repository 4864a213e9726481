/**
 * The archive database through better-sqlite3: WAL mode, one transaction per input file, so a kill at any
 * moment leaves whole reports only. The main thread is the single writer.
 */
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import type { ReportRows, SqlValue } from './rows.js';
import { oneLine } from '../causes.js';

export type ReportStatus = 'ok' | 'failed' | 'duplicate';
export type ErrorKind = 'crash' | 'timeout' | 'oom' | 'input';

export interface StoredReport {
  id: number;
  path: string;
  sha256: string | null;
  status: ReportStatus;
  duplicate_of: number | null;
}

export interface FileFacts {
  path: string;
  sha256: string | null;
  bytes: number;
}

const REPORT_COLUMNS = [
  'path', 'sha256', 'bytes', 'status', 'duplicate_of', 'agency', 'agency_key', 'year', 'title', 'template', 'extractor',
  'media_type', 'encoding', 'pages', 'ocr_pages', 'failing_identities', 'unknown_checks', 'warning_count', 'extract_ms',
  'store_ms', 'ingested_at', 'record',
] as const;
type ReportColumn = (typeof REPORT_COLUMNS)[number];
type ReportValues = Record<ReportColumn, SqlValue>;

/** Columns that carry a report's content (moved to a copy when the original's file changes). */
const CONTENT_COLUMNS = REPORT_COLUMNS.filter((c) => c !== 'path' && c !== 'duplicate_of' && c !== 'ingested_at');

export class Store {
  readonly db: Database.Database;
  private readonly stmts;

  private constructor(db: Database.Database) {
    this.db = db;
    const prep = (sql: string) => db.prepare(sql);
    this.stmts = {
      byPath: prep('SELECT id, path, sha256, status, duplicate_of FROM reports WHERE path = ?'),
      originalBySha: prep(
        "SELECT id, path, sha256, status, duplicate_of FROM reports WHERE sha256 = ? AND status <> 'duplicate' AND id <> ? ORDER BY id LIMIT 1",
      ),
      insertReport: prep(
        `INSERT INTO reports (${REPORT_COLUMNS.join(', ')}) VALUES (${REPORT_COLUMNS.map((c) => '@' + c).join(', ')})`,
      ),
      updateReport: prep(`UPDATE reports SET ${REPORT_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
      setStoreMs: prep('UPDATE reports SET store_ms = ? WHERE id = ?'),
      insertCell: prep(
        'INSERT INTO cells (report_id, tbl, row, column, value, raw, kind, page, bbox, address, offset, unit, confidence, reconstructed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertCheck: prep(
        'INSERT INTO checks (report_id, id, severity, status, origin, formula, left, right, delta, cells, if_blank_zero, culprit, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertWarning: prep('INSERT INTO warnings (report_id, seq, code, message, page, cells) VALUES (?, ?, ?, ?, ?, ?)'),
      insertError: prep('INSERT INTO errors (report_id, path, sha256, kind, cause, at) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteCells: prep('DELETE FROM cells WHERE report_id = ?'),
      deleteChecks: prep('DELETE FROM checks WHERE report_id = ?'),
      deleteWarnings: prep('DELETE FROM warnings WHERE report_id = ?'),
      deleteErrors: prep('DELETE FROM errors WHERE report_id = ?'),
      dependents: prep("SELECT id FROM reports WHERE duplicate_of = ? AND status = 'duplicate' ORDER BY id"),
      fullRow: prep('SELECT * FROM reports WHERE id = ?'),
      moveCells: prep('UPDATE cells SET report_id = ? WHERE report_id = ?'),
      moveChecks: prep('UPDATE checks SET report_id = ? WHERE report_id = ?'),
      moveWarnings: prep('UPDATE warnings SET report_id = ? WHERE report_id = ?'),
      moveErrors: prep('UPDATE errors SET report_id = ?, path = ? WHERE report_id = ?'),
      repoint: prep("UPDATE reports SET duplicate_of = ? WHERE duplicate_of = ? AND status = 'duplicate'"),
    };
  }

  /** Opens (creating if needed) an archive database. A file that is not one is an InputError. */
  static open(path: string, options: { readonly?: boolean } = {}): Store {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    } catch (e) {
      throw new InputError(`${path}: cannot open the database: ${oneLine(e)}`);
    }
    try {
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        // NORMAL in WAL mode: a killed process loses nothing committed (a power cut may lose the last commits).
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        // Checkpoints (the only fsyncs in WAL + NORMAL) every 32 MB of log rather than every 4 MB: about half the
        // single writer's time per report on a slow disk; the log is truncated back to 64 MB at most after each.
        db.pragma('wal_autocheckpoint = 8192');
        db.pragma('journal_size_limit = 67108864');
        db.exec(SCHEMA_SQL);
        const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
        if (version === undefined) {
          const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
          put.run('schema_version', String(SCHEMA_VERSION));
          put.run('created_at', new Date().toISOString());
          put.run('created_by', 'xxgk ingest');
        } else if (Number(version) !== SCHEMA_VERSION) {
          throw new InputError(`${path}: database schema version ${version}, this xxgk writes version ${SCHEMA_VERSION}`);
        }
      } else {
        const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'").get();
        if (!has) throw new InputError(`${path}: not an xxgk archive (no reports table)`);
      }
    } catch (e) {
      db.close();
      if (e instanceof InputError) throw e;
      throw new InputError(`${path}: cannot use the database: ${oneLine(e)}`);
    }
    return new Store(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  byPath(path: string): StoredReport | undefined {
    return this.stmts.byPath.get(path) as StoredReport | undefined;
  }

  /** The first report (ok or failed) with these bytes, other than `exceptId`. */
  originalBySha(sha256: string, exceptId = -1): StoredReport | undefined {
    return this.stmts.originalBySha.get(sha256, exceptId) as StoredReport | undefined;
  }

  /** Writes an extracted report, in one transaction. Returns its id. */
  writeOk(file: FileFacts, rows: ReportRows, recordJson: string, extractMs: number, replaceId?: number): number {
    return this.write(file, replaceId, (id) => {
      for (const c of rows.cells) this.stmts.insertCell.run(id, ...c);
      for (const c of rows.checks) this.stmts.insertCheck.run(id, ...c);
      for (const w of rows.warnings) this.stmts.insertWarning.run(id, ...w);
    }, { ...rows.report, status: 'ok', record: recordJson, extract_ms: round(extractMs) });
  }

  /** Writes a file that could not be read: a `failed` report and its `errors` row, in one transaction. */
  writeFailed(file: FileFacts, kind: ErrorKind, cause: string, extractMs: number | null, replaceId?: number): number {
    return this.write(file, replaceId, (id, at) => {
      this.stmts.insertError.run(id, file.path, file.sha256, kind, cause, at);
    }, { status: 'failed', extract_ms: extractMs === null ? null : round(extractMs) });
  }

  /** Records a copy of an already stored file: a `duplicate` row pointing at the first, nothing extracted. */
  writeDuplicate(file: FileFacts, originalId: number, replaceId?: number): number {
    return this.write(file, replaceId, () => {}, { status: 'duplicate', duplicate_of: originalId });
  }

  private write(
    file: FileFacts,
    replaceId: number | undefined,
    children: (id: number, at: string) => void,
    fields: Partial<ReportValues>,
  ): number {
    const t0 = performance.now();
    const at = new Date().toISOString();
    const values: ReportValues = Object.fromEntries(REPORT_COLUMNS.map((c) => [c, null])) as ReportValues;
    Object.assign(values, fields, { path: file.path, sha256: file.sha256, bytes: file.bytes, ingested_at: at });
    const tx = this.db.transaction(() => {
      let id: number;
      if (replaceId !== undefined) {
        this.detachDependents(replaceId, file.sha256);
        this.deleteChildren(replaceId);
        this.stmts.updateReport.run({ ...values, id: replaceId });
        id = replaceId;
      } else {
        id = Number(this.stmts.insertReport.run(values).lastInsertRowid);
      }
      children(id, at);
      this.stmts.setStoreMs.run(round(performance.now() - t0), id);
      return id;
    });
    return tx.immediate();
  }

  private deleteChildren(id: number): void {
    this.stmts.deleteCells.run(id);
    this.stmts.deleteChecks.run(id);
    this.stmts.deleteWarnings.run(id);
    this.stmts.deleteErrors.run(id);
  }

  /**
   * A stored file whose content changed: copies that pointed at its old content keep it. The first copy takes
   * over the old content (its row, cells, checks, warnings, errors) and the others point at that copy.
   */
  private detachDependents(id: number, newSha: string | null): void {
    const old = this.stmts.fullRow.get(id) as Record<string, SqlValue> | undefined;
    if (!old || old.sha256 === newSha || old.status === 'duplicate') return;
    const deps = (this.stmts.dependents.all(id) as { id: number }[]).map((d) => d.id);
    const heir = deps[0];
    if (heir === undefined) return;
    const sets = CONTENT_COLUMNS.filter((c) => c !== 'sha256' && c !== 'bytes' && c !== 'status');
    this.db
      .prepare(`UPDATE reports SET status = @status, duplicate_of = NULL, ${sets.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @heir`)
      .run({ ...Object.fromEntries(sets.map((c) => [c, old[c] ?? null])), status: old.status, heir });
    const heirPath = (this.stmts.fullRow.get(heir) as { path: string }).path;
    this.stmts.moveCells.run(heir, id);
    this.stmts.moveChecks.run(heir, id);
    this.stmts.moveWarnings.run(heir, id);
    this.stmts.moveErrors.run(heir, heirPath, id);
    this.stmts.repoint.run(heir, id);
  }

  /** Ids, paths and content hashes of the extracted reports, in ingest order, without their records. */
  *storedReports(): Generator<{ id: number; path: string; sha256: string }> {
    const it = this.db.prepare("SELECT id, path, sha256 FROM reports WHERE status = 'ok' AND record IS NOT NULL ORDER BY id").iterate();
    for (const row of it) yield row as { id: number; path: string; sha256: string };
  }

  /** The JSON of one extracted report's record. */
  recordOf(id: number): string | undefined {
    return this.db.prepare('SELECT record FROM reports WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** Ids and JSON of the extracted records, in ingest order. */
  *records(): Generator<{ id: number; path: string; record: string }> {
    const it = this.db.prepare("SELECT id, path, record FROM reports WHERE status = 'ok' AND record IS NOT NULL ORDER BY id").iterate();
    for (const row of it) yield row as { id: number; path: string; record: string };
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

