/**
 * The PDF text-layer part: xxgk against a bare pdf.js text loop and poppler's pdftotext, single-threaded,
 * same files, same run. The set: the real PDFs in samples/real plus the generated PDFs in samples/generated,
 * without the scans (samples/generated/scanned: no text layer, so xxgk would OCR them and the others read
 * nothing; the OCR part times those), replicated to `reports` files. xxgk and pdf.js run the built package in a process of their own
 * (run-one.mjs), timed inside after a warm-up file; pdftotext is one process per file, `xargs -P 1`.
 *
 * pdf.js twice: as published (the reference a user would otherwise run, rebuilt by reversing xxgk's patch,
 * scripts/pdfjs-upstream.ts) and as xxgk installs it (patches/README.md), so xxgk's own work on top of the
 * pdf.js it runs stays visible.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spanning, type Figure } from './figures.js';
import { fastestInTurns, leastDisturbed, measureChild, type Measured } from './measure.js';
import { ROOT } from './prereq.js';
import { upstreamPdfjsWorker } from '../pdfjs-upstream.js';

export interface Side extends Measured {
  label: string;
  files: number;
  pages: number;
}

function pdfsUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.pdf') && !e.parentPath.split(path.sep).includes('scanned'))
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

export async function benchTextLayer(reports: number, rounds: number, tries: number): Promise<{ sides: Side[]; figures: Figure[]; summary: string }> {
  const originals = [...pdfsUnder(path.join(ROOT, 'samples', 'real')), ...pdfsUnder(path.join(ROOT, 'samples', 'generated'))].sort();
  if (originals.length === 0) throw new Error('no PDFs under samples/');
  const work = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-text-'));
  try {
    const files: string[] = [];
    for (let i = 0; files.length < reports; i++) {
      const src = originals[i % originals.length]!;
      const dst = path.join(work, `${String(i).padStart(4, '0')}-${path.basename(src)}`);
      copyFileSync(src, dst);
      files.push(dst);
    }
    const list = path.join(work, 'files.txt');
    writeFileSync(list, files.join('\n'));
    writeFileSync(path.join(work, 'files0.txt'), files.join('\0'));

    const upstream = upstreamPdfjsWorker(path.join(work, 'upstream'));
    const inProcess = (mode: 'xxgk' | 'pdfjs', label: string, worker?: string) => (): Side => {
        const r = measureChild(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'run-one.mjs'), mode, list, ...(worker ? [worker] : [])], { cwd: ROOT });
        if (r.status !== 0) throw new Error(`run-one.mjs ${mode} failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
        const own = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { files: number; pages: number; seconds: number; maxRssMb: number };
        // The process's own timing (after its warm-up file), not its start-up.
        return { ...r, label, files: own.files, pages: own.pages, seconds: own.seconds };
      };
    // The sides set against each other are run in turns, `rounds` times, each keeping its fastest run.
    const [xxgk, pdfjs, patched] = await fastestInTurns(rounds, [
      inProcess('xxgk', '(a) xxgk records'),
      inProcess('pdfjs', '(b) pdf.js text', upstream),
      inProcess('pdfjs', "(b') pdf.js text, patched"),
    ]);
    const poppler = await leastDisturbed(tries, (): Side => {
      const r = measureChild('sh', ['-c', `xargs -0 -P 1 -I{} pdftotext -layout {} /dev/null < '${path.join(work, 'files0.txt')}'`]);
      if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
      return { ...r, label: '(c) pdftotext -layout', files: files.length, pages: pdfjs.pages };
    });
    const sides = [xxgk, pdfjs, patched, poppler];
    const when = spanning(sides);
    const rate = (s: Side) => `${(s.files / s.seconds).toFixed(1)} reports/s`;
    const figures: Figure[] = [
      { part: 'text layer', what: `xxgk records vs bare pdf.js, time, 1 thread`, xxgk: rate(xxgk), reference: `pdf.js ${rate(pdfjs)}`, ratio: xxgk.seconds / pdfjs.seconds, target: { op: '<=', value: 1.2 }, when },
      { part: 'text layer', what: `xxgk records vs the patched pdf.js it runs, time`, xxgk: rate(xxgk), reference: `patched pdf.js ${rate(patched)}`, ratio: xxgk.seconds / patched.seconds, when },
      { part: 'text layer', what: `xxgk records vs pdftotext -layout, time`, xxgk: rate(xxgk), reference: `pdftotext ${rate(poppler)}`, ratio: xxgk.seconds / poppler.seconds, when },
      { part: 'text layer', what: 'xxgk peak RSS against its 300 MB budget', xxgk: `${xxgk.maxRssMb.toFixed(0)} MB`, reference: `pdftotext ${poppler.maxRssMb.toFixed(0)} MB`, ratio: xxgk.maxRssMb / 300, target: { op: '<=', value: 1 }, when },
    ];
    return { sides, figures, summary: `${originals.length} distinct PDFs replicated to ${files.length} files; single thread; node ${process.version}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatSides(sides: Side[]): string {
  const head = `${'side'.padEnd(26)} ${'files'.padStart(6)} ${'pages'.padStart(6)} ${'seconds'.padStart(8)} ${'reports/s'.padStart(10)} ${'pages/s'.padStart(9)} ${'RSS MB'.padStart(7)}`;
  const rows = sides.map(
    (s) =>
      `${s.label.padEnd(26)} ${String(s.files).padStart(6)} ${String(s.pages).padStart(6)} ${s.seconds.toFixed(2).padStart(8)} ${(s.files / s.seconds)
        .toFixed(1)
        .padStart(10)} ${(s.pages / s.seconds).toFixed(1).padStart(9)} ${s.maxRssMb.toFixed(0).padStart(7)}`,
  );
  return [head, ...rows].join('\n');
}
