/**
 * One side of `xxgk diff`: a record (JSON from `xxgk extract`), a JSON Lines file of records (`xxgk export`),
 * a folder of records (`xxgk extract --out DIR`) or an archive database (`xxgk ingest`), as named records.
 * Anything unreadable is an InputError whose message names the file and the cause.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors.js';
import { ReportRecord } from '../model/record.js';
import { Store } from '../store/db.js';
import { fsCause, oneLine } from '../cli/causes.js';

export interface NamedRecord {
  /** The pairing name: a record file's name, or the stored or extracted input's file name, without extension. */
  name: string;
  /** Where it was read: the file, or `database#path` for an archive's report. */
  from: string;
  record: ReportRecord;
}

export interface Side {
  /** The argument as given. */
  argument: string;
  /** One record file (two of them are compared as they are, whatever their names). */
  single: boolean;
  records: NamedRecord[];
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export async function loadSide(argument: string): Promise<Side> {
  let info;
  try {
    info = await stat(argument);
  } catch (e) {
    throw new InputError(`${argument}: ${fsCause(e)}`);
  }
  if (info.isDirectory()) return { argument, single: false, records: await loadFolder(argument) };
  let bytes: Buffer;
  try {
    bytes = await readFile(argument);
  } catch (e) {
    throw new InputError(`${argument}: ${fsCause(e)}`);
  }
  if (bytes.subarray(0, SQLITE_MAGIC.length).toString('latin1') === SQLITE_MAGIC) {
    return { argument, single: false, records: loadDatabase(argument) };
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new InputError(`${argument}: empty file`);
  const one = tryJson(text);
  if (one.ok) return { argument, single: true, records: [{ name: stem(argument), from: argument, record: asRecord(one.value, argument) }] };
  return { argument, single: false, records: loadJsonLines(text, argument, one.error) };
}

/** Every `*.json` directly in the folder, in name order; each must be a record. */
async function loadFolder(dir: string): Promise<NamedRecord[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (e) {
    throw new InputError(`${dir}: ${fsCause(e)}`);
  }
  const out: NamedRecord[] = [];
  for (const n of names) {
    const file = join(dir, n);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new InputError(`${file}: ${fsCause(e)}`);
    }
    const parsed = tryJson(text);
    if (!parsed.ok) throw new InputError(`${file}: not JSON (${parsed.error})`);
    out.push({ name: stem(n), from: file, record: asRecord(parsed.value, file) });
  }
  return out;
}

/** The stored records of an archive (its `ok` reports: failed files and duplicates have none). */
function loadDatabase(path: string): NamedRecord[] {
  const store = Store.open(path, { readonly: true });
  try {
    const out: NamedRecord[] = [];
    for (const row of store.records()) {
      const from = `${path}#${row.path}`;
      const parsed = tryJson(row.record);
      if (!parsed.ok) throw new InputError(`${from}: stored record is not JSON (${parsed.error})`);
      out.push({ name: stem(row.path), from, record: asRecord(parsed.value, from) });
    }
    return out;
  } finally {
    store.close();
  }
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
    out.push({ name: stem(record.source.path), from: where, record });
  }
  if (out.length === 0) throw new InputError(`${path}: no records in the file`);
  return out;
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
