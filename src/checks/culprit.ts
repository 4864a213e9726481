/**
 * One wrong cell of table 三 breaks its row total and a column identity by the same amount; when exactly one
 * cell explains a row failure and a column failure, it is named on both so a reader knows where to look.
 */
import { cellPath } from './cells.js';
import { appendMessage, EPS, isExactFail, type Evaluated } from './evaluate.js';

interface Candidate {
  row: string;
  col: string;
  path: string;
  checks: Evaluated[];
}

export function nameCulprits(evaluated: readonly Evaluated[]): void {
  const fails = evaluated.filter(isExactFail);
  const rowFails = fails.filter((e) => e.identity.family === 'T3-ROW-TOTAL');
  const colFails = fails.filter((e) => e.identity.family === 'T3-BALANCE' || e.identity.family === 'T3-RESULT-SUM');

  const candidates = new Map<string, Candidate>();
  for (const rowCheck of rowFails) {
    for (const colCheck of colFails) {
      const row = rowCheck.identity.key;
      const col = colCheck.identity.key;
      const path = cellPath('requests', row, col);
      // Signs differ by the cell's role (a leaf counts on the right, 总计 on the left), so compare magnitudes.
      if (Math.abs(Math.abs(rowCheck.check.delta!) - Math.abs(colCheck.check.delta!)) >= EPS) continue;
      if (!colCheck.check.cells.includes(path)) continue;
      const c = candidates.get(path) ?? { row, col, path, checks: [rowCheck] };
      c.checks.push(colCheck);
      candidates.set(path, c);
    }
  }

  const list = [...candidates.values()];
  for (const c of list) {
    // A second candidate in the same row or column means the failures do not single out one cell.
    if (list.some((o) => o !== c && (o.row === c.row || o.col === c.col))) continue;
    for (const e of c.checks) {
      e.check.culprit = c.path;
      e.check.message = appendMessage(e.check.message, `probable culprit: ${c.path}`);
    }
  }
}
