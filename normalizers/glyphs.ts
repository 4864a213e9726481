/**
 * Glyph normalizer for text layers of Chinese government PDFs, which often
 * encode ordinary ideographs as look-alike Kangxi/supplement radicals, strokes
 * or compatibility ideographs, and digits/Latin as fullwidth forms.
 *
 * Works per character on purpose: whole-string NFKC would also rewrite the
 * things that must survive as printed — ㈠ ⑴ ① ㊀ list markers, ㎡ units and
 * fullwidth Chinese punctuation （），：；！？.
 */
import { Buffer } from 'node:buffer';
import { RADICAL_SUPPLEMENT, STROKES } from './glyph-table.generated.js';

export type GlyphClass = 'kangxi' | 'radicalSupplement' | 'stroke' | 'compatibility' | 'fullwidth' | 'verticalForm';
export type GlyphCounts = Partial<Record<GlyphClass, number>>;

export interface NormalizedText {
  text: string;
  replaced: number;
  byClass: GlyphCounts;
  /** offsets[i] = UTF-16 offset in the source of normalized UTF-16 offset i; length text.length + 1 */
  offsets: Uint32Array;
}

const range = (lo: number, hi = lo): number[] => Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);

/** Code points in the handled blocks deliberately left unchanged. */
export const KEEP_LIST: ReadonlySet<number> = new Set([
  // CJK Radicals Supplement without an Equivalent_Unified_Ideograph (UCD 15.0):
  // ⺀ REPEAT has no ideograph twin; U+2E9A and U+2EF4–2EFF are unassigned.
  ...range(0x2e80),
  ...range(0x2e9a),
  ...range(0x2ef4, 0x2eff),
  // CJK Strokes with no ideograph twin (listed as such at the end of the EUI
  // file), plus U+31E4–31E5 (Unicode 16, no EUI in the vendored 15.0 data),
  // U+31E6–31EE (unassigned) and U+31EF (IDC subtraction, not a stroke).
  ...range(0x31c0, 0x31c5),
  ...range(0x31c7, 0x31ce),
  ...range(0x31e2, 0x31ef),
  // Unified ideographs that live in the compatibility block (no decomposition);
  // rewriting them would change the character, e.g. 﨎 U+FA0E is not 崎.
  ...[0xfa0e, 0xfa0f, 0xfa11, 0xfa13, 0xfa14, 0xfa1f, 0xfa21, 0xfa23, 0xfa24, 0xfa27, 0xfa28, 0xfa29],
  // Sesame dots, overlines and low lines among the CJK Compatibility Forms: not label punctuation.
  ...range(0xfe45, 0xfe46),
  ...range(0xfe49, 0xfe4f),
  // Unassigned holes in the compatibility blocks.
  ...range(0xfa6e, 0xfa6f),
  ...range(0xfada, 0xfaff),
  ...range(0x2fa1e, 0x2fa1f),
]);

// Precomputed once so the per-character path is an array read, not an ICU call; 0 = no mapping.
const KANGXI = Uint32Array.from(range(0x2f00, 0x2fd5), (cp) => String.fromCodePoint(cp).normalize('NFKC').codePointAt(0)!);
const compat = (cp: number): number => {
  const nfc = String.fromCodePoint(cp).normalize('NFC').codePointAt(0)!;
  return nfc === cp ? 0 : nfc;
};
const COMPAT_BMP = Uint32Array.from(range(0xf900, 0xfaff), compat);
const COMPAT_SIP = Uint32Array.from(range(0x2f800, 0x2fa1f), compat);
/**
 * Vertical presentation forms (︑ for 、, ︵ for （): what vertical fonts' CMaps give for punctuation in
 * vertically printed labels. U+FE45–FE46 (sesame dots) and U+FE49–FE4F (overlines, low lines) are not
 * punctuation a label uses: 0 keeps them.
 */
const VERTICAL_FORM = (cp: number): number =>
  (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xfe30 && cp <= 0xfe44) || cp === 0xfe47 || cp === 0xfe48
    ? String.fromCodePoint(cp).normalize('NFKC').codePointAt(0)!
    : 0;

/**
 * Strokes are only trusted as ideographs next to an ideograph: on their own they
 * are more likely real stroke symbols (e.g. in a character-structure table).
 * Radicals and compatibility ideographs count as Han because in these PDFs they
 * stand in for ideographs.
 */
function isHan(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2e80 && cp <= 0x2fd5) ||
    cp === 0x3007
  );
}

const CLASSES: readonly GlyphClass[] = ['kangxi', 'radicalSupplement', 'stroke', 'compatibility', 'fullwidth', 'verticalForm'];
// Class index packed above the 21 code point bits keeps the hot path allocation-free; 0 = unchanged.
const hit = (cp: number | undefined, cls: number): number => (cp ? cp | (cls << 21) : 0);

