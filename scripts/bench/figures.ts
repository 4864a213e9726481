/** The closing table of `npm run bench`: one row per figure, xxgk beside its reference, the ratio and its target. */
import { conditions, type Conditions } from './measure.js';

export interface Figure {
  part: 'text layer' | 'OCR' | 'ingest';
  what: string;
  xxgk: string;
  reference: string;
  /** xxgk against the reference, as the target states it. */
  ratio?: number;
  /** e.g. { op: '<=', value: 1.5 } */
  target?: { op: '<=' | '>='; value: number };
  when: Conditions;
}

export function met(f: Figure): boolean | undefined {
  if (f.ratio === undefined || f.target === undefined) return undefined;
  return f.target.op === '<=' ? f.ratio <= f.target.value : f.ratio >= f.target.value;
}

export function formatFigures(figures: Figure[]): string {
  const head = ['part', 'measurement', 'xxgk', 'reference', 'ratio', 'target', 'conditions'];
  const rows = figures.map((f) => {
    const verdict = met(f);
    return [
      f.part,
      f.what,
      f.xxgk,
      f.reference,
      f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`,
      f.target === undefined ? '' : `${f.target.op === '<=' ? '≤' : '≥'} ${f.target.value}${verdict === undefined ? '' : verdict ? ' met' : ' MISSED'}`,
      conditions(f.when),
    ];
  });
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** Conditions spanning several measurements: the first load before, the last after, the largest share taken by others. */
export function spanning(parts: Conditions[]): Conditions {
  return {
    loadBefore: parts[0]!.loadBefore,
    loadAfter: parts.at(-1)!.loadAfter,
    othersShare: Math.max(...parts.map((p) => (Number.isNaN(p.othersShare) ? 0 : p.othersShare))),
  };
}
