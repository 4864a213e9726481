/**
 * Word input. DOCX goes through mammoth to HTML (tables with colspan from w:gridSpan and rowspan from
 * w:vMerge) and then through the HTML extractor, so DOCX tables reach the table builders as the same
 * positioned grid as HTML tables. Before mammoth, the main document part is checked and, where needed,
 * rewritten for what mammoth does not render itself:
 *
 * - rows that skip grid columns (w:gridBefore / w:gridAfter) get an empty placeholder cell, so cells stay
 *   under their grid columns and vertical merges stay aligned (mammoth counts grid columns from the row start);
 * - legacy horizontal merges (w:hMerge) become w:gridSpan;
 * - automatic paragraph numbering ("一、" "（一）" "1." from numbering.xml) is written into the text: mammoth
 *   would turn it into an HTML list and lose the printed label, which is how sections and rows are found.
 *
 * Legacy .doc (OLE2) is read with word-extractor as plain text: see extractDoc.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';
import mammoth from 'mammoth';

import { InputError } from '../src/errors.js';
import type { DocWarning, Item, Line, PositionedDocument, Source } from '../src/model/document.js';
import { documentFromHtml } from './html.js';
import { metaTitle } from './pdf/title.js';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const W_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT_REL = /\/officeDocument$/;

export interface DocxHtml {
  /** A complete HTML document: the body is mammoth's output. */
  html: string;
  /** Title from the document properties (docProps/core.xml dc:title), if it is a real title. */
  title?: string;
  warnings: DocWarning[];
}

export async function extractDocx(bytes: Uint8Array, path: string): Promise<PositionedDocument> {
  const { html, title, warnings } = await docxToHtml(bytes);
  const source: Source = {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: DOCX_MEDIA_TYPE,
    extractor: 'docx',
  };
  const doc = documentFromHtml(html, source);
  if (title && !doc.metaTitle) doc.metaTitle = title;
  // A Word file has no site chrome: reading all of it is right, not a fallback worth a warning.
  doc.warnings = doc.warnings
    .filter((w) => w.code !== 'HTML_REPORT_NOT_LOCATED')
    .map((w) => (w.code === 'HTML_NO_TEXT' ? { code: 'DOCX_NO_TEXT', message: 'the document holds no text' } : w));
  doc.warnings.push(...warnings);
  return doc;
}