function lookup(cp: number, prev?: number, next?: number): number {
  if (cp < 0x2e80) return 0;
  if (cp <= 0x2eff) return hit(RADICAL_SUPPLEMENT.get(cp), 1);
  if (cp <= 0x2fd5) return hit(KANGXI[cp - 0x2f00], 0);
  if (cp >= 0x31c0 && cp <= 0x31ef) return isHan(prev) || isHan(next) ? hit(STROKES.get(cp), 2) : 0;
  if (cp >= 0xf900 && cp <= 0xfaff) return hit(COMPAT_BMP[cp - 0xf900], 3);
  if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return hit(cp - 0xfee0, 4);
  if (cp >= 0xfe10 && cp <= 0xfe4f) return hit(VERTICAL_FORM(cp), 5);
  if (cp >= 0x2f800 && cp <= 0x2fa1f) return hit(COMPAT_SIP[cp - 0x2f800], 3);
  return 0;
}

/** Returns the replacement for `cp`, or null when it stays as is. `prev`/`next` are the neighbouring source code points. */
export function normalizeChar(cp: number, prev?: number, next?: number): { cp: number; cls: GlyphClass } | null {
  const r = lookup(cp, prev, next);
  return r ? { cp: r & 0x1fffff, cls: CLASSES[r >>> 21]! } : null;
}

/** Cheap UTF-16 pre-filter: false means lookup() would return 0. 0xD87E leads U+2F800–2FBFF. */
const mayChange = (c: number): boolean =>
  c >= 0x2e80 &&
  (c <= 0x2fd5 ||
    (c >= 0x31c0 && c <= 0x31ef) ||
    c === 0xd87e ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe4f) ||
    (c >= 0xff10 && c <= 0xff5a));

function codePointBefore(s: string, i: number): number | undefined {
  if (i === 0) return undefined;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}

export function normalizeGlyphs(source: string): NormalizedText {
  const n = source.length;
  const counts = CLASSES.map(() => 0);
  // Output is built as UTF-16 units and decoded once: string concatenation of
  // many short pieces was ~20x slower on radical-heavy documents.
  // Invariant: capacity >= j + (n - i) + 1, so unchanged units never need a bounds check.
  let out: Uint16Array | null = null;
  let offsets = new Uint32Array(n + 1);
  let j = 0;

  for (let i = 0; i < n; ) {
    const c = source.charCodeAt(i);
    let r = 0;
    let width = 1;
    if (mayChange(c)) {
      if (c === 0xd87e) {
        const lo = source.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) r = lookup(0x2f800 + (lo - 0xdc00));
        if (r) width = 2;
      } else {
        r = c >= 0x31c0 && c <= 0x31ef ? lookup(c, codePointBefore(source, i), source.codePointAt(i + 1)) : lookup(c);
      }
    }
    if (!r) {
      if (out) {
        out[j] = c;
        offsets[j++] = i;
      }
      i++;
      continue;
    }
    if (!out) {
      out = new Uint16Array(n + 1);
      for (; j < i; j++) {
        out[j] = source.charCodeAt(j);
        offsets[j] = j;
      }
    }
    const cp = r & 0x1fffff;
    const units = cp > 0xffff ? 2 : 1;
    if (j + units + (n - i - width) + 1 > out.length) {
      const size = Math.max(out.length * 2, j + units + (n - i - width) + 1);
      const o = new Uint16Array(size);
      o.set(out.subarray(0, j));
      out = o;
      const f = new Uint32Array(size);
      f.set(offsets.subarray(0, j));
      offsets = f;
    }
    if (units === 1) {
      out[j] = cp;
      offsets[j++] = i;
    } else {
      // Both halves of an astral replacement point at the start of the source char.
      out[j] = 0xd7c0 + (cp >> 10);
      offsets[j++] = i;
      out[j] = 0xdc00 + (cp & 0x3ff);
      offsets[j++] = i;
    }
    counts[r >>> 21]!++;
    i += width;
  }

  const byClass: GlyphCounts = {};
  counts.forEach((v, k) => {
    if (v) byClass[CLASSES[k]!] = v;
  });
  const replaced = counts.reduce((a, b) => a + b, 0);
  if (!out) {
    for (let k = 0; k <= n; k++) offsets[k] = k;
    return { text: source, replaced, byClass, offsets };
  }
  offsets[j] = n;
  // 'ucs2' copies code units verbatim, so lone surrogates in the source survive (TextDecoder would replace them).
  // Assumes a little-endian host, as Uint16Array uses host byte order.
  const text = Buffer.from(out.buffer, out.byteOffset, j * 2).toString('ucs2');
  return { text, replaced, byClass, offsets: offsets.length === j + 1 ? offsets : offsets.slice(0, j + 1) };
}

/** Adds the per-class counts of two results (or two count records). */
export function mergeCounts(a: GlyphCounts | Pick<NormalizedText, 'byClass'>, b: GlyphCounts | Pick<NormalizedText, 'byClass'>): GlyphCounts {
  const out: GlyphCounts = {};
  for (const x of [a, b]) {
    const counts: GlyphCounts = 'byClass' in x ? x.byClass : x;
    for (const [cls, v] of Object.entries(counts) as [GlyphClass, number][]) out[cls] = (out[cls] ?? 0) + v;
  }
  return out;
}
