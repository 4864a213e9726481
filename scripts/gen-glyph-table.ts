/**
 * Generates normalizers/glyph-table.generated.ts from the vendored
 * normalizers/data/EquivalentUnifiedIdeograph.txt.
 *
 * Only the CJK Radicals Supplement and CJK Strokes entries are emitted: the
 * Kangxi Radicals are normalized with per-character NFKC at runtime, so here
 * we only check that the file agrees with NFKC for them and fail otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'normalizers/data/EquivalentUnifiedIdeograph.txt';
const TARGET = 'normalizers/glyph-table.generated.ts';

const text = readFileSync(join(root, SOURCE), 'utf8');
const version = /^# EquivalentUnifiedIdeograph-([\d.]+)\.txt/m.exec(text)?.[1];
const date = /^# Date: (.+)$/m.exec(text)?.[1];
if (!version || !date) throw new Error(`${SOURCE}: missing version/date header`);

const eui = new Map<number, number>();
for (const line of text.split('\n')) {
  const data = line.replace(/#.*/, '').trim();
  if (!data) continue;
  const m = /^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})$/i.exec(data);
  if (!m) throw new Error(`${SOURCE}: cannot parse line: ${line}`);
  const first = parseInt(m[1]!, 16);
  const last = m[2] ? parseInt(m[2], 16) : first;
  for (let cp = first; cp <= last; cp++) eui.set(cp, parseInt(m[3]!, 16));
}

const pick = (lo: number, hi: number) => [...eui].filter(([cp]) => cp >= lo && cp <= hi).sort((a, b) => a[0] - b[0]);
const supplement = pick(0x2e80, 0x2eff);
const strokes = pick(0x31c0, 0x31ef);

// The runtime relies on NFKC for Kangxi radicals; refuse to generate if a new
// data release ever disagrees, rather than silently diverging.
const kangxi = pick(0x2f00, 0x2fdf);
const disagree = kangxi.filter(([cp, to]) => String.fromCodePoint(cp).normalize('NFKC') !== String.fromCodePoint(to));
if (kangxi.length !== 214 || disagree.length) {
  throw new Error(`Kangxi EUI entries (${kangxi.length}) disagree with NFKC: ${disagree.map(([cp]) => cp.toString(16)).join(' ')}`);
}
const unexpected = [...eui.keys()].filter((cp) => !(cp >= 0x2e80 && cp <= 0x2fdf) && !(cp >= 0x31c0 && cp <= 0x31ef));
if (unexpected.length) {
  // A new release mapping other blocks would need a decision in normalizers/glyphs.ts.
  console.warn(`note: EUI entries outside the radical/stroke blocks are not emitted: ${unexpected.map((cp) => cp.toString(16)).join(' ')}`);
}

const hex = (cp: number) => '0x' + cp.toString(16).toUpperCase();
const table = (name: string, doc: string, rows: [number, number][]) =>
  `/** ${doc} */\nexport const ${name}: ReadonlyMap<number, number> = new Map([\n` +
  rows.map(([cp, to]) => `  [${hex(cp)}, ${hex(to)}], // ${String.fromCodePoint(cp)} → ${String.fromCodePoint(to)}`).join('\n') +
  `\n]);\n`;

const out = `// GENERATED FILE — do not edit. Regenerate with \`npm run gen:glyphs\` (scripts/gen-glyph-table.ts).
// Source: ${SOURCE}
//   EquivalentUnifiedIdeograph-${version}.txt (Unicode ${version}, ${date}), © Unicode, Inc., Unicode License v3.
// Kangxi Radicals (U+2F00–2FD5) are omitted: all 214 entries were checked to equal per-character NFKC.

export const EUI_UNICODE_VERSION = '${version}';

${table('RADICAL_SUPPLEMENT', 'CJK Radicals Supplement (U+2E80–2EFF) → Equivalent_Unified_Ideograph.', supplement)}
${table('STROKES', 'CJK Strokes (U+31C0–31EF) → Equivalent_Unified_Ideograph.', strokes)}`;

writeFileSync(join(root, TARGET), out);
console.log(`${TARGET}: ${supplement.length} radical-supplement and ${strokes.length} stroke entries from Unicode ${version}`);
