/** Markup shared by the review page's views: escaping, and the button every drawn cell is. */
import type { ReviewCell } from './cells.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Document text goes into the page as text, never as markup. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** What a drawn cell says it read: the value, else its kind. */
export function shownValue(rc: ReviewCell): string {
  const { value, kind } = rc.cell;
  if (value !== null) return String(value);
  return kind === 'dash' ? '—' : kind === 'blank' ? '∅' : '?';
}

/** Colour classes: v-fail (in a failing hard check), v-unknown, v-pass, v-none; doubt for a doubtful reading. */
export function cellClasses(rc: ReviewCell): string {
  return `cell v-${rc.verdict ?? 'none'}${rc.doubtful ? ' doubt' : ''}`;
}

/** A focusable, clickable cell; `inner` is markup, `style` positions it. */
export function cellButton(rc: ReviewCell, inner: string, extraClass = '', style = ''): string {
  const verdict = rc.verdict === 'fail' ? ', in a failing check' : rc.verdict === 'unknown' ? ', in an undecided check' : '';
  const label = `${rc.path} = ${shownValue(rc)}${verdict}`;
  return (
    `<button type="button" class="${cellClasses(rc)}${extraClass ? ` ${extraClass}` : ''}" data-path="${esc(rc.path)}"` +
    `${style ? ` style="${style}"` : ''} aria-label="${esc(label)}">${inner}</button>`
  );
}

/**
 * A cell read from the same text as the cell drawn before it (a run of digits no split could be chosen for
 * names all its cells): a small button after that text, labelled by its column.
 */
export function cellChip(rc: ReviewCell): string {
  return cellButton(rc, esc(rc.path.slice(rc.path.lastIndexOf('.') + 1)), 'chip');
}