/** DOCX bytes → HTML, or an InputError naming what is wrong with the file. */
export async function docxToHtml(bytes: Uint8Array): Promise<DocxHtml> {
  const zip = await openZip(bytes);
  const mainPath = await mainDocumentPath(zip);
  const xml = await readPart(zip, mainPath);
  const warnings: DocWarning[] = [];

  // Parsing the body costs as much as mammoth's own parse: only when there is something to rewrite, or
  // when a quick look does not find a Word body (the parse then names what is there instead).
  const rels = await partRelationships(zip, mainPath);
  const numberingPath = rels.get('numbering');
  const stylesPath = rels.get('styles');
  const numberingXml = numberingPath && zip.file(numberingPath) ? await readPart(zip, numberingPath) : undefined;
  const stylesXml = stylesPath && zip.file(stylesPath) ? await readPart(zip, stylesPath) : undefined;
  const gridFixes = /[<:](?:gridBefore|gridAfter|hMerge)[\s/>]/.test(xml);
  const numbers =
    numberingXml !== undefined &&
    /[<:]numFmt\b[^>]*val="(?!bullet")/.test(numberingXml) &&
    (/[<:]numPr[\s/>]/.test(xml) || /[<:]numPr[\s/>]/.test(stylesXml ?? '') || /[<:]pStyle[\s/>]/.test(numberingXml));
  const looksLikeWord = /<(?:[\w.-]+:)?document[\s>]/.test(xml.slice(0, 4096)) && W_NS.some((ns) => xml.slice(0, 4096).includes(ns));

  let input: Uint8Array = bytes;
  if (gridFixes || numbers || !looksLikeWord) {
    const dom = parseXml(xml, mainPath);
    const root = dom.documentElement;
    if (!root || root.localName !== 'document' || !W_NS.includes(root.namespaceURI ?? '')) {
      throw new InputError(`not a Word document: ${whatZip(zip) ?? `${mainPath} holds <${root?.tagName ?? 'nothing'}>, not a Word document body`}`);
    }
    const w = root.namespaceURI!;
    let changed = gridFixes && fixTableGrid(dom, w);
    if (numbers) {
      const numbering = parseXml(numberingXml, numberingPath!);
      const styles = stylesXml === undefined ? undefined : parseXml(stylesXml, stylesPath!);
      if (writeNumbering(dom, w, numbering, styles)) changed = true;
    }
    if (changed) {
      zip.file(mainPath, new XMLSerializer().serializeToString(dom));
      input = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    }
  }

  let images = 0;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(input.buffer, input.byteOffset, input.byteLength) },
      {
        // Images are not read (no OCR of pictures inside Word files); count them instead of inlining base64.
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: '' };
        }),
      },
    );
  } catch (err) {
    // mammoth's XML parser reports "warning: [xmldom warning] unclosed xml attribute @#[line:…]".
    const xmlError = /^(?:warning|error|fatalError): \[xmldom \w+\]\s*(.*?)\s*(?:@#\[line:.*)?$/s.exec(oneLine(err));
    throw new InputError(xmlError ? `damaged DOCX: a part is not well-formed XML (${xmlError[1]})` : `damaged DOCX: ${oneLine(err)}`);
  }

  for (const m of result.messages) {
    // Unrecognised styles and ignored elements are routine; a table whose merges mammoth gave up on is not.
    if (/cell merging may be incorrect/.test(m.message)) {
      warnings.push({ code: 'DOCX_TABLE_MERGE', message: `a table's merged cells could not be laid out: ${m.message}` });
    } else if (m.type === 'error') {
      warnings.push({ code: 'DOCX_CONVERSION', message: oneLine(m.message) });
    }
  }
  // Content imported as a whole file (HTML, RTF, another DOCX) that mammoth does not open.
  const altChunks = xml.match(/<(?:[\w.-]+:)?altChunk[\s/>]/g)?.length ?? 0;
  if (altChunks > 0) {
    warnings.push({
      code: 'DOCX_ALTCHUNK',
      message: `the document imports ${altChunks} embedded file${altChunks === 1 ? '' : 's'} (w:altChunk) whose text is not read: open and save it in Word to inline them`,
    });
  }
  if (images > 0) {
    warnings.push({
      code: 'DOCX_IMAGES',
      message: `the document holds ${images} image${images === 1 ? '' : 's'}: text inside images (a table pasted as a picture) is not read`,
    });
  }

  const title = await coreTitle(zip);
  const head = `<meta charset="utf-8">${title ? `<title>${escapeHtml(title)}</title>` : ''}`;
  const html = `<!DOCTYPE html>\n<html><head>${head}</head><body>\n${result.value}\n</body></html>\n`;
  return title ? { html, title, warnings } : { html, warnings };
}

// ---------------------------------------------------------------------------------------------------------
// The package: zip, main part, relationships.

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (err) {
    throw new InputError(`damaged DOCX: not a readable zip archive (${zipCause(err)})`);
  }
}

function zipCause(err: unknown): string {
  const msg = oneLine(err);
  if (/end of central directory/i.test(msg)) return 'no end of central directory: truncated, or not a zip';
  if (/end of data reached/i.test(msg)) return 'truncated';
  if (/crc32 mismatch/i.test(msg)) return 'a checksum does not match';
  if (/uncompressed data size mismatch/i.test(msg)) return 'an entry does not unpack to its recorded size';
  if (/encrypted zip/i.test(msg)) return 'encrypted';
  return msg.replace(/^(?:bug|corrupted zip(?: or bug)?)\s*:\s*/i, '');
}

async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new InputError(`damaged DOCX: ${path} is missing`);
  try {
    return await file.async('string');
  } catch (err) {
    throw new InputError(`damaged DOCX: ${path} cannot be unpacked (${oneLine(err)})`);
  }
}

