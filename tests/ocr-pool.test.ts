/**
 * The OCR worker pool hands a worker several jobs ahead of its answers (engine.ts DEPTH). A job that fails
 * restarts its worker; the jobs that were waiting in that worker must still be run, by the new one.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { OcrPool } from '../extractors/ocr/engine.js';
import { toPgm } from '../extractors/ocr/image.js';

describe('OCR pool', () => {
  const pool = new OcrPool(1);
  afterAll(() => pool.terminate());

  it('fails only the broken job; the jobs queued behind it in the same worker are read by its successor', async () => {
    const blank = toPgm({ width: 200, height: 60, data: new Uint8Array(200 * 60).fill(255) });
    const truncated = new Uint8Array([0x50, 0x35, 0x0a, 1, 2, 3]); // "P5\n" and no header: not an image
    pool.warm();
    const settled = await Promise.allSettled([
      pool.run({ image: blank, psm: '7', dpi: 300 }),
      pool.run({ image: truncated, psm: '7', dpi: 300 }),
      pool.run({ image: blank, psm: '7', whitelist: '0123456789', dpi: 300 }),
      pool.run({ image: blank, psm: '6', dpi: 300 }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(settled.filter((s) => s.status === 'fulfilled').map((s) => s.value.text.trim())).toEqual(['', '', '']);
    expect(pool.stats.jobs).toBe(6); // the two jobs behind the broken one went to a worker twice
    expect(pool.stats.workersStarted).toBe(2);
  }, 60_000);
});
