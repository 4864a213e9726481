/**
 * `xxgk diff` output. Text: per report that differs, a table of path, A, B (cells, then identities), then
 * one summary line. JSON: the same as one object. Equal inputs print nothing in either format, like diff.
 */
import type { CellState, CellDifference } from './compare.js';
import type { DiffResult } from './diff.js';
import type { NamedRecord } from './load.js';

export function diffText(r: DiffResult): string {
  const out: string[] = [];
  for (const rep of r.reports) {
    out.push(`A ${rep.a.from}`, `B ${rep.b.from}`);
    const rows: [string, string, string][] = [['path', 'A', 'B']];
    for (const c of rep.cells) rows.push([c.path, ...cellTexts(c)]);
    for (const i of rep.identities) rows.push([`${i.id} (identity)`, i.a ?? 'absent', i.b ?? 'absent']);
    out.push(...columns(rows).map((l) => `  ${l}`), '');
  }
  for (const x of r.onlyA) out.push(`only in A: ${x.from}`);
  for (const x of r.onlyB) out.push(`only in B: ${x.from}`);
  if (r.onlyA.length + r.onlyB.length > 0) out.push('');
  out.push(
    `summary: ${plural(r.compared, 'report')} compared, ${r.reports.length} differing; ` +
      `${plural(r.cellsDiffering, 'cell')} differ${r.cellsDiffering === 1 ? 's' : ''}; ` +
      `${plural(r.identitiesChanged, 'identity', 'identities')} changed status` +
      (r.onlyA.length + r.onlyB.length > 0 ? `; ${r.onlyA.length} only in A, ${r.onlyB.length} only in B` : ''),
  );
  return out.join('\n') + '\n';
}

export function diffJson(r: DiffResult): string {
  const who = (x: NamedRecord) => ({ name: x.name, from: x.from, path: x.path, sha256: x.sha256 });
  return (
    JSON.stringify(
      {
        reports: r.reports.map((rep) => ({ a: who(rep.a), b: who(rep.b), cells: rep.cells, identities: rep.identities })),
        onlyInA: r.onlyA.map(who),
        onlyInB: r.onlyB.map(who),
        summary: {
          reportsCompared: r.compared,
          reportsDiffering: r.reports.length,
          cellsDiffering: r.cellsDiffering,
          identitiesChanged: r.identitiesChanged,
          onlyInA: r.onlyA.length,
          onlyInB: r.onlyB.length,
        },
      },
      null,
      2,
    ) + '\n'
  );
}

/** A cell as `12`, `blank`, `dash`, `text` or `absent`; its identities' verdict only when that is what differs. */
function cellTexts(c: CellDifference): [string, string] {
  const showChecks = (c.a?.checks ?? null) !== (c.b?.checks ?? null) && c.a !== null && c.b !== null;
  return [cellText(c.a, showChecks), cellText(c.b, showChecks)];
}

function cellText(s: CellState | null, showChecks: boolean): string {
  if (s === null) return 'absent';
  let t = s.value === null ? s.kind : s.kind === 'number' ? String(s.value) : `${s.value} (${s.kind})`;
  if (showChecks) t += ` [${s.checks ?? 'no identity'}]`;
  return t;
}

/** Left-aligned columns, two spaces apart, by character count (paths and values are ASCII). */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
