/**
 * The review page: one self-contained HTML file (images inlined as data: URIs, style and script inline, a
 * Content-Security-Policy that forbids every fetch), the document on the left with every cell drawn where
 * it was read, the checks on the right.
 */
import type { ReportRecord } from '../model/record.js';
import type { ReviewCell } from './cells.js';
import { REVIEW_JS } from './client.js';
import { cellButton, esc, shownValue } from './markup.js';
import { REVIEW_CSS } from './style.js';

export interface ReviewView {
  /** The document drawn: page images, grids or text. */
  html: string;
  /** The cells drawn in it; the others are listed beside it. */
  placed: Set<ReviewCell>;
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 } as const;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function reviewPage(record: ReportRecord, cells: ReviewCell[], view: ReviewView): string {
  const failing = record.checks.filter((c) => c.severity === 'error' && c.status === 'fail');
  const title = record.title ?? record.source.path;
  const src = record.source;
  const data = {
    source: src,
    checks: record.checks,
    cells: cells.map((rc) => ({ path: rc.path, ...rc.cell, verdict: rc.verdict, doubtful: rc.doubtful, checks: rc.checks })),
  };
  const notDrawn = cells.filter((rc) => !view.placed.has(rc));
  const blanks = notDrawn.filter((rc) => rc.cell.kind === 'blank');
  const unplaced = notDrawn.filter((rc) => rc.cell.kind !== 'blank');
  // Failures first (hard before soft), then undecided, then passes: what an auditor looks at first.
  const ordered = record.checks
    .map((c, i) => ({ c, i }))
    .sort((x, y) => STATUS_ORDER[x.c.status] - STATUS_ORDER[y.c.status] || SEVERITY_ORDER[x.c.severity] - SEVERITY_ORDER[y.c.severity] || x.i - y.i)
    .map((x) => x.c);
  const checkItems = ordered.map((c) => {
    // Soft checks failing are findings, not errors: their own, quieter colour.
    const v = c.severity === 'error' ? c.status : c.status === 'fail' ? 'soft' : 'pass';
    const sums = c.left !== null || c.right !== null ? `${c.left ?? '?'} vs ${c.right ?? '?'}` : '';
    return (
      `<li><button type="button" class="check v-${v}" data-check="${esc(c.id)}" aria-pressed="false">` +
      `<span class="status">${c.status}</span><span class="id">${esc(c.id)}</span>` +
      `<span class="sums">${esc(c.severity)}${c.origin ? `, ${esc(c.origin)}` : ''}${sums ? `: ${esc(sums)}` : ''}</span></button></li>`
    );
  });
  const placedCount = cells.length - notDrawn.length;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`review: ${title}`)}</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p>${esc(src.path)} · ${esc(src.extractor)}${src.pages ? ` · ${src.pages} pages` : ''}${src.ocrPages?.length ? ` · OCR pages ${src.ocrPages.join(', ')}` : ''} · template ${esc(record.template)} · sha256 ${esc(src.sha256.slice(0, 12))}…</p>
<p>${placedCount} of ${cells.length} cells drawn · ${failing.length} failing hard check${failing.length === 1 ? '' : 's'}${failing.length ? `: ${failing.map((c) => esc(c.id)).join(', ')}` : ''}</p>
<div class="legend"><span><span class="swatch v-fail"></span>in a failing check</span><span><span class="swatch v-unknown"></span>in an undecided check</span><span><span class="swatch v-pass"></span>checks pass</span><span><span class="swatch v-none"></span>in no check</span><span><span class="swatch doubt"></span>doubtful reading (dashed)</span><span><span class="swatch lit"></span>selected</span><label><input type="checkbox" id="show-tags" checked> values beside boxes</label></div>
</header>
<main class="layout">
<!-- The checks come first in the document, so Tab reaches them before the hundreds of cells; CSS puts them on the right. -->
<aside class="side" aria-label="checks and details">
<div id="details" aria-live="polite"><h3>Select a check or a cell</h3><p>Click (or Tab to it and press Enter) a check to light its cells; a cell to see how it was read. Escape clears.</p></div>
<h2>Checks (${record.checks.length})</h2>
<ol class="checks">${checkItems.join('')}</ol>
${unplaced.length ? `<h2>Cells without a position (${unplaced.length})</h2><div class="undrawn">${unplaced.map((rc) => cellButton(rc, `${esc(rc.path)} = ${esc(shownValue(rc))}`)).join('')}</div>` : ''}
${blanks.length ? `<p>${blanks.length} blank cell${blanks.length === 1 ? '' : 's'} (printed empty: nothing to draw).</p>` : ''}
${record.warnings.length ? `<h2>Warnings (${record.warnings.length})</h2><ul class="warnings">${record.warnings.map((w) => `<li><code>${esc(w.code)}</code>${w.page ? ` p.${w.page}` : ''}: ${esc(w.message)}</li>`).join('')}</ul>` : ''}
</aside>
<section class="doc" aria-label="the document, every value where it was read">
${view.html}
</section>
</main>
<script type="application/json" id="review-data">${scriptJson(data)}</script>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

/** JSON inside <script>: no `</script>` or `<!--` can close or confuse it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
