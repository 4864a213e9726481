/**
 * The OCR part: xxgk's OCR against the native `tesseract` CLI, single-threaded both, same images, same model,
 * same run.
 *
 * xxgk OCRs table cells one by one and the text around tables as a page, so the comparison is made on exactly
 * the jobs xxgk runs: the report is read once through xxgk's OCR pipeline (render, ruling lines, cell grid,
 * one engine worker) while every image handed to tesseract is recorded with its settings (page segmentation
 * mode, digit whitelist, resolution); then the same jobs are run
 *   - by xxgk's engine: tesseract.js 7 (wasm), one worker, chi_sim 4.0.0_best_int, LSTM only;
 *   - by the native CLI: `tesseract` with OMP_THREAD_LIMIT=1, `--tessdata-dir` holding the same
 *     chi_sim.traineddata (gunzipped from the npm package), `--oem 1`, one process per group of jobs with the
 *     same settings (a list file of images), so the model is loaded once per group, not per image.
 * Both sides start their engine once inside the timing (worker start-up / process start and model load).
 * After a warm-up of each, all five measurements are taken in turns, `rounds` times, and each keeps its fastest
 * undisturbed run: one run each swung the ratio by a fifth as the machine's speed drifted.
 * Also timed: the whole page images at page segmentation mode 3 (plain page OCR), both ways.
 *
 * The bound (≤ 1.5×) is set on xxgk's whole OCR of the report (the pipeline: rendering, grid, every tesseract
 * job) against the CLI running the same jobs on the same images. The same pipeline against the CLI reading the
 * whole page images (one job a page, psm 3: less work, no cell structure) is printed beside it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { documentOptions, loadPdfJs } from '../../extractors/pdf/pdfjs.js';
import { modelDir, OcrPool, type OcrReply, type OcrRequest } from '../../extractors/ocr/engine.js';
import { ocrPdfPages } from '../../extractors/ocr/index.js';
import { pagePaint, renderPage, renderScale, scanPixels } from '../../extractors/ocr/render.js';
import { toPgm } from '../../extractors/ocr/image.js';
import { spanning, type Figure } from './figures.js';
import { fastestInTurns, measureHere, type Measured } from './measure.js';
import { ROOT } from './prereq.js';

class RecordingPool extends OcrPool {
  readonly jobs: OcrRequest[] = [];
  override run(request: OcrRequest): Promise<OcrReply> {
    this.jobs.push(request);
    return super.run(request);
  }
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

async function runEngine(jobs: OcrRequest[]): Promise<void> {
  const pool = new OcrPool(1);
  // One at a time, in order: a single worker, as the CLI runs them.
  for (const j of jobs) await pool.run({ ...j, tsv: true });
  await pool.terminate();
}

/** Writes each group's images and list file (outside the timing); returns the CLI argument lists. */
function nativeRuns(grouped: Map<string, OcrRequest[]>, work: string, tessdata: string): string[][] {
  return [...grouped].map(([key, jobs], g) => {
    const { psm, whitelist, dpi } = JSON.parse(key) as { psm: string; whitelist: string | null; dpi: number };
    const dir = path.join(work, `g${g}`);
    mkdirSync(dir, { recursive: true });
    const list = jobs.map((j, i) => {
      const f = path.join(dir, `${i}.pgm`);
      writeFileSync(f, j.image);
      return f;
    });
    writeFileSync(path.join(dir, 'list.txt'), list.join('\n') + '\n');
    const args = [path.join(dir, 'list.txt'), path.join(dir, 'out'), '--tessdata-dir', tessdata, '-l', 'chi_sim', '--oem', '1', '--psm', psm, '-c', `user_defined_dpi=${dpi}`];
    if (whitelist !== null) args.push('-c', `tessedit_char_whitelist=${whitelist}`);
    args.push('tsv');
    return args;
  });
}

