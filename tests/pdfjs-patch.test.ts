/**
 * xxgk reads PDFs with a patched pdf.js (patches/pdfjs-dist+5.6.205.patch, applied by patch-package when npm
 * installs): the patch only makes pdf.js faster, so every sample must read exactly as with upstream pdf.js —
 * the same text content, the same operator lists, the same repaired font programs. Upstream is rebuilt here by
 * reversing the patch on a copy of the installed file, and both are read in threads of their own.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { installedPdfjsWorker, PATCH_MARK, upstreamPdfjsWorker } from '../scripts/pdfjs-upstream.js';

const ROOT = path.join(import.meta.dirname, '..');
const installed = installedPdfjsWorker();

/**
 * The real reports, the bad files, the Kangxi twins and every fifth generated report (three font sets, all the
 * layouts); not the scans: the patch touches fonts, text and Flate streams, not page images.
 */
function samplePdfs(): string[] {
  const all = readdirSync(path.join(ROOT, 'samples'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.pdf') && !e.parentPath.includes('scanned'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const generated = all.filter((f) => f.includes(`${path.sep}corpus${path.sep}`));
  return all.filter((f) => !generated.includes(f) || generated.indexOf(f) % 5 === 0);
}

function fingerprint(workerModule: string, files: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(ROOT, 'tests', 'helpers', 'pdfjs-fingerprint.mjs'), { workerData: { workerModule, files } });
    w.once('message', (m: string[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const work = mkdtempSync(path.join(tmpdir(), 'xxgk-pdfjs-patch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the pdf.js patch', () => {
  it('is applied to the installed pdf.js', () => {
    expect(readFileSync(installed, 'utf8'), 'run npm ci (its postinstall applies patches/)').toContain(PATCH_MARK);
  });

  it('reads the sample PDFs exactly as upstream pdf.js does', { timeout: 120_000 }, async () => {
    const upstream = upstreamPdfjsWorker(work);
    expect(readFileSync(upstream, 'utf8')).not.toContain('xxgk patch');

    const files = samplePdfs();
    const [patched, original] = await Promise.all([fingerprint(installed, files), fingerprint(upstream, files)]);
    expect(patched).toEqual(original);
    // The comparison covers what the patch touches: TrueType fonts repaired, Flate streams, text state copies.
    expect(files.length).toBeGreaterThan(20);
    expect(patched.filter((p) => / fonts \[\S+=/.test(p)).length).toBeGreaterThan(15);
    expect(patched.filter((p) => / error /.test(p)).length).toBeLessThan(6);
  });
});
