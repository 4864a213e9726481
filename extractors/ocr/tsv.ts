/** Tesseract's TSV output: level-5 rows are words with block, paragraph and line numbers, a box and a confidence. */
import type { Rect } from './grid.js';

export interface TsvWord extends Rect {
  text: string;
  confidence: number;
}

/** Level-5 rows (words) of tesseract's TSV, in reading order. */
export function parseTsvWords(tsv: string): TsvWord[] {
  const out: TsvWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = (f[11] ?? '').trim();
    if (text === '') continue;
    const left = Number(f[6]);
    const top = Number(f[7]);
    out.push({ text, confidence: Number(f[10]), x0: left, y0: top, x1: left + Number(f[8]), y1: top + Number(f[9]) });
  }
  return out;
}

export interface TsvLine extends Rect {
  words: string[];
  confidence: number;
}

/** Tesseract's TSV: level 5 rows are words with block, paragraph and line numbers, a box and a confidence. */
export function parseTsvLines(tsv: string): TsvLine[] {
  const lines = new Map<string, TsvLine & { confs: number[] }>();
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = (f[11] ?? '').trim();
    if (text === '') continue;
    const key = `${f[2]}|${f[3]}|${f[4]}`;
    const left = Number(f[6]);
    const top = Number(f[7]);
    const w = Number(f[8]);
    const h = Number(f[9]);
    const conf = Number(f[10]);
    const line = lines.get(key) ?? { x0: left, y0: top, x1: left + w, y1: top + h, words: [], confidence: 0, confs: [] };
    line.x0 = Math.min(line.x0, left);
    line.y0 = Math.min(line.y0, top);
    line.x1 = Math.max(line.x1, left + w);
    line.y1 = Math.max(line.y1, top + h);
    line.words.push(text);
    line.confs.push(conf);
    lines.set(key, line);
  }
  return [...lines.values()].map(({ confs, ...l }) => ({ ...l, confidence: confs.reduce((a, b) => a + b, 0) / confs.length }));
}

