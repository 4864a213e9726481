import { createHash } from 'node:crypto';

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodeText } from '../extractors/decode-text.js';
import { extractText } from '../extractors/text.js';
import { InputError } from '../src/errors.js';

// 䶮 (U+4DAE) is outside GB2312 but inside GBK; 𠮷 (U+20BB7) is outside GBK and
// takes a four-byte GB18030 sequence and a surrogate pair in UTF-16.
const GBK_REPORT = [
  '平昌关镇2022年政府信息公开工作年度报告',
  '',
  '一、总体情况',
  '（一）主动公开情况。本年度围绕“三安全一稳定”工作，共主动公开政府信息126条。',
  '（二）依申请公开情况。全年收到申请3件，均已按时答复，刘䶮。',
  '二、主动公开政府信息情况',
];
const REPORT = [...GBK_REPORT, '三、附注：𠮷祥村数据另行说明。'].join('\n') + '\n';
const GBK_TEXT = GBK_REPORT.join('\n') + '\n';

const BIG5_REPORT =
  [
    '臺北市政府資訊公開工作年度報告',
    '（一）主動公開政府資訊情況。本年度圍繞「三安全一穩定」工作，共主動公開資訊條目。',
    '（二）依申請公開情況。全年收到申請三件，均已按時答覆，無行政復議及訴訟。',
    '二、存在的主要問題及改進情況',
  ].join('\n') + '\n';

const PRIVATE_USE = /[\uE000-\uF8FF]|[\u{F0000}-\u{10FFFF}]/u;

function bytes(...parts: Array<number[] | Uint8Array | Buffer>): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
}

function utf16be(s: string): Buffer {
  return Buffer.from(s, 'utf16le').swap16();
}

/** Deterministic bytes so a binary-detection failure reproduces. */
function seededBytes(n: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

function decodesTo(input: Uint8Array, text: string, encoding: string): void {
  const got = decodeText(input);
  expect(got.encoding).toBe(encoding);
  expect(got.text).toBe(text);
  expect(got.text).not.toMatch(PRIVATE_USE);
}

describe('decodeText: encodings', () => {
  it('UTF-8', () => {
    decodesTo(Buffer.from(REPORT, 'utf8'), REPORT, 'utf-8');
  });

  it('UTF-8 with BOM, BOM not in the text', () => {
    decodesTo(bytes([0xef, 0xbb, 0xbf], Buffer.from(REPORT, 'utf8')), REPORT, 'utf-8');
  });

  it('UTF-16LE with BOM', () => {
    decodesTo(bytes([0xff, 0xfe], Buffer.from(REPORT, 'utf16le')), REPORT, 'utf-16le');
  });

  it('UTF-16BE with BOM', () => {
    decodesTo(bytes([0xfe, 0xff], utf16be(REPORT)), REPORT, 'utf-16be');
  });

  it('UTF-16LE without BOM', () => {
    decodesTo(Buffer.from(REPORT, 'utf16le'), REPORT, 'utf-16le');
  });

  it('UTF-16BE without BOM', () => {
    decodesTo(utf16be(REPORT), REPORT, 'utf-16be');
  });

  it('ASCII-only UTF-16LE without BOM is not taken for UTF-8 with NULs', () => {
    const ascii = 'Annual report 2022\nTotal: 126\n';
    decodesTo(Buffer.from(ascii, 'utf16le'), ascii, 'utf-16le');
  });

  it('GB18030 including a four-byte sequence', () => {
    const encoded = iconv.encode(REPORT, 'gb18030');
    expect(iconv.decode(encoded, 'gb18030')).toBe(REPORT);
    expect(encoded.includes(Buffer.from([0x95, 0x34, 0xb2, 0x35]))).toBe(true); // 𠮷
    decodesTo(encoded, REPORT, 'gb18030');
  });

  it('GB18030 with its own BOM (84 31 95 33)', () => {
    decodesTo(bytes([0x84, 0x31, 0x95, 0x33], iconv.encode(REPORT, 'gb18030')), REPORT, 'gb18030');
  });

  it('GBK, reported as gb18030', () => {
    const encoded = iconv.encode(GBK_TEXT, 'gbk');
    expect(iconv.decode(encoded, 'gbk')).toBe(GBK_TEXT);
    decodesTo(encoded, GBK_TEXT, 'gb18030');
  });

  it('a short one-line GBK title is gb18030', () => {
    const title = '平昌关镇2022年政府信息公开工作年度报告';
    decodesTo(iconv.encode(title, 'gbk'), title, 'gb18030');
  });

  it('Big5 traditional-character report', () => {
    const encoded = iconv.encode(BIG5_REPORT, 'big5');
    expect(iconv.decode(encoded, 'big5')).toBe(BIG5_REPORT);
    decodesTo(encoded, BIG5_REPORT, 'big5');
  });

  it('short Big5 text whose UTF-16 reading is all ideographs stays Big5', () => {
    // Big5 trail bytes in 0x40–0x7E make this a valid run of CJK ideographs in UTF-16LE.
    const short = '》要求編製，二零二二年';
    decodesTo(iconv.encode(short, 'big5'), short, 'big5');
  });

  it('UTF-16LE without BOM and without any NUL byte (no ASCII at all)', () => {
    // No character here has a 00 byte in UTF-16 (开 U+5F00 and 一 U+4E00 would).
    const cjkOnly = '政府信息公布工作年度报告。主动公布情况，围绕“三安全”工作，平昌关镇';
    const encoded = Buffer.from(cjkOnly, 'utf16le');
    expect(encoded.includes(0)).toBe(false);
    decodesTo(encoded, cjkOnly, 'utf-16le');
  });

  it('a traditional-character text saved as GBK is still gb18030', () => {
    decodesTo(iconv.encode(BIG5_REPORT, 'gbk'), BIG5_REPORT, 'gb18030');
  });

  it('FE59 decodes with the 2022 table (U+9FB4), not to a private-use character', () => {
    const encoded = bytes(iconv.encode('报告', 'gbk'), [0xfe, 0x59], iconv.encode('年度', 'gbk'));
    decodesTo(encoded, '报告\u9fb4年度', 'gb18030');
  });

  it('CRLF and lone CR become \\n in every encoding', () => {
    const crlf = REPORT.replace(/\n/g, '\r\n');
    decodesTo(Buffer.from(crlf, 'utf8'), REPORT, 'utf-8');
    decodesTo(iconv.encode(crlf, 'gb18030'), REPORT, 'gb18030');
    decodesTo(bytes([0xff, 0xfe], Buffer.from(crlf, 'utf16le')), REPORT, 'utf-16le');
    decodesTo(Buffer.from('第一行\r第二行\r\n第三行\n', 'utf8'), '第一行\n第二行\n第三行\n', 'utf-8');
  });

  // Speed is measured by the benchmark, not here: this checks a large input decodes whole.
  it('decodes 2 MB', () => {
    let big = '';
    while (big.length < 1_100_000) big += REPORT;
    const encoded = iconv.encode(big, 'gb18030');
    expect(encoded.length).toBeGreaterThan(2_000_000);
    const got = decodeText(encoded);
    expect(got.encoding).toBe('gb18030');
    expect(got.text).toBe(big);
  });
});

describe('decodeText: rejects', () => {
  const rejects = (input: Uint8Array, message: string): void => {
    expect(() => decodeText(input)).toThrow(InputError);
    expect(() => decodeText(input)).toThrow(message);
  };

  it('random bytes', () => {
    rejects(seededBytes(4096, 20220101), 'binary data, not text');
  });

  it('random bytes without any NUL', () => {
    const noNul = seededBytes(4096, 7).map((b) => (b === 0 ? 1 : b));
    rejects(noNul, 'binary data, not text');
  });

  it('a PNG', () => {
    const png = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52],
      seededBytes(2048, 42),
    );
    rejects(png, 'binary data, not text');
  });

  it('NUL bytes in otherwise valid text', () => {
    rejects(bytes(Buffer.from('政府信息', 'utf8'), [0, 0, 0], Buffer.from('公开', 'utf8')), 'binary data, not text');
  });

  it('empty and whitespace-only files', () => {
    rejects(new Uint8Array(0), 'empty file');
    rejects(Buffer.from(' \r\n\t\n　\n', 'utf8'), 'empty file');
    rejects(bytes([0xef, 0xbb, 0xbf]), 'empty file');
    rejects(bytes([0xff, 0xfe]), 'empty file');
  });
});

