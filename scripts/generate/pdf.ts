/**
 * HTML → PDF through playwright-core driving Debian's chromium (dev-time only), then made reproducible with
 * qpdf (dates removed, deterministic /ID, compressed streams) and checked with poppler's pdffonts: every font
 * must be an embedded TrueType font with a ToUnicode map, so the text layer is real text (no Type 3).
 *
 * Needs: apt-get install chromium qpdf poppler-utils fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
 * fonts-droid-fallback
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class PdfRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly work: string,
  ) {}

  static async open(): Promise<PdfRenderer> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    return new PdfRenderer(browser, mkdtempSync(join(tmpdir(), 'xxgk-gen-pdf-')));
  }

  /** Renders one HTML document; returns the finished PDF bytes and its fonts. */
  async render(html: string, name: string): Promise<{ pdf: Buffer; fonts: PdfFont[]; pages: number; pageTexts: string[] }> {
    const page = await this.browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const raw = await page.pdf({ preferCSSPageSize: true, printBackground: false });
      const rawPath = join(this.work, `${name}.raw.pdf`);
      writeFileSync(rawPath, raw);
      const pdf = reproducible(rawPath, join(this.work, name));
      const outPath = join(this.work, `${name}.pdf`);
      writeFileSync(outPath, pdf);
      const fonts = pdfFonts(outPath);
      const bad = fonts.filter((f) => !/TrueType/.test(f.type) || !f.embedded || !f.toUnicode);
      if (bad.length) throw new Error(`${name}: fonts that are not embedded TrueType with ToUnicode: ${bad.map((f) => `${f.name} (${f.type})`).join(', ')}`);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [outPath], { encoding: 'utf8' }))?.[1] ?? 0);
      const pageTexts = execFileSync('pdftotext', ['-enc', 'UTF-8', outPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f').slice(0, pages);
      return { pdf, fonts, pages, pageTexts };
    } finally {
      await page.close();
    }
  }

  async version(): Promise<string> {
    return this.browser.version();
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.work, { recursive: true, force: true });
  }
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  toUnicode: boolean;
}

export function pdfFonts(path: string): PdfFont[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      // name type [type...] encoding emb sub uni object ID
      const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`cannot parse pdffonts line: ${l}`);
      return { name: m[1]!.replace(/^[A-Z]{6}\+/, ''), type: m[2]!.trim(), embedded: m[4] === 'yes', toUnicode: m[6] === 'yes' };
    });
}

/** Drops /CreationDate and /ModDate, then writes with a deterministic /ID and compressed object streams. */
function reproducible(rawPath: string, base: string): Buffer {
  const qdf = `${base}.qdf.pdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', rawPath, qdf]);
  const text = readFileSync(qdf, 'latin1').replace(/^\s*\/(CreationDate|ModDate) \([^)]*\)\n/gm, '');
  const trailerAt = text.lastIndexOf('\ntrailer <<');
  const cleaned = text.slice(0, trailerAt) + text.slice(trailerAt).replace(/^\s*\/ID \[<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\]\n/m, '');
  const edited = `${base}.edited.qdf.pdf`;
  writeFileSync(edited, cleaned, 'latin1');
  const fixed = `${base}.fixed.qdf.pdf`;
  writeFileSync(fixed, execFileSync('fix-qdf', [edited], { maxBuffer: 256 * 1024 * 1024 }));
  const out = `${base}.final.pdf`;
  execFileSync('qpdf', ['--deterministic-id', '--compress-streams=y', '--object-streams=generate', fixed, out]);
  return readFileSync(out);
}
