/**
 * Finding a table's row labels in reading order. A label is found by its body (the words after its ordinal);
 * its start is then moved back over the ordinal and any group labels printed before it, so the value
 * region of the row above ends exactly where this row's label begins, even when digits run into it
 * (…2200003252.没有现成信息… ends the row above at …220000325).
 */
import { findKey, keyIndexAt, keyStream, type Keyed } from '../layout/keyed.js';
import { isKeyNoise, labelKey } from '../template/labelKey.js';

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
  /**
   * A label wrapped with its values on its first line (（二）部分公开（区分处理的，只计这一情 56 9 0 / 形，不计
   * 其他情形）): the stretch of stream holding the values, inside [start, end).
   */
  values?: { start: number; end: number };
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
  const found: (Located | undefined)[] = [];
  let valueless: Keyed | undefined;
  const valuelessView = () => (valueless ??= keyStream(text, isValueChar));
  let at = from;
  for (const spec of specs) {
    const hit = locateOne(text, keyed, valuelessView, spec, at, to) ?? locateAcrossValues(text, valuelessView(), spec, at, to);
    found.push(hit);
    if (hit) at = hit.end;
  }
  // A label printed with a typo (其他法律行政止公开) is looked for again, loosely, between its neighbours.
  specs.forEach((spec, i) => {
    if (found[i]) return;
    const lo = found.slice(0, i).reverse().find(Boolean)?.end ?? from;
    const hi = found.slice(i + 1).find(Boolean)?.start ?? to;
    found[i] = locateLoosely(text, keyed, spec, lo, hi);
  });
  return found.filter((l): l is Located => l !== undefined);
}

const MIN_LOOSE = 4;

/**
 * The longest start (or end) of the label's body, at least four characters, within [from, to); the label
 * then runs to the first value after it.
 */
function locateLoosely(text: string, keyed: Keyed, spec: LabelSpec, from: number, to: number): Located | undefined {
  const p = parse(spec.label);
  const { body } = p;
  for (let len = body.length - 1; len >= MIN_LOOSE; len--) {
    for (const part of [body.slice(0, len), body.slice(body.length - len)]) {
      const hit = findKey(keyed, part, from, to);
      if (!hit) continue;
      let end = hit.end;
      while (end < to && !/[\d—–\-/／]/u.test(text[end]!)) end++;
      const start = part === body.slice(0, len) ? labelStart(text, keyed, spec, p, hit.start, from) : hit.start;
      return { key: spec.key, start, end };
    }
  }
  return undefined;
}

function locateOne(
  text: string,
  keyed: Keyed,
  valuelessView: () => Keyed,
  spec: LabelSpec,
  from: number,
  to: number,
): Located | undefined {
  const p = parse(spec.label);
  const bodies = [p.body, ...(spec.aliases ?? []).map(labelKey)];
  let best: { found: NonNullable<ReturnType<typeof findKey>>; body: string } | undefined;
  for (const body of bodies) {
    const found = findKey(keyed, body, from, to);
    if (found && (!best || found.start < best.found.start)) best = { found, body };
  }
  if (!best) return undefined;
  const start = labelStart(text, keyed, spec, p, best.found.start, from);
  const end = afterNote(keyed, best.found.kEnd, p.note) ?? best.found.end;
  if (p.note && end === best.found.end) {
    // The note may be the part that wraps after the row's values.
    const valueless = valuelessView();
    const note = findKey(valueless, p.note, end, to);
    const values = note && keyIndexAt(valueless, end) === note.kStart ? valuesInside(text, valueless, note.kStart - 1, note.kEnd) : undefined;
    if (note && values) return { key: spec.key, start, end: closeLabel(text, note.end, to), values };
  }
  return { key: spec.key, start, end: closeLabel(text, end, to) };
}

/** Stream offset after a label's note when the key continues with it right at `kEnd`. */
function afterNote(keyed: Keyed, kEnd: number, note: string | undefined): number | undefined {
  return note && keyed.key.startsWith(note, kEnd) ? keyed.pos[kEnd + note.length - 1]! + 1 : undefined;
}

/** A closing quote or bracket belongs to the label, even set apart by a space (危及 “ 三安全一稳定 ”). */
function closeLabel(text: string, end: number, to: number): number {
  for (let j = end; j < to && (CLOSING.has(text[j]!) || /\s/u.test(text[j]!)); j++) if (CLOSING.has(text[j]!)) end = j + 1;
  return end;
}

/** Characters of printed values: a label's key with these dropped reads on across a row's values. */
function isValueChar(ch: string): boolean {
  return /[0-9０-９\-—–－/／%]/u.test(ch);
}

/**
 * A label whose body is cut by its row's values (（六）其他处理1.申请人无正当理由逾期不 45 4 0 / 补正、…):
 * found in the key view without value characters, the values being the cut.
 */
function locateAcrossValues(text: string, valueless: Keyed, spec: LabelSpec, from: number, to: number): Located | undefined {
  const p = parse(spec.label);
  const found = findKey(valueless, p.body, from, to);
  if (!found) return undefined;
  const values = valuesInside(text, valueless, found.kStart, found.kEnd);
  if (!values) return undefined;
  const end = afterNote(valueless, found.kEnd, p.note) ?? found.end;
  return { key: spec.key, start: labelStart(text, valueless, spec, p, found.start, from), end: closeLabel(text, end, to), values };
}

/** The first gap between key characters [kFrom, kTo) that holds a digit: the values printed inside a label. */
function valuesInside(text: string, keyed: Keyed, kFrom: number, kTo: number): { start: number; end: number } | undefined {
  for (let k = kFrom; k + 1 < kTo; k++) {
    let a = keyed.pos[k]! + 1;
    const b = keyed.pos[k + 1]!;
    if (b <= a || !/[0-9０-９]/u.test(text.slice(a, b))) continue;
    // Punctuation closing the label's first line (费用、) is not a value.
    while (a < b && isKeyNoise(text[a]!) && !/\s/u.test(text[a]!)) a++;
    return { start: a, end: b };
  }
  return undefined;
}

/** Where a label begins: before its ordinal, its group labels and its opening bracket. */
function labelStart(text: string, keyed: Keyed, spec: LabelSpec, p: Parsed, bodyStart: number, from: number): number {
  let start = bodyStart;
  if (p.digitOrdinal) start = backOverDigitOrdinal(text, start, p.digitOrdinal, from);
  else if (p.cnOrdinal) start = backOverKey(keyed, start, p.cnOrdinal, from);
  // Group labels may be printed in one order or the other, so the outer ones are tried twice.
  const groups = [...(spec.before ?? [])].reverse();
  for (const group of [...groups, ...groups]) start = backOverKey(keyed, start, labelKey(group), from);
  // Brackets and quotes belong to the label, not to the values around it.
  while (start > from && OPENING.has(text[start - 1]!)) start--;
  return start;
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
