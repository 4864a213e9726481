/**
 * Scanned twins of the real PDFs, for the OCR tests and measurements: each page rendered with pdf.js,
 * turned by a slight angle (±0.3–0.8°), given sensor noise, blurred a little, sprinkled with specks, then stored as one
 * grayscale JPEG (quality 75) per page in an image-only PDF. 300 and 200 dpi. Deterministic: the noise and
 * the angles come from a PRNG seeded by file name, page and resolution, so a rerun writes the same images
 * (given the same pdf.js and ImageMagick).
 *
 * Also writes edge-pages.pdf: a prose page with no table, a blank page, and a page scanned sideways
 * (turned 90° clockwise, on a landscape page).
 *
 *   npx tsx scripts/make-scanned-twins.ts            # all
 *   npx tsx scripts/make-scanned-twins.ts hongze-2023 # one
 *   npx tsx scripts/make-scanned-twins.ts generated   # the generated reports' twins only
 *
 * Needs ImageMagick's `convert` (dev-time only) for the grayscale JPEG encoding; the outputs are committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { documentOptions, loadPdfJs } from '../extractors/pdf/pdfjs.js';
import { renderPage } from '../extractors/ocr/render.js';
import { rotateQuarter, rotateSmall, toPgm, type Gray } from '../extractors/ocr/image.js';

const ROOT = path.join(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'samples', 'scanned');
const NAMES = ['hongze-2023', 'hongze-2024', 'huaian-2024'];
const DPIS = [300, 200];
/**
 * Generated reports (issue 5) scanned too, at 300 dpi: other fonts, a 法人 subtotal column, 小计 rows,
 * vertical group labels, an injected inconsistency. Their twins and truths go to samples/generated/scanned.
 */
const GENERATED = ['r000-gb2021-county', 'r013-gb2021-city', 'r017-gb2021-county'];
const GENERATED_FROM = path.join(ROOT, 'samples', 'generated', 'corpus');
const GENERATED_OUT = path.join(ROOT, 'samples', 'generated', 'scanned');
const JPEG_QUALITY = 75;

/** mulberry32: small, fast, and the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** 3×3 binomial blur (σ ≈ 0.85 px): the softness of a scanner's optics. */
function blur(img: Gray): Gray {
  const { width: w, height: h, data } = img;
  const tmp = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const l = data[x > 0 ? i - 1 : i]!;
      const r = data[x < w - 1 ? i + 1 : i]!;
      tmp[i] = l + 2 * data[i]! + r;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const u = tmp[y > 0 ? i - w : i]!;
      const d = tmp[y < h - 1 ? i + w : i]!;
      out[i] = (u + 2 * tmp[i]! + d + 8) >> 4;
    }
  }
  return { width: w, height: h, data: out };
}

/** Paper tone and sensor noise (Gaussian, σ = 5 levels before the blur). */
function noise(img: Gray, rand: () => number): Gray {
  const { width: w, height: h } = img;
  const data = new Uint8Array(img.data);
  let spare: number | undefined;
  const gauss = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = Math.max(1e-12, rand());
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  for (let i = 0; i < data.length; i++) {
    const v = 18 + data[i]! * 0.9 + gauss() * 5;
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width: w, height: h, data };
}

/** A sprinkling of dark specks (dust), after the blur so they stay sharp. */
function specks(img: Gray, rand: () => number): Gray {
  const { width: w, height: h } = img;
  const data = new Uint8Array(img.data);
  const count = Math.round((w * h) / 60_000);
  for (let k = 0; k < count; k++) {
    const cx = Math.floor(rand() * w);
    const cy = Math.floor(rand() * h);
    const r = rand() < 0.7 ? 0 : 1;
    const tone = 60 + Math.floor(rand() * 90);
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if (x >= 0 && y >= 0 && x < w && y < h) data[y * w + x] = tone;
  }
  return { width: w, height: h, data };
}

function jpeg(img: Gray): Buffer {
  return execFileSync('convert', ['pgm:-', '-quality', String(JPEG_QUALITY), '-sampling-factor', '1x1', 'jpg:-'], {
    input: toPgm(img),
    maxBuffer: 1 << 28,
  });
}

interface PageImage {
  jpeg: Buffer;
  pixelWidth: number;
  pixelHeight: number;
  /** Page size in points. */
  width: number;
  height: number;
}

