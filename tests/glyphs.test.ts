import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEEP_LIST, mergeCounts, normalizeChar, normalizeGlyphs, type GlyphClass } from '../normalizers/glyphs.js';

// Parsed here independently of the generator so a generator bug cannot hide itself.
const EUI = new Map<number, number>();
for (const line of readFileSync(new URL('../normalizers/data/EquivalentUnifiedIdeograph.txt', import.meta.url), 'utf8').split('\n')) {
  const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*([0-9A-F]+)/.exec(line);
  if (!m) continue;
  for (let cp = parseInt(m[1]!, 16); cp <= parseInt(m[2] ?? m[1]!, 16); cp++) EUI.set(cp, parseInt(m[3]!, 16));
}

const isUnified = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af);
const HAN = 0x4e2d; // 中, gives strokes a Han context

interface Block {
  name: string;
  lo: number;
  hi: number;
  cls: GlyphClass;
  expected: (cp: number) => number | undefined;
}
const nfkc = (cp: number) => String.fromCodePoint(cp).normalize('NFKC').codePointAt(0)!;
const nfc = (cp: number) => String.fromCodePoint(cp).normalize('NFC').codePointAt(0)!;
const BLOCKS: Block[] = [
  { name: 'Kangxi Radicals', lo: 0x2f00, hi: 0x2fdf, cls: 'kangxi', expected: (cp) => (cp <= 0x2fd5 ? nfkc(cp) : undefined) },
  { name: 'CJK Radicals Supplement', lo: 0x2e80, hi: 0x2eff, cls: 'radicalSupplement', expected: (cp) => EUI.get(cp) },
  { name: 'CJK Strokes', lo: 0x31c0, hi: 0x31ef, cls: 'stroke', expected: (cp) => EUI.get(cp) },
  { name: 'CJK Compatibility Ideographs', lo: 0xf900, hi: 0xfaff, cls: 'compatibility', expected: nfc },
  { name: 'CJK Compatibility Ideographs Supplement', lo: 0x2f800, hi: 0x2fa1f, cls: 'compatibility', expected: nfc },
  {
    name: 'Vertical forms',
    lo: 0xfe10,
    hi: 0xfe19,
    cls: 'verticalForm',
    expected: nfkc,
  },
  {
    name: 'CJK Compatibility Forms (vertical brackets)',
    lo: 0xfe30,
    hi: 0xfe4f,
    cls: 'verticalForm',
    expected: (cp) => ((cp >= 0xfe30 && cp <= 0xfe44) || cp === 0xfe47 || cp === 0xfe48 ? nfkc(cp) : undefined),
  },
  { name: 'Fullwidth digits', lo: 0xff10, hi: 0xff19, cls: 'fullwidth', expected: (cp) => cp - 0xfee0 },
  { name: 'Fullwidth capitals', lo: 0xff21, hi: 0xff3a, cls: 'fullwidth', expected: (cp) => cp - 0xfee0 },
  { name: 'Fullwidth small letters', lo: 0xff41, hi: 0xff5a, cls: 'fullwidth', expected: (cp) => cp - 0xfee0 },
];

describe('normalizeChar over whole blocks', () => {
  for (const b of BLOCKS) {
    it(`${b.name} U+${b.lo.toString(16).toUpperCase()}–${b.hi.toString(16).toUpperCase()}: every code point mapped or kept`, () => {
      const problems: string[] = [];
      let mapped = 0;
      let kept = 0;
      for (let cp = b.lo; cp <= b.hi; cp++) {
        const ch = String.fromCodePoint(cp);
        const r = normalizeChar(cp, HAN, HAN);
        const viaString = normalizeGlyphs(`中${ch}中`).text;
        const unassignedKangxi = cp >= 0x2fd6 && cp <= 0x2fdf;
        if (KEEP_LIST.has(cp) || unassignedKangxi) {
          kept++;
          if (r !== null || viaString !== `中${ch}中`) problems.push(`U+${cp.toString(16)} is kept but changed`);
          continue;
        }
        const want = b.expected(cp);
        if (want === undefined || want === cp) {
          problems.push(`U+${cp.toString(16)} has no mapping and is not on KEEP_LIST`);
          continue;
        }
        mapped++;
        if (r?.cp !== want || r.cls !== b.cls) problems.push(`U+${cp.toString(16)} → ${JSON.stringify(r)}, want U+${want.toString(16)} ${b.cls}`);
        if (viaString !== `中${String.fromCodePoint(want)}中`) problems.push(`U+${cp.toString(16)} differs via normalizeGlyphs`);
        if (b.cls === 'kangxi' && !isUnified(want)) problems.push(`U+${cp.toString(16)} NFKC U+${want.toString(16)} is not a unified ideograph`);
      }
      expect(problems).toEqual([]);
      expect(mapped + kept).toBe(b.hi - b.lo + 1);
      console.log(`${b.name}: ${mapped} mapped, ${kept} kept`);
    });
  }

  it('KEEP_LIST only lists code points of the handled blocks', () => {
    const outside = [...KEEP_LIST].filter((cp) => !BLOCKS.some((b) => cp >= b.lo && cp <= b.hi));
    expect(outside).toEqual([]);
  });
});

