/**
 * Pages OCR must survive without inventing anything (samples/scanned/edge-pages.pdf): an image-only page of
 * prose with no table, a blank page, and a page scanned sideways (turned 90°, on a landscape page).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { extractRecord } from '../src/pipeline/extract.js';
import { shutdownOcr } from '../extractors/ocr/index.js';
import { ReportRecord } from '../src/model/record.js';
import { ROOT } from './helpers/samples.js';

const FILE = join(ROOT, 'samples', 'scanned', 'edge-pages.pdf');

describe('edge-pages.pdf: no table, blank, sideways', () => {
  let record: ReportRecord;
  beforeAll(async () => {
    record = await extractRecord(new Uint8Array(readFileSync(FILE)), 'edge-pages.pdf');
  }, 240_000);
  afterAll(() => shutdownOcr());

  it('is a valid record made by OCR of all three pages', () => {
    expect(() => ReportRecord.parse(record)).not.toThrow();
    expect(record.source.extractor).toBe('pdf-ocr');
    expect(record.source.ocrPages).toEqual([1, 2, 3]);
  });

  it('reads the prose of the page without a table', () => {
    expect(record.sections.map((s) => s.number)).toContain(1);
    expect(record.sections.find((s) => s.number === 1)!.text).toMatch(/政府信息公开/);
  });

  it('warns about the blank page and invents nothing for it', () => {
    expect(record.warnings).toContainEqual(expect.objectContaining({ code: 'OCR_NO_TEXT', page: 2 }));
  });

  it('turns the sideways page upright, says so, and reads it', () => {
    expect(record.warnings).toContainEqual(expect.objectContaining({ code: 'OCR_PAGE_TURNED', page: 3 }));
    expect(record.sections.map((s) => s.number)).toContain(6);
  });

  it('has no table values at all: no zeros made up for pages without tables', () => {
    expect(record.template).toBe('none');
    expect(record.tables).toEqual({ activeDisclosure: null, requests: null, reviewLitigation: null });
    expect(record.checks).toEqual([]);
  });
});