/** An image-only PDF: each page paints its JPEG over the whole page (DCTDecode, DeviceGray). */
function imagePdf(pages: PageImage[]): Buffer {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    at += buf.length;
  };
  const obj = (n: number, body: (Buffer | string)[]) => {
    offsets[n] = at;
    push(`${n} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const kids = pages.map((_, i) => `${3 + 3 * i} 0 R`).join(' ');
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, [`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`]);
  pages.forEach((p, i) => {
    const n = 3 + 3 * i;
    const w = p.width.toFixed(3);
    const h = p.height.toFixed(3);
    obj(n, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`]);
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    obj(n + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    obj(n + 2, [
      `<< /Type /XObject /Subtype /Image /Width ${p.pixelWidth} /Height ${p.pixelHeight} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>\nstream\n`,
      p.jpeg,
      '\nendstream',
    ]);
  });
  const xref = at;
  const count = 3 + 3 * pages.length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

async function renderAll(file: string, dpi: number): Promise<{ image: Gray; width: number; height: number }[]> {
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ ...documentOptions(), data: new Uint8Array(readFileSync(file)) }).promise;
  try {
    const out = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const r = await renderPage(doc, pdfjs, page, dpi / 72);
      out.push({ image: r.image, width: r.width, height: r.height });
      page.cleanup();
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

function scan(image: Gray, seed: string): { image: Gray; angle: number } {
  const rand = prng(hash(seed));
  const angle = (rand() < 0.5 ? -1 : 1) * (0.3 + 0.5 * rand());
  return { image: specks(blur(noise(rotateSmall(image, angle), rand)), rand), angle: Math.round(angle * 1000) / 1000 };
}

async function twin(name: string, dpi: number, from = path.join(ROOT, 'samples', 'real'), out = OUT): Promise<string> {
  const pages = await renderAll(path.join(from, `${name}.pdf`), dpi);
  const angles: number[] = [];
  const images = pages.map((p, i) => {
    const s = scan(p.image, `${name}|${i + 1}|${dpi}`);
    angles.push(s.angle);
    return { jpeg: jpeg(s.image), pixelWidth: s.image.width, pixelHeight: s.image.height, width: p.width, height: p.height };
  });
  const file = path.join(out, `${name}-${dpi}dpi.pdf`);
  const pdf = imagePdf(images);
  writeFileSync(file, pdf);
  // A generated report's truth goes beside its twin (the real ones share samples/truth).
  const truth = path.join(from, `${name}.pdf.json`);
  if (out !== OUT) writeFileSync(`${file}.json`, readFileSync(truth, 'utf8').replace(`"${name}.pdf"`, `"${name}-${dpi}dpi.pdf"`));
  return `${path.relative(ROOT, file)}: ${images.length} pages, ${(pdf.length / 1024).toFixed(0)} KiB, angles ${angles.join(', ')}°`;
}

async function edgePages(): Promise<string> {
  const dpi = 300;
  const pages = await renderAll(path.join(ROOT, 'samples', 'real', 'hongze-2023.pdf'), dpi);
  const prose = pages[0]!;
  const last = pages[4]!;
  const blank: Gray = { width: prose.image.width, height: prose.image.height, data: new Uint8Array(prose.image.data.length).fill(255) };
  const a = scan(prose.image, 'edge|prose').image;
  const b = scan(blank, 'edge|blank').image;
  const c = rotateQuarter(scan(last.image, 'edge|sideways').image, 1);
  const pdf = imagePdf([
    { jpeg: jpeg(a), pixelWidth: a.width, pixelHeight: a.height, width: prose.width, height: prose.height },
    { jpeg: jpeg(b), pixelWidth: b.width, pixelHeight: b.height, width: prose.width, height: prose.height },
    // Scanned sideways: the landscape image on a landscape page, text running top to bottom.
    { jpeg: jpeg(c), pixelWidth: c.width, pixelHeight: c.height, width: last.height, height: last.width },
  ]);
  const file = path.join(OUT, 'edge-pages.pdf');
  writeFileSync(file, pdf);
  return `${path.relative(ROOT, file)}: 3 pages, ${(pdf.length / 1024).toFixed(0)} KiB`;
}

mkdirSync(OUT, { recursive: true });
mkdirSync(GENERATED_OUT, { recursive: true });
const only = process.argv.slice(2);
for (const name of NAMES.filter((n) => only.length === 0 || only.includes(n))) {
  for (const dpi of DPIS) console.log(await twin(name, dpi));
}
for (const name of GENERATED.filter((n) => only.length === 0 || only.includes(n) || only.includes('generated'))) {
  console.log(await twin(name, 300, GENERATED_FROM, GENERATED_OUT));
}
if (only.length === 0 || only.includes('edge')) console.log(await edgePages());
