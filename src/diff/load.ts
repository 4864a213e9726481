/**
 * One side of `xxgk diff`: a record (JSON from `xxgk extract`), a JSON Lines file of records (`xxgk export`),
 * a folder of records (`xxgk extract --out DIR`) or an archive database (`xxgk ingest`), as named reports.
 * Folders and databases are read twice: once for the names and hashes that pair reports, then one record
 * at a time as pairs are compared, so archives of any size are compared in bounded memory.
 * Anything unreadable is an InputError whose message names the file and the cause.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors.js';
import { ReportRecord } from '../model/record.js';
import { Store } from '../store/db.js';
import { fsCause, oneLine } from '../causes.js';

export interface NamedRecord {
  /** The pairing name: a record file's name, or the stored or extracted input's file name, without extension. */
  name: string;
  /** Where it was read: the file, `file:line` in JSON Lines, or `database#path` for an archive's report. */
  from: string;
  /** The input's, from the record's source. */
  sha256: string;
  path: string;
  load(): ReportRecord;
}

export interface Side {
  /** The argument as given. */
  argument: string;
  /** One record file (two of them are compared as they are, whatever their names). */
  single: boolean;
  records: NamedRecord[];
  /** Releases what loading records needs (an open database). */
  close(): void;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export async function loadSide(argument: string): Promise<Side> {
  let info;
  try {
    info = await stat(argument);
  } catch (e) {
    throw new InputError(`${argument}: ${fsCause(e)}`);
  }
  const side = (records: NamedRecord[], single = false, close = () => {}): Side => ({ argument, single, records, close });
  if (info.isDirectory()) return side(await loadFolder(argument));
  let bytes: Buffer;
  try {
    bytes = await readFile(argument);
  } catch (e) {
    throw new InputError(`${argument}: ${fsCause(e)}`);
  }
  if (bytes.subarray(0, SQLITE_MAGIC.length).toString('latin1') === SQLITE_MAGIC) {
    const store = Store.open(argument, { readonly: true });
    try {
      return side(databaseReports(store, argument), false, () => store.close());
    } catch (e) {
      store.close();
      throw e;
    }
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new InputError(`${argument}: empty file`);
  const one = tryJson(text);
  if (one.ok) return side([held(stem(argument), argument, asRecord(one.value, argument))], true);
  return side(loadJsonLines(text, argument, one.error));
}

/** Every `*.json` directly in the folder, in name order; each must be a record. */
async function loadFolder(dir: string): Promise<NamedRecord[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (e) {
    throw new InputError(`${dir}: ${fsCause(e)}`);
  }
  return names.map((n) => {
    const file = join(dir, n);
    const read = () => recordFile(file);
    const { source } = read();
    return { name: stem(n), from: file, sha256: source.sha256, path: source.path, load: read };
  });
}

function recordFile(file: string): ReportRecord {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: ${fsCause(e)}`);
  }
  const parsed = tryJson(text);
  if (!parsed.ok) throw new InputError(`${file}: not JSON (${parsed.error})`);
  return asRecord(parsed.value, file);
}

/** The stored records of an archive (its `ok` reports: failed files and duplicates have none). */
function databaseReports(store: Store, path: string): NamedRecord[] {
  return [...store.storedReports()].map((row) => {
    const from = `${path}#${row.path}`;
    return {
      name: stem(row.path),
      from,
      sha256: row.sha256,
      path: row.path,
      load: () => {
        const parsed = tryJson(store.recordOf(row.id) ?? '');
        if (!parsed.ok) throw new InputError(`${from}: stored record is not JSON (${parsed.error})`);
        return asRecord(parsed.value, from);
      },
    };
  });
}

/** One record per line; a file whose first line is not JSON is no JSON Lines file: the whole file's error is the cause. */
function loadJsonLines(text: string, path: string, wholeFileError: string): NamedRecord[] {
  const out: NamedRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const parsed = tryJson(line);
    const where = `${path}:${i + 1}`;
    if (!parsed.ok) throw new InputError(out.length === 0 ? `${path}: not JSON (${wholeFileError})` : `${where}: not JSON (${parsed.error})`);
    const record = asRecord(parsed.value, where);
    out.push(held(stem(record.source.path), where, record));
  }
  return out;
}

function held(name: string, from: string, record: ReportRecord): NamedRecord {
  return { name, from, sha256: record.source.sha256, path: record.source.path, load: () => record };
}

function asRecord(value: unknown, where: string): ReportRecord {
  const r = ReportRecord.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new InputError(`${where}: not an xxgk record (${issue?.message ?? 'invalid'}${at})`);
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: oneLine(e) };
  }
}

/** `dir/hongze-2023.pdf` → `hongze-2023` (also for paths written on another system, with backslashes). */
function stem(path: string): string {
  const base = basename(path.replace(/\\/g, '/'));
  return basename(base, extname(base)) || base;
}
