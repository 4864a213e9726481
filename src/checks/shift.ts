/**
 * Column shifts: a value read into the neighbouring column leaves both column identities off by the same amount
 * with opposite signs. Confidently read cells do not make that a fault of the document, so such failures are
 * `undetermined` rather than `source`.
 */
import { REQUEST_COLUMNS } from '../template/templates.js';
import { appendMessage, EPS, isExactFail, type Evaluated } from './evaluate.js';
import type { Family } from './identities.js';

const COLUMN_FAMILIES: readonly Family[] = ['T3-BALANCE', 'T3-RESULT-SUM'];

export function markColumnShifts(evaluated: readonly Evaluated[]): void {
  for (const family of COLUMN_FAMILIES) {
    const byColumn = new Map(
      evaluated.filter((e) => e.identity.family === family).map((e) => [e.identity.key, e] as const),
    );
    for (let i = 0; i + 1 < REQUEST_COLUMNS.length; i++) {
      const a = byColumn.get(REQUEST_COLUMNS[i]!.key);
      const b = byColumn.get(REQUEST_COLUMNS[i + 1]!.key);
      if (!a || !b || !isExactFail(a) || !isExactFail(b)) continue;
      const da = a.check.delta ?? 0;
      const db = b.check.delta ?? 0;
      if (Math.abs(da + db) >= EPS) continue;
      for (const [e, other] of [
        [a, b],
        [b, a],
      ] as const) {
        // An uncertain cell already explains the failure; only confident readings are in doubt here.
        if (e.check.origin !== 'source') continue;
        e.check.origin = 'undetermined';
        e.check.message = appendMessage(
          e.check.message,
          `looks like a column shift: ${other.check.id} fails by ${other.check.delta}`,
        );
      }
    }
  }
}
