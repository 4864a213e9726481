/**
 * Reading printed values out of a stretch of text: numbers (with thousands separators, decimals, a sign,
 * a unit) and dashes, until the first other text. Whitespace always separates cells; a run of digits may
 * still hold several cells (crawled pages run neighbouring cells together), which split-runs resolves.
 */
export interface ValueToken {
  /** As printed. */
  text: string;
  start: number;
  end: number;
  kind: 'number' | 'dash';
  /** The number without separators, sign or unit ("1234.5"); for numbers only. */
  digits?: string;
  sign?: '+' | '-';
  unit?: string;
  /** Printed with thousands separators: one cell, never split. */
  grouped?: boolean;
}

const NUMBER = /^([+\-－]?)(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|元|件|条|个|项|次|%)?/u;
const DASH = /^(?:[—–－\-]{1,4}|[/／]|无|不适用)/u;
/** Markdown pipes separate cells like whitespace does. */
const SPACE = /[\s\u3000\u00a0|]/u;

export interface ReadValues {
  tokens: ValueToken[];
  /** Stream offset where reading stopped (the first non-value text, or `to`). */
  stop: number;
}

export function readValues(text: string, from: number, to: number): ReadValues {
  const tokens: ValueToken[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i, Math.min(to, i + 64));
    const num = NUMBER.exec(rest);
    if (num) {
      const [all, sign, body, unit] = num;
      tokens.push({
        text: all,
        start: i,
        end: i + all.length,
        kind: 'number',
        digits: body!.replace(/[,，]/g, ''),
        ...(sign ? { sign: sign === '+' ? '+' : '-' } : {}),
        ...(unit ? { unit } : {}),
        ...(/[,，]/.test(body!) ? { grouped: true } : {}),
      });
      i += all.length;
      continue;
    }
    const dash = DASH.exec(rest);
    if (dash) {
      tokens.push({ text: dash[0], start: i, end: i + dash[0].length, kind: 'dash' });
      i += dash[0].length;
      continue;
    }
    return { tokens, stop: i };
  }
  return { tokens, stop: to };
}
