/**
 * `xxgk export`: the records of an archive database back out, as JSON Lines (the stored record of each
 * extracted report, one per line) or tidy CSV (the columns of `xxgk extract --format csv`). Streams, so an
 * archive of any size exports in constant memory. Duplicates and failed files have no record of their own.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { InputError } from '../errors.js';
import { Store } from '../store/db.js';
import { CSV_HEADER, csvRows } from '../writers/csv.js';
import type { ReportRecord } from '../model/record.js';
import { parseCommand, usageError } from './options.js';

export const EXPORT_USAGE = `usage:
  xxgk export --db archive.sqlite --format csv|jsonl [--out DIR]

export writes the records of an ingested archive:
  --format jsonl  one record per line (JSON Lines), as 'xxgk extract' gives them
  --format csv    tidy long form: file,table,row,column,value,raw,page (as 'xxgk extract --format csv')
  --out DIR       write DIR/records.jsonl or DIR/cells.csv instead of standard output`;

export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    EXPORT_USAGE,
    {
      db: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    false,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.db) return usage('export needs --db FILE');
  const format = values.format;
  if (format !== 'csv' && format !== 'jsonl') return usage(`--format must be csv or jsonl${format === undefined ? '' : `, not '${format}'`}`);
  if (!existsSync(values.db)) {
    process.stderr.write(`xxgk: ${values.db}: no such database\n`);
    return 2;
  }
  let store: Store;
  try {
    store = Store.open(values.db, { readonly: true });
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`xxgk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    let out: Writable = process.stdout;
    // `xxgk export ... | head`: a reader that stops early is not an error.
    let closed = false;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') closed = true;
      else throw e;
    });
    if (values.out !== undefined) {
      await mkdir(values.out, { recursive: true });
      out = createWriteStream(join(values.out, format === 'csv' ? 'cells.csv' : 'records.jsonl'));
    }
    const write = async (s: string) => {
      if (closed) return;
      if (out.write(s)) return;
      try {
        await once(out, 'drain');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
        else throw e;
      }
    };
    if (format === 'csv') await write(`${CSV_HEADER.join(',')}\n`);
    for (const { record } of store.records()) {
      if (closed) break;
      if (format === 'jsonl') await write(`${record}\n`);
      else {
        const lines = csvRows(JSON.parse(record) as ReportRecord);
        if (lines.length > 0) await write(`${lines.join('\n')}\n`);
      }
    }
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
  } finally {
    store.close();
  }
  return 0;
}

function usage(message: string): number {
  return usageError(EXPORT_USAGE, message);
}

