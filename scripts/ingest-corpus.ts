/**
 * A synthetic archive for ingest tests and benchmarks: the real samples replicated under distinct names with
 * distinct bytes (a byte-identical copy would only be a duplicate row), plus corrupt files.
 *
 * - text (.txt .md): a trailing line of spaces and tabs spelling the copy number in binary (ignored by the reader);
 * - HTML: a trailing `<!-- copy N -->` comment;
 * - PDF: a `%xxgk-copy N` comment line after `%%EOF` (readers locate the cross-reference table from the end, a
 *   trailing comment changes nothing);
 * - corrupt: random bytes named .txt (binary data, not text) and real PDFs cut short (damaged PDF).
 * Word files are left out: a zip cannot take trailing bytes without rewriting its directory.
 *
 * Usage: `tsx scripts/ingest-corpus.ts DIR COUNT [--corrupt N] [--kinds pdf,txt,html,md]`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

const ROOT = join(import.meta.dirname, '..');
const REAL = join(ROOT, 'samples', 'real');

export interface CorpusOptions {
  /** Corrupt files among `count` (default 4). */
  corrupt?: number;
  /** Extensions of the real samples to replicate (default pdf, txt, md, html). */
  kinds?: string[];
  /** Spread files over this many subdirectories (default 10). */
  subdirs?: number;
}

export interface Corpus {
  files: string[];
  corrupt: string[];
  originals: string[];
}

export function makeCorpus(dir: string, count: number, options: CorpusOptions = {}): Corpus {
  const kinds = (options.kinds ?? ['pdf', 'txt', 'md', 'html']).map((k) => `.${k}`);
  const originals = readdirSync(REAL)
    .filter((f) => kinds.includes(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(REAL, f));
  if (originals.length === 0) throw new Error(`no samples of kinds ${kinds.join(' ')} in ${REAL}`);
  const nCorrupt = Math.min(options.corrupt ?? 4, count);
  const subdirs = options.subdirs ?? 10;
  const files: string[] = [];
  const corrupt: string[] = [];
  const pdfs = readdirSync(REAL)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort()
    .map((f) => join(REAL, f));
  // Spread over the run, so a kill in the middle finds some stored and some not.
  const corruptAt = new Set(Array.from({ length: nCorrupt }, (_, k) => Math.floor(((k + 0.5) * count) / nCorrupt)));
  let k = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${String(i % subdirs).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    const n = String(i).padStart(5, '0');
    if (corruptAt.has(i)) {
      let path: string;
      if (k++ % 2 === 0 || pdfs.length === 0) {
        path = join(sub, `${n}-corrupt.txt`);
        writeFileSync(path, Buffer.concat([Buffer.from([0, 1, 2, 0xff]), randomBytes(2000 + i)]));
      } else {
        const src = readFileSync(pdfs[i % pdfs.length]!);
        path = join(sub, `${n}-truncated.pdf`);
        writeFileSync(path, src.subarray(0, Math.floor(src.length / 3) + i));
      }
      files.push(path);
      corrupt.push(path);
      continue;
    }
    const src = originals[i % originals.length]!;
    const ext = extname(src).toLowerCase();
    const path = join(sub, `${n}-${basename(src)}`);
    writeFileSync(path, Buffer.concat([readFileSync(src), Buffer.from(suffix(ext, i), 'latin1')]));
    files.push(path);
  }
  return { files, corrupt, originals };
}

function suffix(ext: string, i: number): string {
  if (ext === '.pdf') return `\n%xxgk-copy ${i}\n`;
  if (ext === '.html' || ext === '.htm') return `\n<!-- copy ${i} -->\n`;
  // Text: spaces and tabs spelling i + 1 in binary, on a line of its own.
  return `\n${(i + 1).toString(2).replace(/0/g, ' ').replace(/1/g, '\t')}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: tsx scripts/ingest-corpus.ts DIR COUNT [--corrupt N] [--kinds pdf,txt,html,md]');
    process.exit(2);
  }
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const c = makeCorpus(dir, Number(count), {
    corrupt: Number(arg('--corrupt') ?? 4),
    ...(arg('--kinds') ? { kinds: arg('--kinds')!.split(',') } : {}),
  });
  console.log(`${c.files.length} files (${c.corrupt.length} corrupt) from ${c.originals.length} samples in ${dir}`);
}
