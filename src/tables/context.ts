import type { Keyed } from '../layout/keyed.js';
import type { TextStream } from '../layout/stream.js';
import type { Warning } from '../model/record.js';

/** What a table builder reads: the stream, its key view, and the stretch [from, to) holding the table. */
export interface TableContext {
  stream: TextStream;
  keyed: Keyed;
  from: number;
  to: number;
  warnings: Warning[];
}

export function cellPaths(prefix: string, keys: readonly string[]): string[] {
  return keys.map((k) => `${prefix}.${k}`);
}
