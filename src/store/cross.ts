/**
 * Checks across reports (report-format.md §6, "Across reports"), over every extracted report in the archive:
 * each report against the same agency's report for the year before.
 *
 * - `XY-CARRY.{column}` (warning): this year's 二、上年结转 (carriedIn) = last year's 四、结转下年度 (carriedOut),
 *   one check per column of 表三.
 * - `XY-T2-INFORCE.{regulations,normativeDocuments}` (warning, gb2021 both years):
 *   inForce(Y) = inForce(Y−1) + issued(Y) − repealed(Y).
 * - `XY-DUP` (info): the tables equal last year's cell for cell and the text is more than 90% similar (Dice
 *   coefficient over character bigrams of the section text, whitespace removed); `fail` marks the near-copy.
 *
 * Agencies are matched by `reports.agency_key` (src/store/agency.ts), or, when no report of the year before has
 * the same key, by a parent area printed in one year only when that is unambiguous in the archive
 * (`match = parent-prefix`). Every report is checked against one report of the year before: when the archive
 * holds several for that agency and year, the one read best (see `best`), so copies cost linear time.
 * The table is rebuilt from scratch, in one transaction, after every ingest run.
 */
import type { Store } from './db.js';
import { REQUEST_COLUMNS } from '../template/templates.js';
import { parentPrefixMatches } from './agency.js';

interface Rep {
  id: number;
  path: string;
  agency: string | null;
  agency_key: string;
  year: number;
  template: string;
  numbers: number;
  failing_identities: number | null;
}

type Cells = Map<string, number | null>;

export interface CrossCheckRow {
  id: string;
  severity: 'warning' | 'info';
  status: 'pass' | 'fail' | 'unknown';
  agency: string | null;
  agency_key: string;
  year: number;
  prev_report_id: number;
  report_id: number;
  formula: string;
  left: number | null;
  right: number | null;
  delta: number | null;
  match: 'same-key' | 'parent-prefix';
  message: string;
}

export const DUP_SIMILARITY = 0.9;

export function runCrossChecks(store: Store): { rows: number; failing: number } {
  const db = store.db;
  const reps = db
    .prepare(
      `SELECT id, path, agency, agency_key, year, template, failing_identities,
              (SELECT COUNT(*) FROM cells c WHERE c.report_id = r.id AND c.kind = 'number') AS numbers
       FROM reports r WHERE status = 'ok' AND agency_key IS NOT NULL AND year IS NOT NULL ORDER BY agency_key, year, id`,
    )
    .all() as Rep[];
  const byKeyYear = new Map<string, Rep[]>();
  for (const r of reps) {
    const k = `${r.agency_key}\u0000${r.year}`;
    (byKeyYear.get(k) ?? byKeyYear.set(k, []).get(k)!).push(r);
  }
  const links = parentPrefixMatches(reps.map((r) => r.agency_key));

  const cellStmt = db.prepare('SELECT tbl, row, column, value FROM cells WHERE report_id = ?');
  const recordStmt = db.prepare('SELECT record FROM reports WHERE id = ?').pluck();
  const cache = new Map<number, Cells>();
  const cellsOf = (id: number): Cells => {
    let c = cache.get(id);
    if (c) return c;
    c = new Map();
    for (const row of cellStmt.iterate(id) as Iterable<{ tbl: string; row: string; column: string; value: number | null }>) {
      c.set(`${row.tbl}.${row.row}.${row.column}`, row.value);
    }
    if (cache.size >= 256) cache.delete(cache.keys().next().value!);
    cache.set(id, c);
    return c;
  };
  const textOf = (id: number): string => {
    const json = recordStmt.get(id) as string | null;
    if (!json) return '';
    const rec = JSON.parse(json) as { sections?: { text: string }[] };
    return (rec.sections ?? []).map((s) => s.text).join('').replace(/\s+/g, '');
  };

  const out: CrossCheckRow[] = [];
  for (const cur of reps) {
    let prev: [Rep, 'same-key' | 'parent-prefix'] | undefined;
    const same = best(byKeyYear.get(`${cur.agency_key}\u0000${cur.year - 1}`) ?? []);
    if (same) prev = [same, 'same-key'];
    else {
      const linked = [...(links.get(cur.agency_key) ?? [])].flatMap((k) => byKeyYear.get(`${k}\u0000${cur.year - 1}`) ?? []);
      const b = best(linked);
      if (b) prev = [b, 'parent-prefix'];
    }
    if (prev) out.push(...pairChecks(prev[0], cur, prev[1], cellsOf(prev[0].id), cellsOf(cur.id), textOf));
  }

  const insert = db.prepare(
    'INSERT OR REPLACE INTO cross_checks (id, severity, status, agency, agency_key, year, prev_report_id, report_id, formula, left, right, delta, match, message) VALUES (@id, @severity, @status, @agency, @agency_key, @year, @prev_report_id, @report_id, @formula, @left, @right, @delta, @match, @message)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM cross_checks').run();
    for (const r of out) insert.run(r);
  }).immediate();
  return { rows: out.length, failing: out.filter((r) => r.status === 'fail' && r.severity === 'warning').length };
}

