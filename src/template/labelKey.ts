/**
 * Label keys: how printed labels are compared. Reports vary spacing, bracket width and list punctuation
 * (report-format.md, intro), so labels are matched on this key, never on exact strings.
 */
const NOISE = new Set([...'()（）“”"\'‘’、，,。.．:：\u3000 \t\n\r\f\v\u00a0']);

/** True for the characters labelKey drops. */
export function isKeyNoise(ch: string): boolean {
  return NOISE.has(ch);
}

export function labelKey(text: string): string {
  let out = '';
  for (const ch of text) if (!NOISE.has(ch)) out += ch;
  return out;
}
