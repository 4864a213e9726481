/**
 * The archive database: plain SQLite tables and views that open in any SQLite tool (the `sqlite3` shell,
 * DB Browser, Datasette, pandas) with nothing of ours: no custom functions, no extensions, JSON kept as text.
 *
 * One row in `reports` per input file; the tidy tables hang off it by `report_id`. The table a cell belongs
 * to is the column `tbl` (`table` is a reserved word in SQL and would have to be quoted in every query).
 */

/** Bump when a table or view changes shape; `meta.schema_version` records it. */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);

-- One row per input file. status: ok (extracted), failed (see errors), duplicate (same bytes as duplicate_of).
CREATE TABLE IF NOT EXISTS reports (
  id             INTEGER PRIMARY KEY,
  path           TEXT NOT NULL UNIQUE,
  sha256         TEXT,            -- of the file bytes; NULL only when the file could not be read at all
  bytes          INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate')),
  duplicate_of   INTEGER REFERENCES reports(id),
  agency         TEXT,
  agency_key     TEXT,            -- agency name normalized for matching across years (see src/store/agency.ts)
  year           INTEGER,
  title          TEXT,
  template       TEXT,            -- gb2021 | gb2019 | none
  extractor      TEXT,            -- text | pdf-text | pdf-ocr | html | docx
  media_type     TEXT,
  encoding       TEXT,
  pages          INTEGER,
  ocr_pages      INTEGER,         -- how many pages went through OCR
  failing_identities INTEGER,     -- error-severity checks with status fail
  unknown_checks INTEGER,
  warning_count  INTEGER,
  extract_ms     REAL,            -- time in the worker (read to record)
  store_ms       REAL,            -- time writing this report's rows
  ingested_at    TEXT NOT NULL,   -- UTC, ISO 8601
  record         TEXT             -- the full record as JSON (shared/spec/record.md)
);
CREATE INDEX IF NOT EXISTS reports_sha256 ON reports(sha256);
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports(agency_key, year);

-- Every table value: one row per cell, as in 'xxgk extract --format csv'.
CREATE TABLE IF NOT EXISTS cells (
  report_id     INTEGER NOT NULL REFERENCES reports(id),
  tbl           TEXT NOT NULL,    -- activeDisclosure | requests | reviewLitigation
  row           TEXT NOT NULL,    -- row key, e.g. newReceived, denied.stateSecret, regulations, review
  column        TEXT NOT NULL,    -- column key, e.g. total, naturalPerson, inForce, upheld
  value         NUMERIC,          -- NULL for a blank or dash cell (integers stay integers)
  raw           TEXT,             -- the cell as printed
  kind          TEXT,             -- number | blank | dash | text
  page          INTEGER,
  bbox          TEXT,             -- JSON [x0, y0, x1, y1] in PDF points, origin bottom-left
  address       TEXT,             -- JSON {table,row,column} in the HTML/DOCX source grid
  offset        INTEGER,          -- character offset in decoded text input
  unit          TEXT,
  confidence    REAL,             -- OCR confidence 0..1
  reconstructed INTEGER,          -- 1 where the value was inferred rather than read
  PRIMARY KEY (report_id, tbl, row, column)
) WITHOUT ROWID;

-- Every cross-check evaluated within one report (report-format.md §6).
CREATE TABLE IF NOT EXISTS checks (
  report_id     INTEGER NOT NULL REFERENCES reports(id),
  id            TEXT NOT NULL,    -- e.g. T3-BALANCE.total
  severity      TEXT NOT NULL,    -- error | warning | info
  status        TEXT NOT NULL,    -- pass | fail | unknown
  origin        TEXT,             -- on fail: source | extraction | undetermined
  formula       TEXT,
  left          NUMERIC,
  right         NUMERIC,
  delta         NUMERIC,
  cells         TEXT,             -- JSON array of record paths
  if_blank_zero TEXT,
  culprit       TEXT,
  message       TEXT,
  UNIQUE (report_id, id)
);

CREATE TABLE IF NOT EXISTS warnings (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  page      INTEGER,
  cells     TEXT,                 -- JSON array of record paths, when the warning names cells
  UNIQUE (report_id, seq)
);

