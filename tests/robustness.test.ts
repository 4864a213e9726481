/**
 * Inputs that are not reports: each ends with exit 2 and one line, or a record with no tables and a clear
 * warning; never a crash or a hang (each run is bounded by the helper's timeout).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xxgk } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xxgk-robust-'));

/** A small deterministic generator, so the "random" inputs are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('inputs that are not reports', () => {
  it('an empty file: exit 2, one line', () => {
    const f = join(dir, 'empty.txt');
    writeFileSync(f, '');
    const r = xxgk(['extract', f]);
    expect([r.status, r.stderr, r.stdout]).toEqual([2, `xxgk: ${f}: empty file\n`, '']);
  });

  it('a binary file: exit 2, one line', () => {
    const rand = prng(7);
    const f = join(dir, 'noise.txt');
    writeFileSync(f, Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(rand() * 256))));
    const r = xxgk(['extract', f]);
    expect([r.status, r.stderr]).toEqual([2, `xxgk: ${f}: binary data, not text\n`]);
  });

  it('2 MB of random CJK text: a record with no tables and a warning', () => {
    const rand = prng(11);
    const chars: string[] = [];
    for (let i = 0; i < 700_000; i++) {
      chars.push(i % 60 === 59 ? '\n' : String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x5000)));
    }
    const f = join(dir, 'cjk.txt');
    writeFileSync(f, chars.join(''));
    const r = xxgk(['extract', f]);
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.template).toBe('none');
    expect(record.tables).toEqual({ activeDisclosure: null, requests: null, reviewLitigation: null });
    expect(record.warnings.map((w: { code: string }) => w.code)).toContain('NO_TEMPLATE');
  });

  it('a report whose tables hold words instead of numbers: cells unread, never zeros', () => {
    const f = join(dir, 'words.txt');
    writeFileSync(
      f,
      [
        '某某镇2023年政府信息公开工作年度报告',
        '二、主动公开政府信息情况',
        '信息内容 本年制发件数 本年废止件数 现行有效件数',
        '规章 见附件',
        '三、收到和处理政府信息公开申请情况',
        '一、本年新收政府信息公开申请数量 若干',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
      ].join('\n'),
    );
    const r = xxgk(['extract', f]);
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.template).toBe('gb2021');
    const values = JSON.stringify(record.tables).match(/"value":[^,}]+/g) ?? [];
    expect(new Set(values)).toEqual(new Set(['"value":null']));
  });
});

describe('PDFs that cannot be read', () => {
  const bad = (f: string) => join(import.meta.dirname, '..', 'samples', 'bad', f);

  it.each([
    ['truncated.pdf', 'damaged PDF: invalid PDF structure'],
    ['encrypted.pdf', 'encrypted PDF (password required)'],
  ])('%s: exit 2 and one line naming file and cause', (f, cause) => {
    const r = xxgk(['extract', bad(f)]);
    expect([r.status, r.stderr, r.stdout]).toEqual([2, `xxgk: ${bad(f)}: ${cause}\n`, '']);
  });

  it('no-text.pdf (nothing but a drawing): a record with no tables, the page named unusable, OCR finding nothing', () => {
    const r = xxgk(['extract', bad('no-text.pdf')]);
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.tables).toEqual({ activeDisclosure: null, requests: null, reviewLitigation: null });
    expect(record.warnings.map((w: { code: string; page?: number }) => [w.code, w.page])).toEqual([
      ['TEXT_LAYER_UNUSABLE', 1],
      ['OCR_USED', undefined],
      ['OCR_NO_TEXT', 1],
    ]);
    const never = xxgk(['extract', bad('no-text.pdf'), '--ocr', 'never']);
    expect(JSON.parse(never.stdout).warnings).toEqual([{ code: 'TEXT_LAYER_UNUSABLE', message: 'no text on the page', page: 1 }]);
  });

  it('not-a-pdf.pdf (text named .pdf): read as text, with a warning that says so', () => {
    const r = xxgk(['extract', bad('not-a-pdf.pdf')]);
    expect(r.status).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.source.extractor).toBe('text');
    expect(record.warnings[0]).toEqual({ code: 'NOT_WHAT_ITS_NAME_SAYS', message: 'named .pdf but the content is text: read as text' });
  });

  it('an owner-password PDF reads normally', () => {
    const r = xxgk(['extract', bad('owner-only.pdf')]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).source.extractor).toBe('pdf-text');
  });
});
