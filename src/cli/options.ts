/** Option values shared by the commands. */

/** A positive integer written in digits, or undefined. */
export function positiveInt(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}
