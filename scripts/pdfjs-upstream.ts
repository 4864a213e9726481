/**
 * Upstream pdf.js, for the places that compare xxgk's patched pdf.js with it (tests/pdfjs-patch.test.ts, the
 * text part of the benchmark): the installed `legacy/build/pdf.worker.mjs` with patches/pdfjs-dist+*.patch
 * reversed (`git apply -R`), written under `dir`. pdf.js takes it as `globalThis.pdfjsWorker` (a thread keeps
 * the first worker module it is given, so each version needs a thread or process of its own).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const RELATIVE = path.join('node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.worker.mjs');
/** Every patched passage says so. */
export const PATCH_MARK = 'xxgk patch (patches/README.md)';

/** The pdf.js worker module xxgk loads (patched on install). */
export function installedPdfjsWorker(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'legacy', 'build', 'pdf.worker.mjs');
}

/** The patch file for the installed pdfjs-dist version. */
export function pdfjsPatch(): string {
  const name = readdirSync(path.join(ROOT, 'patches')).find((f) => f.startsWith('pdfjs-dist+') && f.endsWith('.patch'));
  if (!name) throw new Error('no pdfjs-dist patch in patches/');
  return path.join(ROOT, 'patches', name);
}

/** Writes upstream's worker module under `dir` and returns its path. */
export function upstreamPdfjsWorker(dir: string): string {
  const installed = installedPdfjsWorker();
  if (!readFileSync(installed, 'utf8').includes(PATCH_MARK)) throw new Error('pdf.js is not patched: run npm ci (its postinstall applies patches/)');
  const upstream = path.join(dir, RELATIVE);
  mkdirSync(path.dirname(upstream), { recursive: true });
  copyFileSync(installed, upstream);
  execFileSync('git', ['apply', '-R', pdfjsPatch()], { cwd: dir });
  return upstream;
}
