/**
 * OCR speed against the native `tesseract` CLI, single-threaded both, same images, same model, same run.
 *
 *   npx tsx scripts/bench-ocr.ts [samples/scanned/hongze-2023-300dpi.pdf]
 *
 * xxgk OCRs table cells one by one and the text around tables as a page, so the comparison is made on
 * exactly the jobs xxgk runs: the report is read once to collect every image handed to tesseract (cell
 * images, the page images with their tables blanked) with its settings (page segmentation mode, digit
 * whitelist, resolution); then the same jobs are run
 *   - by xxgk's engine: tesseract.js 7 (wasm), one worker, chi_sim 4.0.0_best_int, LSTM only;
 *   - by the native CLI: `tesseract` with OMP_THREAD_LIMIT=1, `--tessdata-dir` holding the same
 *     chi_sim.traineddata (gunzipped from the npm package), `--oem 1`, one process per group of jobs with
 *     the same settings (a list file of images), so the model is loaded once per group, not per image.
 * Both sides start their engine once inside the timing (worker start-up / process start and model load).
 * Also timed: the whole page images at page segmentation mode 3 (plain page OCR), both ways.
 * Prints seconds per page for both and the ratio xxgk / native (goal ≤ 1.5).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { documentOptions, loadPdfJs } from '../extractors/pdf/pdfjs.js';
import { modelDir, OcrPool, type OcrReply, type OcrRequest } from '../extractors/ocr/engine.js';
import { ocrPdfPages } from '../extractors/ocr/index.js';
import { pagePaint, renderPage, renderScale, scanPixels } from '../extractors/ocr/render.js';
import { toPgm } from '../extractors/ocr/image.js';

const ROOT = path.join(import.meta.dirname, '..');
const file = process.argv[2] ?? path.join(ROOT, 'samples', 'scanned', 'hongze-2023-300dpi.pdf');

class RecordingPool extends OcrPool {
  readonly jobs: OcrRequest[] = [];
  override run(request: OcrRequest): Promise<OcrReply> {
    this.jobs.push(request);
    return super.run(request);
  }
}

function hasTesseract(): boolean {
  return spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Jobs grouped by their settings; the resolution rounded to 10 dpi so groups stay few (both sides get the rounded value). */
function groups(jobs: OcrRequest[]): Map<string, OcrRequest[]> {
  const out = new Map<string, OcrRequest[]>();
  for (const j of jobs) {
    const dpi = Math.max(70, Math.round(j.dpi / 10) * 10);
    const key = JSON.stringify({ psm: j.psm, whitelist: j.whitelist ?? null, dpi });
    const list = out.get(key) ?? [];
    list.push({ ...j, dpi });
    out.set(key, list);
  }
  return out;
}

async function timeEngine(jobs: OcrRequest[]): Promise<number> {
  const pool = new OcrPool(1);
  const t0 = performance.now();
  // One at a time, in order: a single worker, as the CLI runs them.
  for (const j of jobs) await pool.run({ ...j, tsv: true });
  const s = (performance.now() - t0) / 1000;
  await pool.terminate();
  return s;
}

let groupDirs = 0;

function timeNative(grouped: Map<string, OcrRequest[]>, work: string, tessdata: string): number {
  let total = 0;
  for (const [key, jobs] of grouped) {
    const { psm, whitelist, dpi } = JSON.parse(key) as { psm: string; whitelist: string | null; dpi: number };
    const dir = path.join(work, `g${groupDirs++}`);
    mkdirSync(dir);
    const list = jobs.map((j, i) => {
      const f = path.join(dir, `${i}.pgm`);
      writeFileSync(f, j.image);
      return f;
    });
    writeFileSync(path.join(dir, 'list.txt'), list.join('\n') + '\n');
    const args = [path.join(dir, 'list.txt'), path.join(dir, 'out'), '--tessdata-dir', tessdata, '-l', 'chi_sim', '--oem', '1', '--psm', psm, '-c', `user_defined_dpi=${dpi}`];
    if (whitelist !== null) args.push('-c', `tessedit_char_whitelist=${whitelist}`);
    args.push('tsv');
    const t0 = performance.now();
    const r = spawnSync('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' });
    total += (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`tesseract failed: ${r.stderr}`);
  }
  return total;
}

async function main(): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(bytes) }).promise;
  const pages = doc.numPages;

  // 1. The jobs xxgk runs for this report (with its default pool size, as a user would run it).
  const recorder = new RecordingPool(1);
  const t0 = performance.now();
  await ocrPdfPages(doc, pdfjs, Array.from({ length: pages }, (_, i) => ({ page: i + 1, scope: 'page' as const })), { pool: recorder });
  const pipeline = (performance.now() - t0) / 1000;
  await recorder.terminate();

  // 2. The page images themselves, for plain page OCR.
  const pageJobs: OcrRequest[] = [];
  for (let n = 1; n <= pages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    const paint = await pagePaint(pdfjs, page);
    const r = scanPixels(page, paint, vp.width, vp.height) ?? (await renderPage(doc, pdfjs, page, renderScale(paint.images, vp.width, vp.height)));
    pageJobs.push({ image: toPgm(r.image), psm: '3', dpi: r.scale * 72 });
    page.cleanup();
  }
  await doc.destroy();

  const cellJobs = [...groups(recorder.jobs).values()].flat();
  const fullJobs = [...groups(pageJobs).values()].flat();
  const counts = new Map<string, number>();
  for (const j of cellJobs) counts.set(`psm ${j.psm}${j.whitelist ? ' digits' : ''}`, (counts.get(`psm ${j.psm}${j.whitelist ? ' digits' : ''}`) ?? 0) + 1);

  console.log(`${path.relative(ROOT, file)}: ${pages} pages; xxgk's OCR pipeline (render + grid + ${cellJobs.length} tesseract jobs, 1 worker): ${(pipeline / pages).toFixed(2)} s/page`);
  console.log(`jobs: ${[...counts].map(([k, v]) => `${v} × ${k}`).join(', ')}`);
  const oursCells = await timeEngine(cellJobs);
  const oursPages = await timeEngine(fullJobs);
  if (!hasTesseract()) {
    console.log(`xxgk engine: ${(oursCells / pages).toFixed(2)} s/page (xxgk's jobs), ${(oursPages / pages).toFixed(2)} s/page (whole pages, psm 3)`);
    console.log('native tesseract not found (apt-get install tesseract-ocr): no ratio');
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-ocr-'));
  try {
    const tessdata = path.join(work, 'tessdata');
    mkdirSync(tessdata);
    writeFileSync(path.join(tessdata, 'chi_sim.traineddata'), gunzipSync(readFileSync(path.join(modelDir(), 'chi_sim.traineddata.gz'))));
    const version = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const nativeCells = timeNative(groups(cellJobs), work, tessdata);
    const nativePages = timeNative(groups(fullJobs), work, tessdata);
    const row = (what: string, ours: number, native: number) =>
      console.log(`${what.padEnd(34)} ${(ours / pages).toFixed(2).padStart(8)} ${(native / pages).toFixed(2).padStart(8)} ${(ours / native).toFixed(2).padStart(7)}×`);
    console.log(`single thread; tesseract.js 7 (wasm) vs ${version} (OMP_THREAD_LIMIT=1); chi_sim 4.0.0_best_int, LSTM`);
    console.log(`${''.padEnd(34)} ${'xxgk s/p'.padStart(8)} ${'CLI s/p'.padStart(8)} ${'ratio'.padStart(8)}`);
    row(`xxgk's jobs (cells + text)`, oursCells, nativeCells);
    row('whole pages, psm 3', oursPages, nativePages);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