/** The officeDocument part named by _rels/.rels, else word/document.xml (as mammoth does). */
async function mainDocumentPath(zip: JSZip): Promise<string> {
  let path = 'word/document.xml';
  if (zip.file('_rels/.rels')) {
    const rels = parseXml(await readPart(zip, '_rels/.rels'), '_rels/.rels');
    for (const rel of elements(rels, REL_NS, 'Relationship')) {
      if (OFFICE_DOCUMENT_REL.test(rel.getAttribute('Type') ?? '') && rel.getAttribute('TargetMode') !== 'External') {
        path = resolvePart('', rel.getAttribute('Target') ?? '');
        break;
      }
    }
  }
  if (zip.file(path)) return path;
  throw new InputError(`not a Word document: ${whatZip(zip) ?? 'the zip archive has no word/document.xml'}`);
}

/** What a zip without a Word body is, for the message, when it is a known other kind. */
function whatZip(zip: JSZip): string | undefined {
  if (zip.file('xl/workbook.xml')) return 'the zip archive is an Excel workbook';
  if (zip.file('ppt/presentation.xml')) return 'the zip archive is a PowerPoint presentation';
  if (zip.file('content.xml') && zip.file('mimetype')) return 'the zip archive is an OpenDocument file: convert it to DOCX or PDF';
  return undefined;
}

