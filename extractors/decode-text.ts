/**
 * Byte → string decoding for plain-text reports (.txt/.md), which arrive in whatever
 * encoding the publishing office's editor used: UTF-8, UTF-16 from Windows Notepad,
 * GBK/GB18030 from mainland offices, occasionally Big5.
 */
import { InputError } from '../src/errors.js';

export interface DecodedText {
  text: string;
  encoding: string;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

// Character classes as bit flags in one 64K table, so every scan is a single
// indexed load per code unit: a 2 MB file must decode in well under 200 ms.
const FREQUENT = 1;
const BAD = 2; // controls other than \t \n \f \r, and U+FFFD: never in real text
const PRIVATE_USE = 4; // a sign the wrong legacy table was applied
const PLAUSIBLE = 8; // what a Chinese report in UTF-16 is made of

// Frequent characters of report prose: simplified-only, traditional-only, and shared.
// Every candidate reading is scored against all three, so the right reading of
// either script outscores a wrong one (which yields scattered rare characters), and
// a traditional text saved as GBK still wins as GB18030. A few simplified forms
// (与 机 范 …) also exist in Big5, but as rare characters a Big5 text seldom uses.
const SIMPLIFIED =
  '国会发这说时为门开关应报务数个们来对进业学过动经长现实问产从东还点当样间将两头' +
  '电区县镇乡办处规设计编项总结统请议诉讼组织级财费资页条围况类别举员单义认识质监' +
  '检营环卫医疗护险养农贫帮协调导领队车运输购贸银税题内着广众决转达传论称观视书见' +
  '记录档执罚许证审标责职预询迟号纳维细则闻热线邮际参较变纠错销驳补厅张栏览阅读纸' +
  '届坚习贯彻难兴续与体机划复网范据价听确准系极优么于万无该并联';
const TRADITIONAL =
  '國會發這說時為與門開關應報務數個們來對進業學過動經長現實問產從東體還點當樣機間' +
  '將兩頭電區縣鎮鄉辦處規劃設計編項總結統請復議訴訟組織級財費資網頁條範圍況據類別' +
  '舉員單義認識質監檢營環衛醫療護險養農貧幫協調導領隊車運輸價購貿銀稅題內廣眾決轉' +
  '達傳論稱觀視聽書見記錄檔執罰許證審確標準責職預詢遲號納維細則聞熱線郵係際參較變' +
  '糾錯銷駁補極優廳張欄覽閱讀紙屆堅習貫徹麼難興續於萬無該並聯繫';
const SHARED =
  '的一是在不了有人和中大上年政府信息公工作度告法依申主部分全提出行定理管按照要求' +
  '以及其他本等件共次月日容相社市省街道委党建立加推高平合同方式用成明重保障安民群' +
  '策措施落情量新增累果予意供存非危三涉商秘密私持正尚未做改二四五六七八九十百千' +
  '至起如包括各所此也就而被到由向已均或但可能自止其中通元';

const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const mark = (from: number, to: number, flag: number): void => {
    for (let c = from; c <= to; c++) t[c] = (t[c] ?? 0) | flag;
  };
  mark(0x00, 0x1f, BAD);
  for (const c of [0x09, 0x0a, 0x0c, 0x0d]) t[c] = PLAUSIBLE;
  mark(0x7f, 0x9f, BAD);
  mark(0xfffd, 0xfffd, BAD);
  mark(0xe000, 0xf8ff, PRIVATE_USE);

  // Hangul, Yi and most other BMP blocks are left out: they are what byte-swapped
  // or GB-as-UTF-16 readings turn into, so leaving them out is what separates the
  // right UTF-16 byte order from the wrong one.
  const plausible: Array<[number, number]> = [
    [0x20, 0x7e], // ASCII
    [0xa0, 0xff], // · × ÷ °
    [0x2000, 0x22ff], // “ ” — … ℃ Ⅰ → ≤
    [0x2460, 0x26ff], // ① ─ ■ ★
    [0x3000, 0x303f], // 、 。 《 》 【 】
    [0x30fb, 0x30fb], // ・
    [0x3200, 0x32ff], // ㈠
    [0x3400, 0x4dbf], // CJK extension A
    [0x4e00, 0x9fff],
    [0xd800, 0xdfff], // supplementary ideographs; fatal decoding guarantees pairing
    [0xf900, 0xfaff],
    [0xfe30, 0xfe4f],
    [0xff00, 0xffef], // fullwidth forms （ ） ， ：
  ];
  for (const [from, to] of plausible) mark(from, to, PLAUSIBLE);

  for (const s of [SIMPLIFIED, TRADITIONAL, SHARED]) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      t[c] = (t[c] ?? 0) | FREQUENT;
    }
  }
  return t;
}

