/**
 * `xxgk review <file>`: the report read, then written as one HTML page an auditor opens from disk: every
 * value drawn where it was read, the checks beside it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import { buildReview } from '../review/build.js';
import { REVIEW_DPI } from '../review/page-images.js';
import { fsCause } from '../causes.js';
import { parseCommand, usageError } from './options.js';

export const REVIEW_USAGE = `usage:
  xxgk review <file> [--out report.html] [--ocr auto|always|never] [--dpi N]

review reads a report (PDF, HTML, DOCX/DOC or text) and writes one self-contained HTML page (no network
needed; open it from disk): PDF pages as images with every cell's box drawn over it and the value read beside
it; HTML and DOCX tables re-drawn from their grid; text with each value marked. Cells in a failing check are red.
Click a check to light its cells, a cell to see its path, raw text, kind and confidence.
  --out FILE   where to write [default: NAME.review.html in the current directory]; its path is printed
  --ocr MODE   as for extract [default: auto]
  --dpi N      resolution of the page images [default: ${REVIEW_DPI}]
exit status: 0 written, 2 unreadable input or usage`;

export async function reviewCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    REVIEW_USAGE,
    {
      out: { type: 'string' },
      ocr: { type: 'string', default: 'auto' },
      dpi: { type: 'string' },
    },
    true,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage(`review needs one file, not ${positionals.length}`);
  const ocr = values.ocr;
  if (ocr !== 'auto' && ocr !== 'always' && ocr !== 'never') return usage(`--ocr must be auto, always or never, not '${ocr}'`);
  const dpi = values.dpi === undefined ? REVIEW_DPI : Number(values.dpi);
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 300) return usage(`--dpi must be a number from 36 to 300, not '${values.dpi}'`);
  const input = positionals[0]!;
  const out = values.out ?? `${basename(input, extname(input)) || 'report'}.review.html`;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (e) {
    process.stderr.write(`xxgk: ${input}: ${fsCause(e)}\n`);
    return 2;
  }
  let html: string;
  try {
    html = await buildReview(bytes, input, { ocr, dpi });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`xxgk: ${input}: ${e.message}\n`);
    return 2;
  }
  try {
    await writeFile(out, html);
  } catch (e) {
    process.stderr.write(`xxgk: ${out}: ${fsCause(e)}\n`);
    return 2;
  }
  process.stdout.write(`${out}\n`);
  return 0;
}

function usage(message: string): number {
  return usageError(REVIEW_USAGE, message);
}
