/** The same report in other encodings gives the same record, apart from what describes the bytes. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../src/pipeline/extract.js';
import { toJson } from '../src/writers/json.js';
import { readSample } from './helpers/samples.js';

const NAME = 'pingchangguan-2022.txt';

async function recordWithout(bytes: Uint8Array): Promise<{ json: string; encoding?: string; sha256: string }> {
  const r = await extractRecord(bytes, NAME);
  const { encoding, sha256 } = r.source;
  const rest = { ...r, source: { ...r.source, encoding: undefined, sha256: '' } };
  return { json: toJson(rest), ...(encoding ? { encoding } : {}), sha256 };
}

describe('the seed re-encoded', () => {
  const utf8 = readSample(NAME);
  const text = utf8.toString('utf8');

  it.each([
    ['gb18030', iconv.encode(text, 'gb18030')],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ])('as %s gives a byte-identical record apart from source.encoding and sha256', async (encoding, bytes) => {
    expect(iconv.decode(bytes, encoding === 'gb18030' ? 'gb18030' : 'utf16le').replace(/^\ufeff/, '')).toBe(text);
    const base = await recordWithout(utf8);
    const other = await recordWithout(bytes);
    expect(base.encoding).toBe('utf-8');
    expect(other.encoding).toBe(encoding);
    expect(other.sha256).not.toBe(base.sha256);
    expect(other.json).toBe(base.json);
  });
});
