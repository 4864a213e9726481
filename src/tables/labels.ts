/**
 * Finding a table's row labels in reading order. A label is found by its body (the words after its ordinal);
 * its start is then moved back over the ordinal and any group labels printed before it, so the value
 * region of the row above ends exactly where this row's label begins, even when digits run into it
 * (…2200003252.没有现成信息… ends the row above at …220000325).
 */
import { findKey, keyIndexAt, type Keyed } from '../layout/keyed.js';
import { labelKey } from '../template/labelKey.js';

export interface LabelSpec {
  key: string;
  /** Printed label, with its ordinal. */
  label: string;
  /** Other printed forms (without ordinal handling). */
  aliases?: string[];
  /** Labels that may stand right before this one (group labels), outermost first. */
  before?: string[];
}

export interface Located {
  key: string;
  /** Stream offset where the label, with ordinal and group labels, starts. */
  start: number;
  /** Stream offset right after the label. */
  end: number;
}

const CN_ORDINAL = /^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)/u;
const DIGIT_ORDINAL = /^(\d+)\s*[.、．]/u;
/** A parenthesized note after a label: optional when matching (（区分处理的，只计这一情形，不计其他情形）). */
const NOTE = /（[^（）]*）$/u;

const OPENING = new Set([...'（(“‘"\'']);
const CLOSING = new Set([...'）)”’"\'：:']);

interface Parsed {
  body: string;
  note?: string;
  cnOrdinal?: string;
  digitOrdinal?: string;
}

function parse(label: string): Parsed {
  const cn = CN_ORDINAL.exec(label);
  const dg = DIGIT_ORDINAL.exec(label);
  let rest = label.slice(cn ? cn[0].length : dg ? dg[0].length : 0);
  const note = NOTE.exec(rest);
  if (note && note.index > 0) rest = rest.slice(0, note.index);
  return {
    body: labelKey(rest),
    ...(note && note.index > 0 ? { note: labelKey(note[0]) } : {}),
    ...(cn ? { cnOrdinal: labelKey(cn[0]) } : {}),
    ...(dg ? { digitOrdinal: dg[1] } : {}),
  };
}

/**
 * Locate each label in order between stream offsets [from, to). A label not found is left out; the
 * search for the next one continues from the last label found.
 */
export function locateLabels(text: string, keyed: Keyed, specs: LabelSpec[], from: number, to: number): Located[] {
  const out: Located[] = [];
  let at = from;
  for (const spec of specs) {
    const hit = locateOne(text, keyed, spec, at, to);
    if (!hit) continue;
    out.push(hit);
    at = hit.end;
  }
  return out;
}

function locateOne(text: string, keyed: Keyed, spec: LabelSpec, from: number, to: number): Located | undefined {
  const p = parse(spec.label);
  const bodies = [p.body, ...(spec.aliases ?? []).map(labelKey)];
  let best: { found: NonNullable<ReturnType<typeof findKey>>; body: string } | undefined;
  for (const body of bodies) {
    const found = findKey(keyed, body, from, to);
    if (found && (!best || found.start < best.found.start)) best = { found, body };
  }
  if (!best) return undefined;
  let end = best.found.end;
  if (p.note && keyed.key.startsWith(p.note, best.found.kEnd)) end = keyed.pos[best.found.kEnd + p.note.length - 1]! + 1;

  let start = best.found.start;
  if (p.digitOrdinal) start = backOverDigitOrdinal(text, start, p.digitOrdinal, from);
  else if (p.cnOrdinal) start = backOverKey(keyed, start, p.cnOrdinal, from);
  for (const group of [...(spec.before ?? [])].reverse()) start = backOverKey(keyed, start, labelKey(group), from);
  // Group labels may be printed in one order or the other; try the outer ones once more.
  for (const group of [...(spec.before ?? [])].reverse()) start = backOverKey(keyed, start, labelKey(group), from);
  // Brackets and quotes belong to the label, not to the values around it.
  while (start > from && OPENING.has(text[start - 1]!)) start--;
  while (end < to && CLOSING.has(text[end]!)) end++;
  return { key: spec.key, start, end };
}

/** Move `start` back over `2.` / `2、` right before it (the digit may follow a run of values). */
function backOverDigitOrdinal(text: string, start: number, ordinal: string, floor: number): number {
  let i = start;
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  if (i <= floor || !/[.、．]/.test(text[i - 1]!)) return start;
  i--;
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  const s = i - ordinal.length;
  if (s >= floor && text.slice(s, i) === ordinal) return s;
  return start;
}

/** Move `start` back over a label whose key ends right before it in the key stream. */
function backOverKey(keyed: Keyed, start: number, key: string, floor: number): number {
  const k = keyIndexAt(keyed, start);
  const s = k - key.length;
  if (s < 0 || keyed.pos[s]! < floor) return start;
  return keyed.key.slice(s, k) === key ? keyed.pos[s]! : start;
}