/** The main part's relationships by type suffix (styles, numbering), as part paths. */
async function partRelationships(zip: JSZip, mainPath: string): Promise<Map<string, string>> {
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/')) : '';
  const relsPath = `${dir ? `${dir}/` : ''}_rels/${mainPath.slice(dir ? dir.length + 1 : 0)}.rels`;
  const out = new Map<string, string>([
    ['styles', `${dir ? `${dir}/` : ''}styles.xml`],
    ['numbering', `${dir ? `${dir}/` : ''}numbering.xml`],
  ]);
  if (!zip.file(relsPath)) return out;
  const rels = parseXml(await readPart(zip, relsPath), relsPath);
  for (const rel of elements(rels, REL_NS, 'Relationship')) {
    const type = (rel.getAttribute('Type') ?? '').split('/').pop() ?? '';
    if ((type === 'styles' || type === 'numbering') && rel.getAttribute('TargetMode') !== 'External') {
      out.set(type, resolvePart(dir, rel.getAttribute('Target') ?? ''));
    }
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

async function coreTitle(zip: JSZip): Promise<string | undefined> {
  if (!zip.file('docProps/core.xml')) return undefined;
  try {
    const core = parseXml(await readPart(zip, 'docProps/core.xml'), 'docProps/core.xml');
    const t = core.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'title')[0];
    return metaTitle(t?.textContent ?? undefined);
  } catch {
    return undefined; // metadata only: a broken core.xml does not make the document unreadable
  }
}

function parseXml(xml: string, path: string): Document {
  let error: string | undefined;
  const doc = new DOMParser({
    // mammoth rejects a part on any parser message, warnings included (an unclosed tag is only a warning).
    errorHandler: {
      warning: (msg: string) => {
        error ??= msg;
      },
      error: (msg: string) => {
        error ??= msg;
      },
      fatalError: (msg: string) => {
        error ??= msg;
      },
    },
  }).parseFromString(xml, 'text/xml');
  if (error !== undefined || !doc?.documentElement) {
    const cause = error?.replace(/^\[xmldom \w+\]\s*/, '').replace(/\s*@#\[line:.*$/, '');
    throw new InputError(`damaged DOCX: ${path} is not well-formed XML${cause ? ` (${oneLine(cause)})` : ''}`);
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------------------
// Tables: cells that mammoth would misplace.

/**
 * Placeholder cells for w:gridBefore / w:gridAfter, and w:hMerge runs folded into w:gridSpan.
 * Returns whether anything changed.
 */
function fixTableGrid(dom: Document, w: string): boolean {
  let changed = false;
  for (const tr of elements(dom, w, 'tr')) {
    const trPr = child(tr, w, 'trPr');
    const before = intVal(trPr && child(trPr, w, 'gridBefore'), w);
    const after = intVal(trPr && child(trPr, w, 'gridAfter'), w);
    if (before > 0) {
      const first = children(tr).find((c) => !(c.namespaceURI === w && (c.localName === 'trPr' || c.localName === 'tblPrEx')));
      tr.insertBefore(placeholderCell(dom, w, before), first ?? null);
      changed = true;
    }
    if (after > 0) {
      tr.appendChild(placeholderCell(dom, w, after));
      changed = true;
    }
    if (foldHMerge(tr, w)) changed = true;
  }
  return changed;
}

function placeholderCell(dom: Document, w: string, span: number): Element {
  const prefix = dom.documentElement!.prefix ? `${dom.documentElement!.prefix}:` : '';
  const tc = dom.createElementNS(w, `${prefix}tc`);
  const tcPr = dom.createElementNS(w, `${prefix}tcPr`);
  if (span > 1) {
    const gridSpan = dom.createElementNS(w, `${prefix}gridSpan`);
    gridSpan.setAttributeNS(w, `${prefix}val`, String(span));
    tcPr.appendChild(gridSpan);
  }
  tc.appendChild(tcPr);
  tc.appendChild(dom.createElementNS(w, `${prefix}p`));
  return tc;
}

function foldHMerge(tr: Element, w: string): boolean {
  let changed = false;
  let head: Element | undefined;
  for (const tc of children(tr).filter((c) => c.namespaceURI === w && c.localName === 'tc')) {
    const tcPr = child(tc, w, 'tcPr');
    const hMerge = tcPr && child(tcPr, w, 'hMerge');
    if (!hMerge) {
      head = undefined;
      continue;
    }
    const val = attr(hMerge, w, 'val');
    if (val === 'restart' || !head) {
      head = tc;
      tcPr!.removeChild(hMerge);
      changed = true;
      continue;
    }
    // A continuation: widen the head and keep any text the continuation holds.
    const headPr = child(head, w, 'tcPr')!;
    const span = Math.max(1, intVal(child(headPr, w, 'gridSpan'), w)) + Math.max(1, intVal(child(tcPr!, w, 'gridSpan'), w));
    let gridSpan = child(headPr, w, 'gridSpan');
    if (!gridSpan) {
      const prefix = headPr.prefix ? `${headPr.prefix}:` : '';
      gridSpan = tr.ownerDocument!.createElementNS(w, `${prefix}gridSpan`);
      headPr.insertBefore(gridSpan, headPr.firstChild);
    }
    gridSpan.setAttributeNS(w, `${gridSpan.prefix ? `${gridSpan.prefix}:` : ''}val`, String(span));
    for (const p of children(tc).filter((c) => c.namespaceURI === w && c.localName === 'p')) {
      if ((p.textContent ?? '').trim() !== '') head.appendChild(p);
    }
    tr.removeChild(tc);
    changed = true;
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------------
// Automatic numbering written into the text.

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

interface Numbering {
  /** numId → abstractNumId */
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  /** abstractNumId → levels by ilvl */
  abstracts: Map<string, Map<number, Level>>;
  /** paragraph styleId → the list level that names it (w:lvl/w:pStyle) */
  styleLevels: Map<string, { abstract: string; ilvl: number }>;
}

/**
 * Prefixes every automatically numbered paragraph with its printed label ("一、", "（二）", "3.") and
 * switches its list numbering off, so mammoth emits the label as text instead of an <ol>.
 * Bulleted paragraphs are left alone. Returns whether anything changed.
 */
function writeNumbering(dom: Document, w: string, numberingDom: Document, styles: Document | undefined): boolean {
  const numbering = readNumbering(numberingDom, w);
  const styleNumPr = readStyleNumbering(styles, w);
  const counters = new Map<string, number[]>();
  const startedNums = new Set<string>();
  let changed = false;

  for (const p of elements(dom, w, 'p')) {
    const pPr = child(p, w, 'pPr');
    const numPr = pPr && child(pPr, w, 'numPr');
    const styleId = pPr && attr(child(pPr, w, 'pStyle'), w, 'val');
    const fromStyle = styleId ? styleNumPr.get(styleId) : undefined;
    const ownNumId = attr(numPr && child(numPr, w, 'numId'), w, 'val');
    if (ownNumId === '0') continue;
    // As Word and mammoth resolve it: the paragraph's own list, else a level linked to its style, else the style's list.
    const linked = ownNumId === undefined && styleId !== undefined ? numbering.styleLevels.get(styleId) : undefined;
    const numId = ownNumId ?? (linked ? undefined : fromStyle?.numId);
    const num = numId === undefined ? undefined : numbering.nums.get(numId);
    const abstract = num?.abstract ?? linked?.abstract;
    const ilvl = Number(attr(numPr && child(numPr, w, 'ilvl'), w, 'val') ?? linked?.ilvl ?? fromStyle?.ilvl ?? 0);
    const levels = abstract === undefined ? undefined : numbering.abstracts.get(abstract);
    const level = levels?.get(ilvl);
    if (abstract === undefined || !levels || !level || level.format === 'bullet') continue;

    // Counters run per abstract list; a w:num with a start override restarts them on its first use.
    const count = counters.get(abstract) ?? [];
    if (num && numId !== undefined && !startedNums.has(numId)) {
      startedNums.add(numId);
      for (const [lvl, start] of num.starts) count[lvl] = start - 1;
    }
    count[ilvl] = (count[ilvl] ?? (level.start - 1)) + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) delete count[deeper];
    counters.set(abstract, count);

    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const lvl = Number(d) - 1;
      const l = levels.get(lvl);
      const value = count[lvl] ?? l?.start ?? 1;
      return formatNumber(value, l?.format ?? 'decimal');
    });

    // Switch numbering off for this paragraph (numId 0 overrides a style's list too) and print the label.
    const prefix = p.prefix ? `${p.prefix}:` : '';
    let props = pPr;
    if (!props) {
      props = dom.createElementNS(w, `${prefix}pPr`);
      p.insertBefore(props, p.firstChild);
    }
    if (numPr) props.removeChild(numPr);
    // mammoth honours a paragraph's numPr only with both ilvl and numId; numId 0 is "no list".
    const off = dom.createElementNS(w, `${prefix}numPr`);
    const offLevel = dom.createElementNS(w, `${prefix}ilvl`);
    offLevel.setAttributeNS(w, `${prefix}val`, '0');
    const offId = dom.createElementNS(w, `${prefix}numId`);
    offId.setAttributeNS(w, `${prefix}val`, '0');
    off.appendChild(offLevel);
    off.appendChild(offId);
    props.insertBefore(off, props.firstChild);
    changed = true;

    if (label === '') continue;
    const separator = level.suffix === 'nothing' || /[、.．)）:：]$/.test(label) ? '' : ' ';
    const r = dom.createElementNS(w, `${prefix}r`);
    const t = dom.createElementNS(w, `${prefix}t`);
    t.setAttribute('xml:space', 'preserve');
    t.appendChild(dom.createTextNode(label + separator));
    r.appendChild(t);
    p.insertBefore(r, props.nextSibling);
  }
  return changed;
}

function readNumbering(dom: Document, w: string): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const styleLevels = new Map<string, { abstract: string; ilvl: number }>();
  for (const abs of elements(dom, w, 'abstractNum')) {
    const id = attr(abs, w, 'abstractNumId');
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const lvl of children(abs).filter((c) => c.localName === 'lvl')) {
      const ilvl = Number(attr(lvl, w, 'ilvl') ?? 0);
      levels.set(ilvl, readLevel(lvl, w));
      const style = attr(child(lvl, w, 'pStyle'), w, 'val');
      if (style !== undefined) styleLevels.set(style, { abstract: id, ilvl });
    }
    abstracts.set(id, levels);
  }
  const nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  for (const num of elements(dom, w, 'num')) {
    const id = attr(num, w, 'numId');
    const abstract = attr(child(num, w, 'abstractNumId'), w, 'val');
    if (id === undefined || abstract === undefined) continue;
    const starts = new Map<number, number>();
    for (const o of children(num).filter((c) => c.localName === 'lvlOverride')) {
      const ilvl = Number(attr(o, w, 'ilvl') ?? 0);
      const start = attr(child(o, w, 'startOverride'), w, 'val');
      const lvl = child(o, w, 'lvl');
      if (start !== undefined) starts.set(ilvl, Number(start));
      if (lvl) {
        // A full level override: a list of its own, with this level replaced.
        const own = new Map(abstracts.get(abstract) ?? []);
        own.set(ilvl, readLevel(lvl, w));
        const ownId = `${abstract}#${id}`;
        abstracts.set(ownId, own);
        nums.set(id, { abstract: ownId, starts });
      }
    }
    if (!nums.has(id)) nums.set(id, { abstract, starts });
  }
  return { nums, abstracts, styleLevels };
}

