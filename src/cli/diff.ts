/**
 * `xxgk diff A B`: two extractions compared cell by cell. Exit status as diff's: 0 equal, 1 different,
 * 2 trouble (one line naming the file and the cause).
 */
import { InputError } from '../errors.js';
import { diffSides, hasDifferences } from '../diff/diff.js';
import { diffJson, diffText } from '../diff/format.js';
import { loadSide, type Side } from '../diff/load.js';
import { parseCommand, usageError } from './options.js';

export const DIFF_USAGE = `usage:
  xxgk diff A B [--format text|json]

diff compares two extractions of the same reports. A and B are each a record (JSON from 'xxgk extract'),
a JSON Lines file of records ('xxgk export --format jsonl'), a folder of records ('xxgk extract --out DIR')
or an archive database ('xxgk ingest').
  --format text   per report that differs, the cells whose value, kind or identity verdict differ (path, A, B)
                  and the identities whose status changed; then a summary line   [default]
  --format json   the same as one JSON object
Reports are paired by the input's sha256, then by file name without extension; two record files are compared
whatever their names. Where a cell was read (page, bbox, address), its raw text and confidence are not compared.
Equal inputs print nothing.
exit status: 0 no differences, 1 differences, 2 an input cannot be read or the command line is wrong`;

export async function diffCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(args, DIFF_USAGE, { format: { type: 'string', default: 'text' } }, true);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format;
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not '${format}'`);
  if (positionals.length !== 2) return usage(`diff needs two inputs, not ${positionals.length}`);
  let result;
  const sides: Side[] = [];
  try {
    for (const p of positionals) sides.push(await loadSide(p));
    result = diffSides(sides[0]!, sides[1]!);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`xxgk: ${e.message}\n`);
    return 2;
  } finally {
    for (const s of sides) s.close();
  }
  if (!hasDifferences(result)) return 0;
  process.stdout.write(format === 'json' ? diffJson(result) : diffText(result));
  return 1;
}

function usage(message: string): number {
  return usageError(DIFF_USAGE, message);
}