-- Why a file failed: one row per failed file (its reports row has status failed).
CREATE TABLE IF NOT EXISTS errors (
  id        INTEGER PRIMARY KEY,
  report_id INTEGER REFERENCES reports(id),
  path      TEXT NOT NULL,
  sha256    TEXT,
  kind      TEXT NOT NULL CHECK (kind IN ('crash', 'timeout', 'oom', 'input')),
  cause     TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_report ON errors(report_id);

-- Checks across reports of the same agency in consecutive years (report-format.md §6, recomputed after each ingest).
CREATE TABLE IF NOT EXISTS cross_checks (
  id             TEXT NOT NULL,   -- XY-CARRY.{column} | XY-T2-INFORCE.{regulations,normativeDocuments} | XY-DUP
  severity       TEXT NOT NULL,   -- warning | info
  status         TEXT NOT NULL,   -- pass | fail | unknown
  agency         TEXT,            -- this year's agency as printed
  agency_key     TEXT,
  year           INTEGER,         -- this report's year; the previous report is year - 1
  prev_report_id INTEGER NOT NULL REFERENCES reports(id),
  report_id      INTEGER NOT NULL REFERENCES reports(id),
  formula        TEXT,
  left           NUMERIC,
  right          NUMERIC,
  delta          NUMERIC,
  match          TEXT,            -- how the agencies were matched: same-key | parent-prefix
  message        TEXT,            -- names both reports' paths
  UNIQUE (report_id, prev_report_id, id)
);

-- cells_row ON cells(tbl, row, column) is built by ingest at the end of a run (src/store/cell-index.ts).

-- Requests (表三) per report: the 总计 column of rows 一, 二, （七） and 四.
CREATE VIEW IF NOT EXISTS requests_by_year_agency AS
SELECT r.year, r.agency,
       MAX(CASE WHEN c.row = 'newReceived' THEN c.value END)    AS new_received,
       MAX(CASE WHEN c.row = 'carriedIn' THEN c.value END)      AS carried_in,
       MAX(CASE WHEN c.row = 'totalProcessed' THEN c.value END) AS total_processed,
       MAX(CASE WHEN c.row = 'carriedOut' THEN c.value END)     AS carried_out,
       MAX(CASE WHEN c.row = 'granted' THEN c.value END)        AS granted,
       MAX(CASE WHEN c.row = 'partiallyGranted' THEN c.value END) AS partially_granted,
       r.id AS report_id, r.path
FROM reports r JOIN cells c ON c.report_id = r.id AND c.tbl = 'requests' AND c.column = 'total'
WHERE r.status = 'ok'
GROUP BY r.id
ORDER BY r.agency, r.year, r.path;

-- Hard identities (severity error) that a report breaks.
CREATE VIEW IF NOT EXISTS failing_identities AS
SELECT r.id AS report_id, r.path, r.agency, r.year, k.id AS check_id, k.formula, k.left, k.right, k.delta,
       k.origin, k.culprit, k.cells
FROM checks k JOIN reports r ON r.id = k.report_id
WHERE k.severity = 'error' AND k.status = 'fail' AND r.status = 'ok'
ORDER BY r.agency, r.year, r.path, k.id;

-- Reports with at least one failing hard identity, with the failing ids.
CREATE VIEW IF NOT EXISTS reports_with_failures AS
SELECT r.id AS report_id, r.path, r.agency, r.year, r.template, r.extractor,
       COUNT(*) AS failing, group_concat(k.id, ' ') AS check_ids
FROM checks k JOIN reports r ON r.id = k.report_id
WHERE k.severity = 'error' AND k.status = 'fail' AND r.status = 'ok'
GROUP BY r.id
ORDER BY failing DESC, r.path;

-- Cross-report checks that fail, with both reports.
CREATE VIEW IF NOT EXISTS cross_check_failures AS
SELECT x.id AS check_id, x.agency, x.year, x.left, x.right, x.delta, x.message,
       p.path AS prev_path, r.path AS path, x.prev_report_id, x.report_id
FROM cross_checks x JOIN reports r ON r.id = x.report_id JOIN reports p ON p.id = x.prev_report_id
WHERE x.status = 'fail'
ORDER BY x.agency, x.year, x.id;

-- Files that could not be read, counted by kind of failure.
CREATE VIEW IF NOT EXISTS errors_by_kind AS
SELECT kind, COUNT(*) AS files, MIN(cause) AS example_cause
FROM errors GROUP BY kind ORDER BY files DESC;
`;