function readLevel(lvl: Element, w: string): Level {
  return {
    start: Number(attr(child(lvl, w, 'start'), w, 'val') ?? 0),
    format: attr(child(lvl, w, 'numFmt'), w, 'val') ?? 'decimal',
    text: attr(child(lvl, w, 'lvlText'), w, 'val') ?? '',
    suffix: attr(child(lvl, w, 'suff'), w, 'val') ?? 'tab',
  };
}

/** styleId → the numbering its paragraphs get (following w:basedOn). */
function readStyleNumbering(styles: Document | undefined, w: string): Map<string, { numId: string; ilvl?: string }> {
  const out = new Map<string, { numId: string; ilvl?: string }>();
  if (!styles) return out;
  const byId = new Map<string, Element>();
  for (const s of elements(styles, w, 'style')) {
    const id = attr(s, w, 'styleId');
    if (id !== undefined) byId.set(id, s);
  }
  for (const id of byId.keys()) {
    let s = byId.get(id);
    for (let depth = 0; s && depth < 10; depth++) {
      const pPr = child(s, w, 'pPr');
      const numPr = pPr && child(pPr, w, 'numPr');
      const numId = attr(numPr && child(numPr, w, 'numId'), w, 'val');
      if (numId !== undefined) {
        const ilvl = attr(numPr && child(numPr, w, 'ilvl'), w, 'val');
        out.set(id, ilvl === undefined ? { numId } : { numId, ilvl });
        break;
      }
      const basedOn = attr(child(s, w, 'basedOn'), w, 'val');
      s = basedOn === undefined ? undefined : byId.get(basedOn);
    }
  }
  return out;
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_FORMATS = new Set(['chineseCounting', 'chineseCountingThousand', 'japaneseCounting', 'koreanCounting', 'taiwaneseCounting']);

/** A list counter as Word prints it, for the formats Chinese reports use (others fall back to decimal). */
export function formatNumber(n: number, format: string): string {
  if (format === 'none') return '';
  if (CN_FORMATS.has(format)) return chineseCounting(n);
  switch (format) {
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(n)].map((d) => CN_DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1]! : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1]! : String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'lowerLetter':
    case 'upperLetter': {
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = toRoman(n);
      return format === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    default:
      return String(n);
  }
}

