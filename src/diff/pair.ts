/**
 * Which report of A goes with which of B. First by the input's sha256 (the same file read twice: another xxgk
 * version, a hand-corrected record), then what is left by name (the record file's name, or the stored input's
 * file name, without extension: `extract --out A a/*.pdf` and `extract --out B b/*.html` give the same
 * names). Several of one key pair in order. Two single record files are compared whatever their names.
 */
import type { NamedRecord, Side } from './load.js';

export interface Pairing {
  pairs: [NamedRecord, NamedRecord][];
  onlyA: NamedRecord[];
  onlyB: NamedRecord[];
}

export function pairReports(a: Side, b: Side): Pairing {
  if (a.single && b.single) return { pairs: [[a.records[0]!, b.records[0]!]], onlyA: [], onlyB: [] };
  const pairs: [NamedRecord, NamedRecord][] = [];
  let restA = a.records;
  let restB = b.records;
  for (const key of [(r: NamedRecord) => r.sha256, (r: NamedRecord) => r.name]) {
    const waiting = new Map<string, NamedRecord[]>();
    for (const r of restB) {
      const k = key(r);
      const list = waiting.get(k);
      if (list) list.push(r);
      else waiting.set(k, [r]);
    }
    const unpairedA: NamedRecord[] = [];
    const taken = new Set<NamedRecord>();
    for (const r of restA) {
      const match = waiting.get(key(r))?.shift();
      if (match) {
        pairs.push([r, match]);
        taken.add(match);
      } else unpairedA.push(r);
    }
    restA = unpairedA;
    restB = restB.filter((r) => !taken.has(r));
  }
  // Reports in A's order, so the output follows the first argument.
  const order = new Map(a.records.map((r, i) => [r, i]));
  pairs.sort((x, y) => order.get(x[0])! - order.get(y[0])!);
  return { pairs, onlyA: restA, onlyB: restB };
}
