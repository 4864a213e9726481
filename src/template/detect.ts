/**
 * Which national format the tables follow (report-format.md §1): the 表二 column headers decide; the
 * 第二十条第（九）项 caption and the （六） sub-rows are fallbacks. The year is not used: some agencies keep
 * the old table after 2021.
 */
import { findKey, type Keyed } from '../layout/keyed.js';
import { labelKey } from './labelKey.js';
import { TEMPLATE_MARKERS, type TemplateId } from './templates.js';

export function detectTemplate(keyed: Keyed, from: number, to: number): TemplateId | 'none' {
  let best: { id: TemplateId; at: number } | undefined;
  for (const [id, markers] of Object.entries(TEMPLATE_MARKERS) as [TemplateId, string[]][]) {
    for (const m of markers) {
      const hit = findKey(keyed, labelKey(m), from, to);
      if (hit && (!best || hit.start < best.at)) best = { id, at: hit.start };
    }
  }
  if (best) return best.id;
  if (findKey(keyed, labelKey('第二十条第（九）项'), from, to)) return 'gb2019';
  if (findKey(keyed, labelKey('逾期不补正'), from, to)) return 'gb2021';
  return 'none';
}