function chineseCounting(n: number): string {
  if (n <= 0 || n >= 10000) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  const units: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
    [1, ''],
  ];
  let out = '';
  let zero = false;
  for (const [u, name] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '〇';
    zero = false;
    out += CN_DIGITS[d] + name;
  }
  return out;
}

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Legacy .doc (Word 97–2003, OLE2 compound file).

export const DOC_MEDIA_TYPE = 'application/msword';

interface WordExtractorDocument {
  getBody(options?: { filterUnicode?: boolean }): string;
}
type WordExtractorClass = new () => { extract(source: Buffer): Promise<WordExtractorDocument> };

/**
 * A .doc as plain text, through word-extractor: one Line per text line (paragraph, or table row), and a
 * table row's cells (tab-separated in word-extractor's output) as separate Items. Word's binary format marks
 * cell and row ends with the same character, so a table comes out as text, not as a grid: rows whose cells
 * are all filled read as in a text report; a row with a blank cell is left unread by the table builders
 * rather than shifted. The document says so in a warning.
 *
 * The compound file is checked first (sector chains, directory tree, the Word header): word-extractor
 * follows a cyclic sector chain of a damaged file until the process dies, and reads encrypted or
 * Word 6/95 files as garbage.
 */
export async function extractDoc(bytes: Uint8Array, path: string): Promise<PositionedDocument> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  inspectWordOle(buf);

  const require = createRequire(import.meta.url);
  const WordExtractor = require('word-extractor') as WordExtractorClass;
  let body: string;
  try {
    // filterUnicode: false keeps curly quotes and dashes (“三安全一稳定”) as printed.
    body = (await new WordExtractor().extract(buf)).getBody({ filterUnicode: false });
  } catch (err) {
    throw new InputError(`damaged .doc: unreadable Word structure (${oneLine(err)})`);
  }
  if (body.trim() === '') throw new InputError('the .doc holds no text (an image-only document?)');
  const odd = [...body].filter((c) => /[\p{Co}\p{Cn}\uFFFD]|[\u0000-\u0008\u000E-\u001F]/u.test(c)).length;
  if (odd > body.length * 0.1) throw new InputError('damaged .doc: its text is unreadable');

  const lines: Line[] = [];
  let offset = 0;
  for (const raw of body.split('\n')) {
    const items: Item[] = [];
    let at = offset;
    for (const cell of raw.split('\t')) {
      const lead = cell.length - cell.trimStart().length;
      const text = cell.trim();
      if (text !== '') items.push({ text, sourceOffset: at + lead });
      at += cell.length + 1;
    }
    lines.push({ items });
    offset += raw.length + 1;
  }
  while (lines.length > 0 && lines[0]!.items.length === 0) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.items.length === 0) lines.pop();

  return {
    source: {
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mediaType: DOC_MEDIA_TYPE,
      extractor: 'docx',
    },
    pages: [{ number: 1, lines }],
    warnings: [
      {
        code: 'DOC_READ_AS_TEXT',
        message: 'legacy .doc read as text: its tables have no cell grid, so a table row with blank cells is left unread; convert it to DOCX for a full reading',
      },
    ],
  };
}

