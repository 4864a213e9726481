/**
 * npm run bench [-- text|ocr|ingest ...] [--reports=N] [--ingest-reports=N] [--ingest-repeat=N] [--ocr-file=PDF]
 *                 [--rounds=N] [--tries=N] [--no-build]
 *
 * Speed of xxgk side by side with a reference tool, as ratios, in one run (not a test):
 *   text    PDF text layer, 1 thread: xxgk records vs a bare pdf.js loop vs `pdftotext -layout`
 *   ocr     OCR s/page, 1 thread: xxgk (tesseract.js) vs the `tesseract` CLI on the same images and model
 *   ingest  `xxgk ingest` reports/s at --jobs 1 and 2 vs `pdftotext -layout` under `xargs -P 1` / `-P 2`
 *   queue   `xxgk ingest --queue` with one and two `xxgk worker` processes vs the local pool (scripts/bench-queue.ts)
 * With no part named, all four. Each part prints its detail as it ends; a table of every figure, its target
 * and the conditions it was taken in (load average, CPU taken by other processes) closes the run. The sides
 * a bound compares (text: xxgk and pdf.js; OCR: xxgk and the CLI) are run in turns, --rounds times (default
 * 3), each keeping its fastest undisturbed run; other measurements taken while other processes held more
 * than 15% of the machine are repeated (--tries, default 2 in all) and the least disturbed one kept.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import { formatFigures, met, type Figure } from './bench/figures.js';
import { BUSY_SHARE } from './bench/measure.js';
import { missingFor, ROOT, type Part } from './bench/prereq.js';

const PARTS: Part[] = ['text', 'ocr', 'ingest', 'queue'];
const args = process.argv.slice(2);
const opt = (name: string, def: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((a) => !PARTS.includes(a as Part));
if (unknown.length > 0) {
  console.error(`bench: unknown part '${unknown[0]}' (parts: ${PARTS.join(', ')})`);
  process.exit(2);
}
const parts = named.length === 0 ? PARTS : PARTS.filter((p) => named.includes(p));
const tries = Number(opt('tries', '2'));

// The text and ingest parts run the built package: build it from the current source first.
if (!args.includes('--no-build') && parts.some((p) => p !== 'ocr')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
const missing = missingFor(parts);
if (missing.length > 0) {
  for (const m of missing) console.error(`bench: ${m}`);
  process.exit(2);
}

console.log(`xxgk bench: ${parts.join(', ')}; ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}); node ${process.version}`);
const figures: Figure[] = [];
const t0 = performance.now();

if (parts.includes('text')) {
  const { benchTextLayer, formatSides } = await import('./bench/text-layer.js');
  const r = await benchTextLayer(Number(opt('reports', '200')), Number(opt('rounds', '3')), tries);
  console.log(`\n== PDF text layer: ${r.summary}\n${formatSides(r.sides)}`);
  figures.push(...r.figures);
}
if (parts.includes('ocr')) {
  const { benchOcr, formatOcr } = await import('./bench/ocr.js');
  const file = path.resolve(opt('ocr-file', path.join(ROOT, 'samples', 'scanned', 'hongze-2023-300dpi.pdf')));
  const r = await benchOcr(file, Number(opt('rounds', '3')));
  console.log(`\n== OCR\n${formatOcr(r.result)}`);
  figures.push(...r.figures);
}
if (parts.includes('ingest')) {
  const { benchIngest, formatIngest } = await import('./bench/ingest.js');
  const r = await benchIngest(Number(opt('ingest-reports', '480')), [1, 2], Number(opt('ingest-repeat', '2')), tries);
  console.log(`\n== ingest\n${formatIngest(r.result)}`);
  figures.push(...r.figures);
}
if (parts.includes('queue')) {
  // Its own script (it starts a private Redis and worker processes); it prints its table and prediction.
  console.log('\n== ingest on a Redis queue');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench-queue.ts'), '--no-build'], { cwd: ROOT, stdio: 'inherit' });
}

console.log(`\n== figures (${((performance.now() - t0) / 1000).toFixed(0)} s)\n${formatFigures(figures)}`);
const busy = figures.filter((f) => f.when.othersShare > BUSY_SHARE);
if (busy.length > 0) {
  console.log(
    `note: ${busy.length} figure(s) were taken while other processes used more than ${100 * BUSY_SHARE}% of the machine even after ${tries} tries: ` +
      'compare them with care, or run again on a quieter machine',
  );
}
const missed = figures.filter((f) => met(f) === false);
if (missed.length > 0) console.log(`missed targets: ${missed.map((f) => `${f.part}: ${f.what}`).join('; ')}`);
