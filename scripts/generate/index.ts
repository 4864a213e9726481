/**
 * Generates a corpus of realistic 政府信息公开工作年度报告 with known values (issue 5).
 *
 *   npx tsx scripts/generate/index.ts --out DIR --count N --seed S [--no-pdf] [--readme]
 *
 * For each report it writes some of NAME.pdf (text layer), NAME.html (UTF-8, or GBK with a matching meta
 * charset), NAME.txt (spaced, layout or crawled style), each with NAME.EXT.json truth beside it, plus
 * manifest.tsv and (with --readme) README.md describing the run. See scripts/generate/*.ts for the parts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { FONTS } from './layout.js';
import { PdfRenderer } from './pdf.js';
import { generateReport, type Report } from './report.js';

interface Written {
  file: string;
  kind: string;
  report: Report;
}

function gbk(html: string, name: string): Buffer {
  const bytes = iconv.encode(html, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== html) throw new Error(`${name}: not representable in GBK`);
  return bytes;
}

const json = (x: unknown) => JSON.stringify(x, null, 1) + '\n';

function playwrightVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../node_modules/playwright-core/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function dpkgVersion(pkg: string): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      out: { type: 'string' },
      count: { type: 'string', default: '72' },
      seed: { type: 'string', default: '20250501' },
      'no-pdf': { type: 'boolean', default: false },
      readme: { type: 'boolean', default: false },
    },
  });
  if (!args.out) throw new Error('usage: npx tsx scripts/generate/index.ts --out DIR --count N --seed S [--no-pdf] [--readme]');
  const out = args.out;
  const count = Number(args.count);
  const seed = Number(args.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) throw new Error('--count and --seed must be integers');
  mkdirSync(out, { recursive: true });

  const renderer = args['no-pdf'] ? null : await PdfRenderer.open();
  const written: Written[] = [];
  const fontsSeen = new Set<string>();
  let pages = 0;
  try {
    for (let i = 0; i < count; i++) {
      const r = generateReport(seed, i);
      const k = r.variant.kinds;
      const put = (file: string, kind: string, bytes: string | Buffer) => {
        writeFileSync(join(out, file), bytes);
        writeFileSync(join(out, `${file}.json`), json(r.truth(file)));
        written.push({ file, kind, report: r });
      };
      if (k.html) put(`${r.name}.html`, k.html === 'gbk' ? 'html-gbk' : 'html', k.html === 'gbk' ? gbk(r.html('gbk'), r.name) : r.html('utf-8'));
      const text = r.text();
      if (text !== null) put(`${r.name}.txt`, `txt-${k.text}`, text);
      if (k.pdf && renderer) {
        const { pdf, fonts, pages: n, pageTexts } = await renderer.render(r.html('utf-8'), r.name);
        // A page holding nothing but a repeated 表三 header (a Chromium fragmentation quirk) is a layout bug.
        pageTexts.forEach((t, p) => {
          if (headerOnly(t, r.record.title)) throw new Error(`${r.name}.pdf page ${p + 1}: only 表三's header`);
        });
        fonts.forEach((f) => fontsSeen.add(`${f.name} (${f.type})`));
        pages += n;
        put(`${r.name}.pdf`, 'pdf', pdf);
      }
      process.stdout.write(`${r.name} ${written.filter((w) => w.report === r).map((w) => w.kind).join(',')}${r.injection ? ` [${r.injection.kind}]` : ''}\n`);
    }
    const manifest = [
      ['file', 'kind', 'template', 'variant', 'injected', 'sourceFailures', 'unknownChecks'].join('\t'),
      ...written.map(({ file, kind, report: r }) =>
        [
          file,
          kind,
          r.variant.hybrid ? 'gb2021-hybrid' : r.record.template,
          r.tags.join(' '),
          r.injection ? `${r.injection.kind}: ${r.injection.description}` : '',
          r.outcome.failed.join(' '),
          String(r.outcome.unknown.length),
        ].join('\t'),
      ),
    ];
    writeFileSync(join(out, 'manifest.tsv'), manifest.join('\n') + '\n');
    if (args.readme) {
      const chromiumVersion = renderer ? await renderer.version() : 'not run';
      writeFileSync(join(out, 'README.md'), readme({ out, count, seed, written, fontsSeen: [...fontsSeen].sort(), pages, chromiumVersion }));
    }
  } finally {
    await renderer?.close();
  }
  const size = readdirSync(out).reduce((s, f) => s + statSync(join(out, f)).size, 0);
  console.log(`${written.length} files from ${count} reports in ${out}, ${(size / 1024 / 1024).toFixed(2)} MB`);
}

const HEADER_WORDS = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '法人或其他组织', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计', '总计'];

/**
 * A page holding only 表三's header: no figure (page numbers aside) and no CJK text but header words (compared
 * by character: pdftotext interleaves wrapped cells).
 */
