/**
 * A small seeded PRNG (mulberry32) with the draws the generator needs. Every random choice of the generator
 * goes through one of these, so a seed reproduces a corpus exactly.
 */

export class Rng {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  /** A derived, independent generator (for one report, one table, ...). */
  fork(label: string | number): Rng {
    return new Rng(hashString(`${this.state}:${label}`));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of options) {
      x -= w;
      if (x < 0) return v;
    }
    return options[options.length - 1]![0];
  }

  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A log-uniform integer in [lo, hi] (lo ≥ 1): realistic for counts spanning orders of magnitude. */
  logInt(lo: number, hi: number): number {
    const x = Math.exp(Math.log(lo) + this.next() * (Math.log(hi + 1) - Math.log(lo)));
    return Math.min(hi, Math.max(lo, Math.floor(x)));
  }

  /**
   * Splits `n` into `weights.length` non-negative integers summing to `n`, each part drawn in proportion to
   * its weight (a multinomial draw, exact for small n, approximated by rounding for large n).
   */
  split(n: number, weights: readonly number[]): number[] {
    const out = weights.map(() => 0);
    const total = weights.reduce((s, w) => s + w, 0);
    if (n <= 0 || total <= 0) return out;
    if (n <= 200) {
      for (let k = 0; k < n; k++) {
        let x = this.next() * total;
        let i = 0;
        for (; i < weights.length - 1; i++) {
          x -= weights[i]!;
          if (x < 0) break;
        }
        out[i]!++;
      }
      return out;
    }
    // Large n: jittered proportional shares, remainder to the heaviest part.
    let left = n;
    let heaviest = 0;
    weights.forEach((w, i) => {
      if (w > weights[heaviest]!) heaviest = i;
    });
    weights.forEach((w, i) => {
      if (i === heaviest) return;
      const share = Math.floor((n * w * (0.7 + 0.6 * this.next())) / total);
      const v = Math.min(left, share);
      out[i] = v;
      left -= v;
    });
    out[heaviest] = left;
    return out;
  }
}

export function hashString(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  // final avalanche
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