function countClass(text: string, flag: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if ((CLASS[text.charCodeAt(i)] ?? 0) & flag) n++;
  }
  return n;
}

interface Bom {
  encoding: Encoding;
  length: number;
}

/** The encoding a byte-order mark settles, and the mark's length. Exported for the HTML extractor, where a BOM outranks a declared charset. */
export function sniffBom(b: Uint8Array): Bom | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  // Checked before FF FE / FE FF: it is also what GB18030 makes of U+FEFF.
  if (b[0] === 0x84 && b[1] === 0x31 && b[2] === 0x95 && b[3] === 0x33) {
    return { encoding: 'gb18030', length: 4 };
  }
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

// ignoreBOM keeps any later U+FEFF as content: the BOM itself is sliced off before
// decoding, and the GB18030 decoder would not strip its own BOM anyway.
export function decodeLoose(encoding: Encoding, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

export function decodeStrict(encoding: Encoding, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const UTF16_MIN_PLAUSIBLE = 0.95;

interface Candidate extends DecodedText {
  score: number;
}

/** How much a reading looks like report prose: frequent characters, less a penalty for impossible ones. */
function score(text: string): number {
  return countClass(text, FREQUENT) - 4 * countClass(text, BAD | PRIVATE_USE);
}

/** UTF-16 without a BOM (some Windows tools write it): the byte orders whose reading looks like a report. */
function utf16Candidates(bytes: Uint8Array): Candidate[] {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return [];
  const out: Candidate[] = [];
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = decodeStrict(encoding, bytes);
    if (text === undefined || text.length === 0) continue;
    if (countClass(text, PLAUSIBLE) / text.length >= UTF16_MIN_PLAUSIBLE) {
      out.push({ text, encoding, score: score(text) });
    }
  }
  return out;
}

/**
 * GB18030 and Big5 both accept most double-byte input, so validity cannot tell them
 * apart; what can is whether the reading is made of characters reports actually use.
 * A wrong reading yields scattered rare characters, and Big5 read as GB18030 lands
 * in the GBK user-defined (private-use) areas; GBK extension bytes read as Big5 give
 * U+FFFD.
 *
 * BOM-less UTF-16 competes on the same score rather than being accepted on
 * plausibility alone: a short Big5 or GBK text whose trail bytes fall in 0x40–0x7E
 * reads in UTF-16 as a run of valid ideographs, but rarely as frequent ones.
 *
 * Ties (including texts with no frequent character) go to GB18030, the encoding of
 * nearly all mainland reports, then Big5; BOM-less UTF-16 comes last because real
 * UTF-16 files nearly always hold ASCII or line breaks, hence NUL bytes, and then
 * it is the only candidate.
 */
function decodeLegacyOrUtf16(bytes: Uint8Array, hasNul: boolean): DecodedText {
  const candidates: Candidate[] = [];
  if (!hasNul) {
    for (const encoding of ['gb18030', 'big5'] as const) {
      const text = decodeLoose(encoding, bytes);
      candidates.push({ text, encoding, score: score(text) });
    }
  }
  candidates.push(...utf16Candidates(bytes));
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || c.score > best.score) best = c;
  if (!best) throw binary();
  return { text: best.text, encoding: best.encoding };
}

/**
 * Reads bytes that carry no BOM by their content: strict UTF-8 if it holds, else the legacy or BOM-less
 * UTF-16 reading that looks most like a report. Exported for the HTML extractor (pages that declare no
 * charset). Throws InputError only when no reading is text at all.
 */
export function detectEncoding(bytes: Uint8Array): DecodedText {
  // NUL bytes are valid UTF-8, but in a text file they mean UTF-16 or binary:
  // ASCII-only UTF-16 would otherwise pass as UTF-8 with a NUL between letters.
  const hasNul = bytes.indexOf(0) !== -1;
  const utf8 = hasNul ? undefined : decodeStrict('utf-8', bytes);
  return utf8 !== undefined ? { text: utf8, encoding: 'utf-8' } : decodeLegacyOrUtf16(bytes, hasNul);
}

/**
 * Decodes a plain-text file, detecting its encoding. Throws InputError for an
 * empty file or one that is evidently binary.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new InputError('empty file');

  let decoded: DecodedText;
  const bom = sniffBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (!bom.encoding.startsWith('utf-16') && body.indexOf(0) !== -1) throw binary();
    decoded = { text: decodeLoose(bom.encoding, body), encoding: bom.encoding };
  } else {
    decoded = detectEncoding(bytes);
  }

  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new InputError('empty file');
  // One stray bad character is allowed so a file truncated mid-character still reads.
  if (countClass(text, BAD) > Math.max(1, text.length / 100)) throw binary();
  return { text, encoding: decoded.encoding };
}

function binary(): InputError {
  return new InputError('binary data, not text');
}