describe('normalizeGlyphs', () => {
  it('leaves Chinese punctuation, list markers and units as printed', () => {
    const s = '（一），：；！？、“引”‘单’《书》【注】…… ㈠①⑴㊀㎡ ％ ＋';
    const r = normalizeGlyphs(s);
    expect(r.text).toBe(s);
    expect(r.replaced).toBe(0);
    expect(r.byClass).toEqual({});
    expect([...r.offsets]).toEqual(Array.from({ length: s.length + 1 }, (_, i) => i));
  });

  it('normalizes a typical report line and counts per class', () => {
    const r = normalizeGlyphs('⼀、总体情况 ⼈⺠ ⻓ ⻔ １２３ＡＢ');
    expect(r.text).toBe('一、总体情况 人民 长 门 123AB');
    expect(r.byClass).toEqual({ kangxi: 2, radicalSupplement: 3, fullwidth: 5 });
    expect(r.replaced).toBe(10);
  });

  it('maps the simplified-form radicals to the simplified ideographs', () => {
    expect(normalizeGlyphs('⻛⻝⻅⻢⻋⻉⻥').text).toBe('风食见马车贝鱼');
  });

  it('maps strokes only inside a Han run', () => {
    expect(normalizeGlyphs('中㇐').text).toBe('中一');
    expect(normalizeGlyphs('㇐中').text).toBe('一中');
    expect(normalizeGlyphs('⼗㇐').text).toBe('十一');
    expect(normalizeGlyphs('a㇐b').text).toBe('a㇐b');
    expect(normalizeGlyphs('㇐').replaced).toBe(0);
    expect(normalizeGlyphs('中 ㇐ 中').text).toBe('中 ㇐ 中');
    expect(normalizeGlyphs('𠀀㇐').byClass).toEqual({ stroke: 1 }); // astral Han neighbour
    expect(normalizeGlyphs('中㇀中').text).toBe('中㇀中'); // kept stroke stays even in a Han run
  });

  it('maps normalized offsets back to the source, across surrogate pairs', () => {
    // U+2F800 (2 units) → 丽 U+4E3D (1 unit); ⺇ U+2E87 (1 unit) → 𠘨 U+20628 (2 units); 𠀀 stays astral.
    const src = 'A\u{2F800}⼀B⺇𠀀C';
    const r = normalizeGlyphs(src);
    expect(r.text).toBe('A丽一B\u{20628}𠀀C');
    expect(r.byClass).toEqual({ compatibility: 1, kangxi: 1, radicalSupplement: 1 });
    expect([...r.offsets]).toEqual([0, 1, 3, 4, 5, 5, 6, 7, 8, 9]);
    // Every normalized code point maps to a source slice that normalizes to it.
    for (let i = 0; i < r.text.length; ) {
      const w = r.text.codePointAt(i)! > 0xffff ? 2 : 1;
      expect(normalizeGlyphs(src.slice(r.offsets[i], r.offsets[i + w])).text).toBe(r.text.slice(i, i + w));
      i += w;
    }
  });

  it('keeps lone surrogates and offsets consistent around them', () => {
    const r = normalizeGlyphs('\ud87e⼀\udc00');
    expect(r.text).toBe('\ud87e一\udc00');
    expect([...r.offsets]).toEqual([0, 1, 2, 3]);
  });

  it('merges counts of several results', () => {
    const a = normalizeGlyphs('⼀１');
    const b = normalizeGlyphs('⺠１');
    expect(mergeCounts(a, b)).toEqual({ kangxi: 1, fullwidth: 2, radicalSupplement: 1 });
    expect(mergeCounts(a.byClass, {})).toEqual(a.byClass);
  });

  // Speed is measured by the benchmark, not here: this checks a large document maps whole.
  it('normalizes a 2 MB document', () => {
    const line = '⼀、总体情况：本年度共收到政府信息公开申请１２３件，办结率１００％。⼈⺠群众⻓期关注⻔户网站建设，\u{2F800}㈠①⑴㎡\n';
    const doc = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
    const plain = normalizeGlyphs(doc).text;
    expect(plain).not.toMatch(/[\u2e80-\u2fdf\uff10-\uff19]/u);
    for (const s of [doc, plain]) {
      const r = normalizeGlyphs(s);
      expect(r.offsets.length).toBe(r.text.length + 1);
      expect(r.offsets[r.text.length]).toBe(s.length);
    }
  });
});
