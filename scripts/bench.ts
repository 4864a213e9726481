/**
 * npm run bench: xxgk against a bare pdf.js text loop and poppler's pdftotext, single-threaded, same
 * files, same run. Reports/s and pages/s for each, the ratios, and peak RSS. Not a test.
 *
 * The set: the real PDFs in samples/real plus the generated PDFs in samples/generated, replicated to at
 * least --reports (default 200) files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const want = Number(process.argv.find((a) => a.startsWith('--reports='))?.split('=')[1] ?? 200);

function pdfsUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.pdf'))
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

// The xxgk side runs the built package: build it from the current source first.
execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });

const originals = [...pdfsUnder(path.join(ROOT, 'samples', 'real')), ...pdfsUnder(path.join(ROOT, 'samples', 'generated'))].sort();
if (originals.length === 0) throw new Error('no PDFs under samples/');
const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-'));
const files: string[] = [];
for (let i = 0; files.length < want; i++) {
  const src = originals[i % originals.length]!;
  const dst = path.join(work, `${String(i).padStart(4, '0')}-${path.basename(src)}`);
  copyFileSync(src, dst);
  files.push(dst);
}
const list = path.join(work, 'files.txt');
writeFileSync(list, files.join('\n'));

interface Side {
  mode: string;
  files: number;
  pages: number;
  seconds: number;
  maxRssMb: number;
}

function inProcess(mode: 'xxgk' | 'pdfjs'): Side {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'run-one.mjs'), mode, list], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Side;
}

function pdftotext(pages: number): Side {
  let maxRssKb = 0;
  const t0 = performance.now();
  for (const f of files) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'pdftotext', '-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`pdftotext failed on ${f}: ${r.stderr}`);
    maxRssKb = Math.max(maxRssKb, Number(r.stderr.trim().split('\n').at(-1)));
  }
  return { mode: 'pdftotext -layout', files: files.length, pages, seconds: (performance.now() - t0) / 1000, maxRssMb: maxRssKb / 1024 };
}

const pdfjs = inProcess('pdfjs');
const xxgk = inProcess('xxgk');
const poppler = pdftotext(pdfjs.pages);
rmSync(work, { recursive: true, force: true });

const row = (s: Side) =>
  `${s.mode.padEnd(20)} ${String(s.files).padStart(6)} ${String(s.pages).padStart(6)} ${s.seconds.toFixed(2).padStart(8)} ${(s.files / s.seconds)
    .toFixed(1)
    .padStart(10)} ${(s.pages / s.seconds).toFixed(1).padStart(9)} ${s.maxRssMb.toFixed(0).padStart(8)}`;
console.log(`${originals.length} distinct PDFs replicated to ${files.length} files; single thread; node ${process.version}`);
console.log(`${'side'.padEnd(20)} ${'files'.padStart(6)} ${'pages'.padStart(6)} ${'seconds'.padStart(8)} ${'reports/s'.padStart(10)} ${'pages/s'.padStart(9)} ${'RSS MB'.padStart(8)}`);
for (const s of [
  { ...xxgk, mode: '(a) xxgk records' },
  { ...pdfjs, mode: '(b) pdf.js text' },
  { ...poppler, mode: '(c) pdftotext' },
])
  console.log(row(s));
console.log(`(a)/(b) time ratio: ${(xxgk.seconds / pdfjs.seconds).toFixed(2)}  (target ≤ 1.2)`);
console.log(`(a)/(c) time ratio: ${(xxgk.seconds / poppler.seconds).toFixed(2)}`);
console.log(`(a) peak RSS: ${xxgk.maxRssMb.toFixed(0)} MB  (target < 300)`);
