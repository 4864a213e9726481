/** What each part of the benchmark needs on the machine, checked before anything is timed. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..', '..');

export type Part = 'text' | 'ocr' | 'ingest' | 'queue';

interface Need {
  ok: () => boolean;
  /** One line: what is missing and how to get it. */
  missing: string;
}

const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

const NEEDS: Record<string, Need> = {
  pdftotext: { ok: () => runs('pdftotext', ['-v']), missing: 'pdftotext not found: apt-get install -y poppler-utils' },
  tesseract: { ok: () => runs('tesseract', ['--version']), missing: 'tesseract not found: apt-get install -y tesseract-ocr' },
  time: { ok: () => existsSync('/usr/bin/time'), missing: '/usr/bin/time not found: apt-get install -y time' },
  xargs: { ok: () => runs('xargs', ['--version']), missing: 'xargs not found: apt-get install -y findutils' },
  redis: { ok: () => runs('redis-server', ['--version']), missing: 'redis-server not found: apt-get install -y redis-server' },
  dist: {
    ok: () => existsSync(path.join(ROOT, 'dist', 'src', 'pipeline', 'extract.js')) && existsSync(path.join(ROOT, 'dist', 'src', 'ingest', 'worker.js')),
    missing: 'the built package (dist/) is missing: npm run build',
  },
};

const PART_NEEDS: Record<Part, string[]> = {
  text: ['dist', 'pdftotext', 'time'],
  ocr: ['tesseract', 'time'],
  ingest: ['dist', 'pdftotext', 'time', 'xargs'],
  queue: ['dist', 'redis'],
};

/** The one-line messages for whatever the given parts need and the machine lacks (empty when all is there). */
export function missingFor(parts: Part[]): string[] {
  const names = [...new Set(parts.flatMap((p) => PART_NEEDS[p]))];
  return names.filter((n) => !NEEDS[n]!.ok()).map((n) => NEEDS[n]!.missing);
}