describe('extractText', () => {
  const source = '标题\r\n\r\n（一）内容　 \r\n  末行';
  const input = iconv.encode(source, 'gb18030');

  it('one page, one line per source line, offsets into the decoded text', () => {
    const doc = extractText(input, 'reports/平昌关镇.txt');
    const decoded = '标题\n\n（一）内容　 \n  末行';

    expect(doc.source).toEqual({
      path: 'reports/平昌关镇.txt',
      sha256: createHash('sha256').update(input).digest('hex'),
      mediaType: 'text/plain',
      extractor: 'text',
      encoding: 'gb18030',
      pages: 1,
    });
    expect(doc.warnings).toEqual([]);
    expect(doc.pages).toHaveLength(1);
    const page = doc.pages[0]!;
    expect(page.number).toBe(1);
    expect(page.width).toBeUndefined();
    expect(page.lines).toEqual([
      { items: [{ text: '标题', sourceOffset: 0 }] },
      { items: [] },
      { items: [{ text: '（一）内容', sourceOffset: 4 }] },
      { items: [{ text: '  末行', sourceOffset: 12 }] },
    ]);
    for (const line of page.lines) {
      for (const item of line.items) {
        expect(decoded.slice(item.sourceOffset, item.sourceOffset! + item.text.length)).toBe(item.text);
        expect(item.box).toBeUndefined();
      }
    }
  });

  it('sha256 is of the raw bytes, not the decoded text', () => {
    const withBom = bytes([0xef, 0xbb, 0xbf], Buffer.from('报告\n', 'utf8'));
    expect(extractText(withBom, 'a.txt').source.sha256).toBe(
      createHash('sha256').update(withBom).digest('hex'),
    );
  });

  it('a trailing newline does not add a line; inner blank lines stay', () => {
    const doc = extractText(Buffer.from('甲\n\n\n乙\n', 'utf8'), 'a.txt');
    expect(doc.pages[0]!.lines.map((l) => l.items.length)).toEqual([1, 0, 0, 1]);
  });

  it('media type from the extension or the caller', () => {
    const md = Buffer.from('# 年度报告\n', 'utf8');
    expect(extractText(md, 'report.md').source.mediaType).toBe('text/markdown');
    expect(extractText(md, 'REPORT.MD').source.mediaType).toBe('text/markdown');
    expect(extractText(md, 'report', 'text/x-custom').source.mediaType).toBe('text/x-custom');
  });

  it('passes InputError through', () => {
    expect(() => extractText(new Uint8Array(0), 'a.txt')).toThrow(InputError);
  });
});