function headerOnly(pageText: string, title: string): boolean {
  if (!pageText.includes('申请人情况')) return false;
  const body = pageText.replace(/^\s*[—-]\s*\d+\s*[—-]\s*$/gm, '');
  if (/\d/.test(body)) return false;
  const headerChars = new Set([...HEADER_WORDS.join('')]);
  const rest = [...body.replace(/\s+/g, '').replace(title, '')].filter((ch) => /[\u4e00-\u9fff]/.test(ch) && !headerChars.has(ch));
  return rest.length < 4;
}

function coverage(written: Written[]): string {
  const templ = (r: Report) => (r.variant.hybrid ? 'hybrid' : r.record.template);
  const kinds = [...new Set(written.map((w) => w.kind))].sort();
  const templates = ['gb2021', 'gb2019', 'hybrid'];
  const features = new Map<string, (r: Report) => boolean>([
    ['all files', () => true],
    ...(['zero', 'blank', 'dash', 'mixed', 'totals-only'] as const).map((c) => [`cells: ${c}`, (r: Report) => r.variant.convention === c] as [string, (r: Report) => boolean]),
    ['8 columns (法人 小计)', (r) => r.variant.extraColumn],
    ['extra 小计 rows', (r) => r.variant.subtotalRows],
    ['thousands separators', (r) => r.variant.commas],
    ['all-zero township', (r) => r.variant.allZero],
    ['injected inconsistency', (r) => r.injection !== null],
    ['三、本年度办理结果 vertical (writing-mode)', (r) => r.layout.resultsLabel === 'vertical'],
    ['三、本年度办理结果 one char per line', (r) => r.layout.resultsLabel === 'stacked'],
    ['（三）… groups vertical (writing-mode)', (r) => r.layout.groupLayout === 'rowspan' && r.layout.groupLabels === 'vertical'],
    ['（三）… groups inline with first item', (r) => r.layout.groupLayout === 'inline'],
    ['表三 breaks, header repeated (thead)', (r) => r.layout.t3Break === 'repeat-header'],
    ['表三 split in two tables, no header', (r) => r.layout.t3Break === 'split-no-header'],
    ['表四 data row on the next page', (r) => r.layout.t4SplitHeader],
    ['表四 headers stacked / vertical', (r) => r.layout.t4Headers !== 'plain'],
    ['narrow label column (wrapping)', (r) => r.layout.labelShare <= 0.36],
    ['narrow value columns (header wrap)', (r) => r.layout.narrowValues],
    ['<br> inside header words', (r) => r.layout.headerBreaks],
  ]);
  const head = `| variant | ${kinds.map((k) => `${k} (${templates.join('/')})`).join(' | ')} |`;
  const sep = `|---|${kinds.map(() => '---').join('|')}|`;
  const rows = [...features].map(([label, f]) => {
    const cells = kinds.map((k) => templates.map((t) => written.filter((w) => w.kind === k && templ(w.report) === t && f(w.report)).length).join('/'));
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

function readme(x: { out: string; count: number; seed: number; written: Written[]; fontsSeen: string[]; pages: number; chromiumVersion: string }): string {
  const reports = new Set(x.written.map((w) => w.report.index)).size;
  const injected = [...new Map(x.written.filter((w) => w.report.injection).map((w) => [w.report.name, w.report])).values()];
  const size = readdirSync(x.out).reduce((s, f) => s + statSync(join(x.out, f)).size, 0);
  const scans = x.written.filter((w) => w.file.endsWith('.scan.pdf')).length;
  return `# Generated corpus

Made by \`scripts/generate/\` (issue 5); do not edit by hand. Regenerate with

    npx tsx scripts/generate/index.ts --out ${relative(process.cwd(), x.out) || '.'} --count ${x.count} --seed ${x.seed} --readme

(dev-time needs, Debian: \`apt-get install chromium qpdf poppler-utils ${FONTS.map((f) => f.package).join(' ')}\`;
playwright-core drives \`/usr/bin/chromium\`).

${reports} reports, ${x.written.length} sample files, ${(size / 1024 / 1024).toFixed(2)} MB in all (${x.pages} PDF pages)${scans ? `, ${scans} scanned twins` : ''}.
Every sample \`NAME.EXT\` has its truth in \`NAME.EXT.json\` (format of \`samples/truth/*.json\`: values as printed,
null for blank or dash cells; \`sourceFailures\`: hard identities failing in the document as printed;
\`unknownChecks\`: hard identities left unknown by blank cells; extra informational fields \`extraRows\`,
\`extraColumns\`, \`generator\`). \`manifest.tsv\` lists every file with its kind, template, variant tags and
injected fault.

## How it was made

1. \`record.ts\` draws realistic values per agency level (townships mostly zeros, cities hundreds to thousands
   of requests; fees in 万元 with 0, 2 or 4 decimals; gb2019 本年增/减 signed, 采购总金额 with its unit inline)
   that satisfy every hard identity by construction.
2. \`inject.ts\` (one report in seven) breaks it: one cell off, a total that ignores a row or a column, two cells
   swapped in a row or a column, a 表四 total that ignores a part. It records which hard identities fail;
   \`identities.ts\` re-evaluates the document as printed (blank operand → unknown, unless the known terms
   already exceed the stated total → certain fail), and that evaluation is the truth.
3. \`cells.ts\` prints every value by the report's convention (0, blank, \`—\` \`-\` \`/\` \`／\` \`--\` \`无\`,
   mixed, or 总计 only in rows 一、二、（七）、四); \`layout.ts\` draws fonts, sizes, column widths, vertical or
   stacked group labels, page breaks; \`prose.ts\` writes the six sections quoting table figures (from the
   values as meant, so an injected cell disagrees with the prose).
4. \`html.ts\` renders the HTML (template labels from \`src/template/templates.ts\`), \`pdf.ts\` prints it with
   Chromium ${x.chromiumVersion} (Debian chromium ${dpkgVersion('chromium')}) through playwright-core ${playwrightVersion()}, then qpdf removes dates and sets a deterministic /ID.
   (qpdf ${dpkgVersion('qpdf')}); every PDF is checked with pdffonts (poppler-utils ${dpkgVersion('poppler-utils')}): only embedded
   TrueType fonts with ToUnicode, no Type 3. \`text.ts\` writes the plain-text renderings.

Fonts (all TrueType, embedded as subset CID TrueType with ToUnicode; Noto CJK is not used because Chromium
embeds its CFF outlines as Type 3 fonts, and nothing is bold because synthetic bold also becomes Type 3):
${FONTS.map((f) => `${f.family} (${f.package} ${dpkgVersion(f.package)}, ${f.like})`).join('; ')}.
Fonts found in the PDFs by pdffonts: ${x.fontsSeen.join(', ')}.
Every family is followed by WenQuanYi Zen Hei and AR PL UMing CN as fallbacks (Droid Sans Fallback lacks
Latin letters and “ ” —), so no glyph falls through to a CFF font. Vertical text (\`writing-mode: vertical-rl\`)
is never set in WenQuanYi Zen Hei, whose vertical metrics make Chromium overlap the glyphs: it uses AR PL UMing CN.
Chromium prints empty pages when a forced break inside a table with a repeated header (\`thead\`) cuts a
rowspanned cell, so forced breaks in such tables fall only before the 办理结果 block or before 四、结转下年度继续办理;
the generator fails if any page holds nothing but 表三's header.

## Coverage (files per kind; each cell gb2021/gb2019/hybrid)

${coverage(x.written)}

## Injected inconsistencies

| report | kind | what | failing as printed |
|---|---|---|---|
${injected.map((r) => `| ${r.name} | ${r.injection!.kind} | ${r.injection!.description} | ${r.outcome.failed.join(' ')} |`).join('\n')}

Scanned (image-only) twins: ${scans ? `${scans} \`.scan.pdf\` files made with scripts/make-scanned-twins.ts` : 'none yet (scripts/make-scanned-twins.ts, written by another engineer, exported no rasterizing function when this corpus was made; it only twins the real PDFs)'}.
`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
