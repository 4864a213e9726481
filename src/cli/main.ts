/**
 * The command line. Every failure a user can cause ends in one line naming the file and the cause, with
 * exit status 2; a bad file in a list never stops the others.
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { extractRecord } from '../pipeline/extract.js';
import type { ExtractOptions } from '../../extractors/index.js';
import { recordJsonSchema, type ReportRecord } from '../model/record.js';
import { toJson } from '../writers/json.js';
import { toCsv } from '../writers/csv.js';
import { fsCause, oneLine } from '../causes.js';

const USAGE = `usage:
  xxgk extract <file...|-> [--format json|csv] [--out FILE|DIR] [--fail-on-check] [--ocr auto|always|never]
  xxgk ingest <paths|globs...> --db archive.sqlite [--jobs N] [--timeout SECONDS] [--ocr MODE] [--retry-failed]
  xxgk ingest <paths|globs...> --db archive.sqlite --queue redis://HOST:PORT   (files extracted by xxgk worker)
  xxgk worker --queue redis://HOST:PORT [--jobs N]
  xxgk export --db archive.sqlite --format csv|jsonl [--out DIR]
  xxgk diff A B [--format text|json]      compare two extractions (records, folders of records, databases)
  xxgk review <file> [--out report.html]  one HTML page: every value drawn where it was read, checks beside
  xxgk schema            print the record's JSON Schema
  xxgk --version

extract reads PDF (text layer; OCR for scanned pages), HTML, DOCX/DOC and text (.txt/.md, any common Chinese
encoding) reports; '-' reads standard input.
  --format json   one record (several inputs: one record per line, JSON Lines)   [default]
  --format csv    tidy long form: file,table,row,column,value,raw,page
  --out PATH      write to a file; with several inputs and json, a directory (one FILE.json each)
  --fail-on-check exit 1 when an error-severity check fails
  --ocr MODE      PDF pages without a usable text layer: auto (OCR them; default), always (OCR every page), never
exit status: 0 record(s) produced (even with failing checks), 1 --fail-on-check tripped, 2 unreadable input or usage`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`xxgk: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`xxgk: internal error: ${oneLine(e)}\n`);
    if (process.env.XXGK_DEBUG) console.error(e);
    return 2;
  } finally {
    // OCR workers would keep the process alive until their idle timeout.
    await (await import('../../extractors/ocr/index.js')).shutdownOcr();
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return extractCommand(rest);
    case 'ingest':
      return (await import('./ingest.js')).ingestCommand(rest);
    case 'worker':
      return (await import('./worker.js')).workerCommand(rest);
    case 'export':
      return (await import('./export.js')).exportCommand(rest);
    case 'diff':
      return (await import('./diff.js')).diffCommand(rest);
    case 'review':
      return (await import('./review.js')).reviewCommand(rest);
    case 'schema':
      process.stdout.write(JSON.stringify(recordJsonSchema(), null, 2) + '\n');
      return 0;
    case '--version':
    case '-v':
      process.stdout.write(`${version()}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

async function extractCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
        'fail-on-check': { type: 'boolean', default: false },
        ocr: { type: 'string', default: 'auto' },
      },
    });
  } catch (e) {
    throw new UsageError(oneLine(e));
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not '${format}'`);
  if (positionals.length === 0) throw new UsageError('extract needs at least one file (or - for standard input)');
  const ocr = values.ocr;
  if (ocr !== 'auto' && ocr !== 'always' && ocr !== 'never') throw new UsageError(`--ocr must be auto, always or never, not '${ocr}'`);

  const records: ReportRecord[] = [];
  let failed = 0;
  const outDir = values.out !== undefined && format === 'json' && (positionals.length > 1 || (await isDir(values.out)));
  if (outDir) await mkdir(values.out!, { recursive: true });
  for (const path of positionals) {
    const record = await extractOne(path, { ocr });
    if (!record) {
      failed++;
      continue;
    }
    records.push(record);
    if (format === 'json') {
      if (outDir) await writeFile(join(values.out!, `${basename(path, extname(path)) || 'stdin'}.json`), toJson(record));
      else if (values.out === undefined && positionals.length > 1) process.stdout.write(JSON.stringify(record) + '\n');
    }
  }
  if (format === 'json' && !outDir && positionals.length === 1 && records[0]) {
    if (values.out !== undefined) await writeFile(values.out, toJson(records[0]));
    else process.stdout.write(toJson(records[0]));
  }
  if (format === 'csv' && records.length > 0) {
    const csv = toCsv(records);
    if (values.out !== undefined) await writeFile((await isDir(values.out)) ? join(values.out, 'cells.csv') : values.out, csv);
    else process.stdout.write(csv);
  }
  if (failed > 0) return 2;
  if (values['fail-on-check'] && records.some((r) => r.checks.some((c) => c.severity === 'error' && c.status === 'fail'))) {
    return 1;
  }
  return 0;
}

async function extractOne(path: string, options: ExtractOptions): Promise<ReportRecord | undefined> {
  const shown = path === '-' ? '<stdin>' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await readStdin() : await readFile(path);
  } catch (e) {
    process.stderr.write(`xxgk: ${shown}: ${fsCause(e)}\n`);
    return undefined;
  }
  try {
    return await extractRecord(bytes, shown, options);
  } catch (e) {
    const cause = e instanceof InputError ? e.message : `internal error: ${oneLine(e)}`;
    process.stderr.write(`xxgk: ${shown}: ${cause}\n`);
    if (process.env.XXGK_DEBUG) console.error(e);
    return undefined;
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function isDir(path: string): Promise<boolean> {
  if (path.endsWith('/')) return true;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function version(): string {
  const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
  return pkg.version;
}