const FREE_OR_END = -1;

/** Throws an InputError unless `buf` is an unencrypted Word 97–2003 compound file whose structure is sound. */
export function inspectWordOle(buf: Buffer): void {
  const damaged = (why: string) => new InputError(`damaged .doc: ${why}`);
  if (buf.length < 512 || buf.readUInt32BE(0) !== 0xd0cf11e0 || buf.readUInt32BE(4) !== 0xa1b11ae1) {
    throw damaged('not an OLE2 compound file');
  }
  const sectorShift = buf.readUInt16LE(30);
  const miniShift = buf.readUInt16LE(32);
  if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw damaged('bad compound file header');
  const secSize = 1 << sectorShift;
  const sectors = Math.ceil((buf.length - secSize) / secSize);
  const sectorAt = (id: number) => {
    const start = (id + 1) * secSize;
    if (id < 0 || id >= sectors) throw damaged('the file is truncated or a sector number is out of range');
    return buf.subarray(start, Math.min(start + secSize, buf.length));
  };
  const int32s = (b: Buffer) => Array.from({ length: Math.floor(b.length / 4) }, (_, i) => b.readInt32LE(i * 4));

  // The FAT: its sector list starts in the header (109 entries) and continues in the DIFAT chain.
  const fatCount = buf.readUInt32LE(44);
  if (fatCount > sectors) throw damaged('bad sector allocation table size');
  const fatSectors = int32s(buf.subarray(76, 512)).slice(0, Math.min(fatCount, 109));
  let difat = buf.readInt32LE(68);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount && difat > FREE_OR_END) {
    if (seenDifat.has(difat)) throw damaged('a cyclic sector chain');
    seenDifat.add(difat);
    const entries = int32s(sectorAt(difat));
    fatSectors.push(...entries.slice(0, -1).slice(0, fatCount - fatSectors.length));
    difat = entries[entries.length - 1] ?? -2;
  }
  const fat = fatSectors.flatMap((id) => int32s(sectorAt(id)));
  assertAcyclic(fat, damaged);

  const chain = (start: number, table: number[]) => {
    const ids: number[] = [];
    for (let id = start; id > FREE_OR_END && id < table.length; id = table[id]!) ids.push(id);
    return ids;
  };
  const miniFat = chain(buf.readInt32LE(60), fat).flatMap((id) => int32s(sectorAt(id)));
  assertAcyclic(miniFat, damaged);

  // The directory: the root's children, walked as word-extractor walks them (a red-black tree by index).
  const dir = Buffer.concat(chain(buf.readInt32LE(48), fat).map(sectorAt));
  const entries = Array.from({ length: Math.floor(dir.length / 128) }, (_, i) => {
    const e = dir.subarray(i * 128, i * 128 + 128);
    const nameBytes = Math.max(0, Math.min(64, e.readUInt16LE(64)) - 2);
    return {
      name: e.toString('utf16le', 0, nameBytes),
      type: e.readUInt8(66),
      left: e.readInt32LE(68),
      right: e.readInt32LE(72),
      child: e.readInt32LE(76),
      start: e.readInt32LE(116),
      size: e.readUInt32LE(120),
    };
  });
  const root = entries.find((e) => e.type === 5);
  if (!root) throw damaged('no root directory entry');
  const streams = new Map<string, (typeof entries)[number]>();
  const seen = new Set<number>();
  const stack = root.child >= 0 ? [root.child] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const e = entries[id];
    if (!e || seen.has(id)) throw damaged('a broken directory tree');
    seen.add(id);
    if (e.type === 2) streams.set(e.name, e);
    for (const next of [e.left, e.right]) if (next >= 0) stack.push(next);
  }

  const word = streams.get('WordDocument');
  if (!word) {
    if (streams.has('Workbook') || streams.has('Book')) throw new InputError('not a Word document: the file is an Excel workbook (.xls)');
    if (streams.has('PowerPoint Document')) throw new InputError('not a Word document: the file is a PowerPoint presentation (.ppt)');
    throw new InputError('not a Word document: the compound file has no WordDocument stream');
  }
  if (word.size < 0x20) throw damaged('the Word header is missing');
  // The stream's first bytes: in a regular sector, or (a stream under the cutoff) in the root's mini stream.
  let fib: Buffer;
  if (word.size >= buf.readUInt32LE(56)) {
    fib = sectorAt(word.start);
  } else {
    const at = word.start * 64;
    const rootSector = chain(root.start, fat)[Math.floor(at / secSize)];
    if (rootSector === undefined) throw damaged('the Word header is missing');
    fib = sectorAt(rootSector).subarray(at % secSize);
  }
  if (fib.length < 0x20) throw damaged('the Word header is missing');
  const ident = fib.readUInt16LE(0);
  if (ident === 0xa5dc) throw new InputError('a Word 6/95 .doc is not supported: convert it to DOCX or PDF');
  if (ident !== 0xa5ec) throw damaged('the Word header is missing');
  if (fib.readUInt16LE(0x0a) & 0x0100) throw new InputError('encrypted .doc: remove the password in Word and save it as DOCX');
}