function runNative(runs: string[][]): void {
  for (const args of runs) {
    const r = spawnSync('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tesseract failed: ${r.stderr}`);
  }
}

export interface OcrBench {
  file: string;
  pages: number;
  jobs: string;
  version: string;
  pipeline: Measured;
  engineJobs: Measured;
  nativeJobs: Measured;
  enginePages: Measured;
  nativePages: Measured;
}

export async function benchOcr(file: string, rounds: number): Promise<{ result: OcrBench; figures: Figure[] }> {
  // tsx turns on source-mapped stack traces for the whole process; pdf.js builds Error stacks, and mapping them
  // first parses pdf.js's 0.4 s source map, a cost the built CLI (no source maps) never pays.
  process.setSourceMapsEnabled(false);
  const bytes = new Uint8Array(readFileSync(file));
  const pdfjs = await loadPdfJs();

  // 1. xxgk's OCR of the report (one engine worker, as the bound is single-threaded); the first run records
  // every job it hands the engine and warms up both this process and the file cache.
  let recorded: OcrRequest[] = [];
  let pages = 0;
  const ocrReport = async (recorder: OcrPool) => {
    const doc = await pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(bytes) }).promise;
    pages = doc.numPages;
    await ocrPdfPages(doc, pdfjs, Array.from({ length: pages }, (_, i) => ({ page: i + 1, scope: 'page' as const })), { pool: recorder });
    await recorder.terminate();
    await doc.destroy();
  };
  {
    const recorder = new RecordingPool(1);
    await ocrReport(recorder);
    recorded = recorder.jobs;
  }
  const pipelineRun = () => measureHere(() => ocrReport(new OcrPool(1)));

  // 2. The page images themselves, for plain page OCR.
  const doc = await pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(bytes) }).promise;
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

  const cellJobs = [...groups(recorded).values()].flat();
  const fullJobs = [...groups(pageJobs).values()].flat();
  const counts = new Map<string, number>();
  for (const j of cellJobs) {
    const k = `psm ${j.psm}${j.whitelist ? ' digits' : ''}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }

  const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-ocr-'));
  try {
    const tessdata = path.join(work, 'tessdata');
    mkdirSync(tessdata);
    writeFileSync(path.join(tessdata, 'chi_sim.traineddata'), gunzipSync(readFileSync(path.join(modelDir(), 'chi_sim.traineddata.gz'))));
    const version = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
    const cellRuns = nativeRuns(groups(cellJobs), path.join(work, 'cells'), tessdata);
    const pageRuns = nativeRuns(groups(fullJobs), path.join(work, 'pages'), tessdata);
    runNative([...cellRuns, ...pageRuns]); // warm-up: the CLI and the model into the file cache
    const [pipeline, nativeJobs, engineJobs, enginePages, nativePages] = await fastestInTurns(rounds, [
      pipelineRun,
      () => measureHere(() => runNative(cellRuns)),
      () => measureHere(() => runEngine(cellJobs)),
      () => measureHere(() => runEngine(fullJobs)),
      () => measureHere(() => runNative(pageRuns)),
    ]);
    const result: OcrBench = {
      file: path.relative(ROOT, file),
      pages,
      jobs: [...counts].map(([k, v]) => `${v} × ${k}`).join(', '),
      version,
      pipeline,
      engineJobs,
      nativeJobs,
      enginePages,
      nativePages,
    };
    const sp = (m: Measured) => `${(m.seconds / pages).toFixed(2)} s/page`;
    const figures: Figure[] = [
      {
        part: 'OCR',
        what: `xxgk OCR of the report (pipeline, 1 worker) vs CLI, same jobs`,
        xxgk: sp(pipeline),
        reference: `tesseract ${sp(nativeJobs)}`,
        ratio: pipeline.seconds / nativeJobs.seconds,
        target: { op: '<=', value: 1.5 },
        when: spanning([pipeline, nativeJobs]),
      },
      {
        part: 'OCR',
        what: `xxgk OCR of the report vs CLI on whole pages, psm 3`,
        xxgk: sp(pipeline),
        reference: `tesseract ${sp(nativePages)}`,
        ratio: pipeline.seconds / nativePages.seconds,
        when: spanning([pipeline, nativePages]),
      },
      {
        part: 'OCR',
        what: `engine only: tesseract.js vs CLI, xxgk's jobs`,
        xxgk: sp(engineJobs),
        reference: `tesseract ${sp(nativeJobs)}`,
        ratio: engineJobs.seconds / nativeJobs.seconds,
        when: spanning([engineJobs, nativeJobs]),
      },
      {
        part: 'OCR',
        what: `engine only: whole pages, psm 3`,
        xxgk: sp(enginePages),
        reference: `tesseract ${sp(nativePages)}`,
        ratio: enginePages.seconds / nativePages.seconds,
        when: spanning([enginePages, nativePages]),
      },
    ];
    return { result, figures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatOcr(r: OcrBench): string {
  const row = (what: string, ours: Measured, native: Measured) =>
    `${what.padEnd(34)} ${(ours.seconds / r.pages).toFixed(2).padStart(8)} ${(native.seconds / r.pages).toFixed(2).padStart(8)} ${(ours.seconds / native.seconds).toFixed(2).padStart(7)}×`;
  return [
    `${r.file}: ${r.pages} pages; jobs: ${r.jobs}`,
    `single thread; tesseract.js 7 (wasm) vs ${r.version} (OMP_THREAD_LIMIT=1); chi_sim 4.0.0_best_int, LSTM`,
    `${''.padEnd(34)} ${'xxgk s/p'.padStart(8)} ${'CLI s/p'.padStart(8)} ${'ratio'.padStart(8)}`,
    row(`xxgk pipeline (render+grid+OCR)`, r.pipeline, r.nativeJobs),
    row(`engine only, xxgk's jobs`, r.engineJobs, r.nativeJobs),
    row('engine only, whole pages psm 3', r.enginePages, r.nativePages),
  ].join('\n');
}