function pairChecks(
  prev: Rep,
  cur: Rep,
  match: 'same-key' | 'parent-prefix',
  pc: Cells,
  cc: Cells,
  textOf: (id: number) => string,
): CrossCheckRow[] {
  const out: CrossCheckRow[] = [];
  const base = {
    agency: cur.agency,
    agency_key: cur.agency_key,
    year: cur.year,
    prev_report_id: prev.id,
    report_id: cur.id,
    match,
  };
  const note = match === 'parent-prefix' ? ` (agency matched without the parent area: ${cur.agency} / ${prev.agency})` : '';

  // XY-CARRY: both reports have 表三 rows 二 and 四.
  const hasIn = [...cc.keys()].some((k) => k.startsWith('requests.carriedIn.'));
  const hasOut = [...pc.keys()].some((k) => k.startsWith('requests.carriedOut.'));
  if (hasIn && hasOut) {
    for (const { key: col } of REQUEST_COLUMNS) {
      const left = cc.get(`requests.carriedIn.${col}`) ?? null;
      const right = pc.get(`requests.carriedOut.${col}`) ?? null;
      const { status, delta } = compare(left, right);
      const rel = status === 'pass' ? '=' : status === 'fail' ? '≠' : 'vs';
      out.push({
        ...base,
        id: `XY-CARRY.${col}`,
        severity: 'warning',
        status,
        formula: `requests.carriedIn.${col}(Y) = requests.carriedOut.${col}(Y-1)`,
        left,
        right,
        delta,
        message: `carried in ${fmt(left)} (${cur.year}, ${cur.path}) ${rel} carried out ${fmt(right)} (${prev.year}, ${prev.path})${
          status === 'fail' ? `: off by ${fmt(delta)}` : status === 'unknown' ? ': a cell is blank or unread' : ''
        }${note}`,
      });
    }
  }

  // XY-T2-INFORCE: gb2021 表二 in both years.
  if (cur.template === 'gb2021' && prev.template === 'gb2021') {
    for (const row of ['regulations', 'normativeDocuments'] as const) {
      const inForcePrev = pc.get(`activeDisclosure.${row}.inForce`);
      const inForce = cc.get(`activeDisclosure.${row}.inForce`);
      const issued = cc.get(`activeDisclosure.${row}.issued`);
      const repealed = cc.get(`activeDisclosure.${row}.repealed`);
      if (inForce === undefined || inForcePrev === undefined || issued === undefined || repealed === undefined) continue;
      const right = inForcePrev === null || issued === null || repealed === null ? null : inForcePrev + issued - repealed;
      const { status, delta } = compare(inForce, right);
      out.push({
        ...base,
        id: `XY-T2-INFORCE.${row}`,
        severity: 'warning',
        status,
        formula: `activeDisclosure.${row}.inForce(Y) = inForce(Y-1) + issued(Y) - repealed(Y)`,
        left: inForce,
        right,
        delta,
        message: `in force ${fmt(inForce)} (${cur.year}, ${cur.path}) ${status === 'pass' ? '=' : status === 'fail' ? '≠' : 'vs'} ${fmt(
          inForcePrev,
        )} in force (${prev.year}, ${prev.path}) + ${fmt(issued)} issued - ${fmt(repealed)} repealed = ${fmt(right)}${
          status === 'fail' ? `: off by ${fmt(delta)} (expiry or a clean-up of old documents also explains this)` : ''
        }${note}`,
      });
    }
  }

  // XY-DUP: tables equal cell for cell (both with tables, or both without) and text > 90% similar.
  const differing = tableDifferences(pc, cc);
  let similarity: number | null = null;
  let status: 'pass' | 'fail' = 'pass';
  if (differing === 0) {
    similarity = Math.round(bigramSimilarity(textOf(prev.id), textOf(cur.id)) * 1000) / 1000;
    if (similarity > DUP_SIMILARITY) status = 'fail';
  }
  out.push({
    ...base,
    id: 'XY-DUP',
    severity: 'info',
    status,
    formula: `tables(Y) = tables(Y-1) and text similarity > ${DUP_SIMILARITY}`,
    left: similarity,
    right: DUP_SIMILARITY,
    delta: null,
    message: `${
      differing === 0
        ? `tables equal, text similarity ${similarity}${status === 'fail' ? ': a near-copy of the year before' : ''}`
        : `tables differ in ${differing} cell${differing === 1 ? '' : 's'}`
    }: ${cur.year} report ${cur.path} against ${prev.year} report ${prev.path}${note}`,
  });
  return out;
}

/**
 * Of several reports for one agency and year (the same report as HTML and as text, a re-crawl, a copy), the one
 * read best: most cells read as numbers, then fewest failing identities, then the first stored.
 */
function best(reps: Rep[]): Rep | undefined {
  let b: Rep | undefined;
  for (const r of reps) {
    if (
      !b ||
      r.numbers > b.numbers ||
      (r.numbers === b.numbers && (r.failing_identities ?? 0) < (b.failing_identities ?? 0)) ||
      (r.numbers === b.numbers && (r.failing_identities ?? 0) === (b.failing_identities ?? 0) && r.id < b.id)
    ) {
      b = r;
    }
  }
  return b;
}

function compare(left: number | null, right: number | null): { status: 'pass' | 'fail' | 'unknown'; delta: number | null } {
  if (left === null || right === null) return { status: 'unknown', delta: null };
  const delta = Math.round((left - right) * 1e6) / 1e6;
  return { status: delta === 0 ? 'pass' : 'fail', delta };
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'blank' : String(v);
}

/** Cells whose value differs, or that one report has and the other has not. */
function tableDifferences(a: Cells, b: Cells): number {
  let n = 0;
  for (const [k, v] of a) if (!b.has(k) || b.get(k) !== v) n++;
  for (const k of b.keys()) if (!a.has(k)) n++;
  return n;
}

/** Dice coefficient over character bigram multisets: 1 for equal texts, ~0 for unrelated ones. */
export function bigramSimilarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const g = b.slice(i, i + 2);
    const n = counts.get(g);
    if (n) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1));
}