/** A sector allocation table must not loop: every chain ends (the entry after the last is END or FREE). */
function assertAcyclic(table: number[], damaged: (why: string) => InputError): void {
  const state = new Uint8Array(table.length); // 0 unseen, 1 on the current walk, 2 known to end
  for (let start = 0; start < table.length; start++) {
    const path: number[] = [];
    let id = start;
    while (id > FREE_OR_END && id < table.length && state[id] === 0) {
      state[id] = 1;
      path.push(id);
      id = table[id]!;
    }
    if (id > FREE_OR_END && id < table.length && state[id] === 1) throw damaged('a cyclic sector chain');
    for (const p of path) state[p] = 2;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small DOM helpers (namespace-aware: Word files use the w: prefix by convention only).

function elements(node: Document | Element, ns: string, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

function children(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

function child(el: Element, ns: string, local: string): Element | undefined {
  return children(el).find((c) => c.namespaceURI === ns && c.localName === local);
}

function attr(el: Element | undefined | null, ns: string, local: string): string | undefined {
  if (!el) return undefined;
  const v = el.getAttributeNS(ns, local);
  return v === null || v === '' ? (el.hasAttributeNS(ns, local) ? '' : undefined) : v;
}

function intVal(el: Element | undefined | null, w: string): number {
  const v = Number.parseInt(attr(el, w, 'val') ?? '', 10);
  return Number.isFinite(v) ? v : 0;
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
