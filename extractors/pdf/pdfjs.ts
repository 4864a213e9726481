/**
 * pdf.js, loaded on first use (text-only runs never pay for it), with the options that make it read
 * Chinese PDFs in Node (see tech-notes.md), and its failures turned into one-line InputErrors.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import { InputError } from '../../src/errors.js';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= importKeepingBuiltins().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/**
 * The legacy build's core-js polyfills replace Array.prototype.push, JSON.parse and JSON.stringify with
 * JavaScript versions for the whole process (forced by a V8 corner case about arrays with a read-only
 * length, which neither pdf.js nor we use): about a tenth of all extraction time went to that `push`.
 * The worker is imported here too (pdf.js uses globalThis.pdfjsWorker instead of loading it itself) so
 * that both modules' polyfills have run before the built-ins are put back.
 */
async function importKeepingBuiltins(): Promise<PdfJs> {
  const push = Array.prototype.push;
  const { parse, stringify } = JSON;
  try {
    const [lib, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return lib;
  } finally {
    Array.prototype.push = push;
    JSON.parse = parse;
    JSON.stringify = stringify;
  }
}

let options: Record<string, unknown> | undefined;

/**
 * File-system paths with a trailing separator: a file:// URL makes pdf.js fail silently, and without the
 * CMaps the usual non-embedded 公文 fonts (GBK-EUC-H, UniGB-UCS2-H) yield no text at all.
 */
export function documentOptions(): Record<string, unknown> {
  if (!options) {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const dir = (name: string) => path.join(root, name) + path.sep;
    options = {
      cMapUrl: dir('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: dir('standard_fonts'),
      wasmUrl: dir('wasm'),
      isEvalSupported: false,
      verbosity: 0,
    };
  }
  return options;
}

/**
 * How long one pdf.js step (opening, one page's text, one page's operators) may take. pdf.js parses on
 * the main thread in slices, so a stalled promise can be noticed; a healthy report page takes milliseconds.
 */
export const STEP_TIMEOUT_MS = 30_000;

/** A pdf.js promise whose rejection (or stall) becomes an InputError naming the damage. */
export async function pdfStep<T>(promise: Promise<T>, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InputError(`damaged PDF: ${what} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
  });
  // A promise abandoned on timeout may still reject later: that must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, stalled]);
  } catch (e) {
    throw toInputError(e, what);
  } finally {
    clearTimeout(timer);
  }
}

function toInputError(e: unknown, what: string): InputError {
  if (e instanceof InputError) return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'PasswordException') return new InputError('encrypted PDF (password required)');
  const where = what === 'opening the file' ? '' : `${what}: `;
  return new InputError(`damaged PDF: ${where}${shortReason(e)}`);
}

/** pdf.js's message, first line only, without its stack or trailing period ("Invalid PDF structure."). */
function shortReason(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const line = (raw.split('\n')[0] ?? '').trim().replace(/\.$/, '');
  const text = line === '' ? 'unreadable' : line.charAt(0).toLowerCase() + line.slice(1);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
