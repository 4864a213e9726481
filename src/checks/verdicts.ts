/**
 * What the hard checks (severity error: the identities and the domain check) say about each cell they name:
 * `fail` when any of them fails, else `unknown` when any is undecided, else `pass`. A cell in none is absent.
 * The auditors' tools colour and compare cells by this.
 */
import type { Check } from '../model/record.js';

export type CellVerdict = 'fail' | 'unknown' | 'pass';

const RANK: Record<CellVerdict, number> = { pass: 0, unknown: 1, fail: 2 };

export function cellVerdicts(checks: readonly Check[]): Map<string, CellVerdict> {
  const out = new Map<string, CellVerdict>();
  for (const check of checks) {
    if (check.severity !== 'error') continue;
    for (const path of check.cells) {
      const was = out.get(path);
      if (was === undefined || RANK[check.status] > RANK[was]) out.set(path, check.status);
    }
  }
  return out;
}
