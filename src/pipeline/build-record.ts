/**
 * From a normalized positioned document to the record: sections, title, template, the three tables, checks.
 * Input-kind independent: every extractor's output goes through here.
 */
import type { PositionedDocument } from '../model/document.js';
import type { Normalization, ReportRecord, Section, Warning } from '../model/record.js';
import { buildStream, type TextStream } from '../layout/stream.js';
import { keyStream, type Keyed } from '../layout/keyed.js';
import { findHeadings, type Heading } from '../sections/split.js';
import { findTitle } from '../sections/title.js';
import { rejoinParagraphs } from '../sections/paragraphs.js';
import { detectTemplate } from '../template/detect.js';
import { defaultOtherHandling } from '../template/templates.js';
import { buildActiveDisclosure } from '../tables/disclosure.js';
import { buildRequests, detectOtherHandling } from '../tables/requests.js';
import { buildReviewLitigation } from '../tables/review.js';
import type { TableContext } from '../tables/context.js';
import { unreadDisclosure, unreadRequests, unreadReview } from '../tables/unread.js';
import { proseChecks, runChecks } from '../checks/index.js';
import { repairOcrDigits } from './ocr-repair.js';

const TITLE_SEARCH_LIMIT = 6000;

export function buildRecord(doc: PositionedDocument, normalization: Normalization): ReportRecord {
  const stream = buildStream(doc.pages);
  const keyed = keyStream(stream.text);
  const { text } = stream;
  const warnings: Warning[] = [...doc.warnings];

  const headings = findHeadings(text);
  const sections = sectionsOf(text, headings);
  const titleLimit = Math.max(TITLE_SEARCH_LIMIT, headings.find((h) => h.number === 2)?.start ?? 0);
  const { title, agency, year } = findTitle(text, titleLimit, doc.metaTitle);
  const regions = tableRegions(text.length, headings);
  const template = detectTemplate(keyed, 0, text.length);
  const missing = [1, 2, 3, 4, 5, 6].filter((n) => !headings.some((h) => h.number === n));
  if (template !== 'none' && missing.length > 0) {
    warnings.push({ code: 'SECTIONS_MISSING', message: `section headings not found: ${missing.join(', ')}` });
  }
  const tables: ReportRecord['tables'] = { activeDisclosure: null, requests: null, reviewLitigation: null };
  if (template !== 'none') {
    const ctx = (r: [number, number]): TableContext => ({ stream, keyed, from: r[0], to: r[1], warnings });
    const form = detectOtherHandling(ctx(regions.t3)) ?? defaultOtherHandling(template);
    const notRead = (name: string) =>
      warnings.push({ code: 'TABLE_NOT_READ', message: `table ${name} of this ${template} report could not be read: its cells are left unread` });
    tables.activeDisclosure = buildActiveDisclosure(ctx(regions.t2), template) ?? (notRead('二 activeDisclosure'), unreadDisclosure(template));
    tables.requests = buildRequests(ctx(regions.t3), form) ?? (notRead('三 requests'), unreadRequests(form));
    tables.reviewLitigation = buildReviewLitigation(ctx(regions.t4)) ?? (notRead('四 reviewLitigation'), unreadReview());
  } else if (text.trim() !== '') {
    warnings.push({
      code: 'NO_TEMPLATE',
      message: 'no national-template tables found (a pre-2019 or free-form report): tables are null',
    });
  }
  const checks = template === 'none' ? [] : [...runChecks(template, tables), ...proseChecks(sections, tables)];

  const record: ReportRecord = {
    schemaVersion: 1,
    source: doc.source,
    title,
    agency,
    year,
    template,
    sections,
    tables,
    checks,
    normalization,
    warnings,
  };
  // OCR digit confusions (0/8, 1/7, …) repaired only where exactly one substitution restores the identities.
  return doc.source.extractor === 'pdf-ocr' ? repairOcrDigits(record).record : record;
}

function sectionsOf(text: string, headings: Heading[]): Section[] {
  return headings.map((h, i) => ({
    number: h.number,
    title: h.title,
    text: rejoinParagraphs(text.slice(h.end, headings[i + 1]?.start ?? text.length)),
  }));
}

/** Each table lives in its section; without headings, the neighbouring sections' bounds are used. */
function tableRegions(length: number, headings: Heading[]): Record<'t2' | 't3' | 't4', [number, number]> {
  const h = (n: number) => headings.find((x) => x.number === n);
  const startOf = (n: number) => h(n)?.end;
  const endBefore = (n: number) => {
    for (let k = n; k <= 6; k++) {
      const s = h(k)?.start;
      if (s !== undefined) return s;
    }
    return length;
  };
  const t2: [number, number] = [startOf(2) ?? 0, endBefore(3)];
  const t3: [number, number] = [startOf(3) ?? t2[0], endBefore(4)];
  const t4: [number, number] = [startOf(4) ?? t3[1], endBefore(5)];
  return { t2, t3, t4 };
}

export type { TextStream, Keyed };
