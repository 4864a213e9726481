/**
 * Run in a worker thread: reads PDFs with the pdf.js worker module named in workerData and posts, per file, a
 * fingerprint of what pdf.js made of it — each page's text content, its operator list, and every font it
 * loaded (the repaired font program's bytes and its other properties). A thread of its own, because pdf.js
 * keeps the first worker module it is given for the life of the thread.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { workerModule, files } = workerData;
const digest = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

globalThis.pdfjsWorker = await import(pathToFileURL(workerModule).href);
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const { documentOptions } = await import('../../dist/extractors/pdf/pdfjs.js');

const out = [];
for (const file of files) {
  let print = '';
  try {
    const doc = await getDocument({ ...documentOptions(), data: new Uint8Array(readFileSync(file)), fontExtraProperties: true }).promise;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const text = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const ops = await page.getOperatorList();
      const fonts = [];
      for (const [id, obj] of page.commonObjs) {
        if (obj?.data instanceof Uint8Array) fonts.push(`${id}=${digest(obj.data)}/${digest(JSON.stringify({ ...obj, data: undefined, systemFontInfo: undefined }))}`);
      }
      print += ` p${p} text ${digest(JSON.stringify(text))} ops ${digest(JSON.stringify([ops.fnArray, ops.argsArray]))} fonts [${fonts.sort().join(' ')}]`;
    }
    await doc.destroy();
  } catch (e) {
    print += ` error ${e instanceof Error ? e.message : String(e)}`;
  }
  out.push(`${path.basename(file)}:${print}`);
}
parentPort.postMessage(out);
