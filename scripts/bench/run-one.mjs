// One side of the benchmark, in a process of its own so its peak memory is its own. Plain JavaScript on
// the built package (dist/), not through a TypeScript loader: a loader's own transforms and source maps
// would be measured too.
//   xxgk    full records (extract, normalize, tables, checks) for every file, with the CLI's heap policy
//   pdfjs   a bare pdf.js getTextContent loop over every page, the floor xxgk builds on; with a third argument,
//           the pdf.js worker module to use (upstream's, from scripts/pdfjs-upstream.ts) instead of the installed,
//           patched one
// Prints one JSON line: { mode, files, pages, seconds, maxRssMb }.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { extractRecord } from '../../dist/src/pipeline/extract.js';
import { boundHeapGrowth } from '../../dist/src/cli/heap.js';
import { documentOptions } from '../../dist/extractors/pdf/pdfjs.js';

const [mode, listFile, workerModule] = process.argv.slice(2);
if (workerModule) globalThis.pdfjsWorker = await import(pathToFileURL(workerModule).href);
// As `xxgk extract` runs (bin/xxgk.js).
if (mode === 'xxgk') boundHeapGrowth();
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

async function pdfjsPages(bytes) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // xxgk's options (CMaps and fonts as paths), through pdf.js's own loader.
  const doc = await getDocument({ ...documentOptions(), data: bytes }).promise;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

const run = async (f) => {
  const bytes = new Uint8Array(readFileSync(f));
  return mode === 'xxgk' ? ((await extractRecord(bytes, f)).source.pages ?? 0) : await pdfjsPages(bytes);
};

// Warm up module loading and the JIT on the first file, outside the timing.
await run(files[0]);
let pages = 0;
const t0 = performance.now();
for (const f of files) pages += await run(f);
const seconds = (performance.now() - t0) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ mode, files: files.length, pages, seconds, maxRssMb }) + '\n');
