/**
 * Builds samples/generated/html/pingtan-2023-gbk.html: the saved Pingtan 2023 page (UTF-8) re-encoded as GBK,
 * its <meta charset="utf-8"> changed to gbk, as many mainland sites serve their pages. The HTML extractor
 * must read it to the same document as the UTF-8 original (tests/html-extractor.test.ts).
 *
 *   npx tsx scripts/make-gbk-html.ts
 *
 * Fails rather than write a lossy copy: every character of the page must exist in GBK.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'samples', 'real', 'pingtan-2023.html');
const OUT = join(ROOT, 'samples', 'generated', 'html', 'pingtan-2023-gbk.html');
const DECLARATION = '<meta charset="utf-8"';

const page = readFileSync(SOURCE, 'utf8');
if (page.split(DECLARATION).length !== 2) throw new Error(`${SOURCE}: expected exactly one ${DECLARATION}`);
const gbkPage = page.replace(DECLARATION, '<meta charset="gbk"');

const bytes = iconv.encode(gbkPage, 'gbk');
const back = iconv.decode(bytes, 'gbk');
if (back !== gbkPage) {
  const at = [...gbkPage].findIndex((ch, i) => ch !== [...back][i]);
  throw new Error(`character ${JSON.stringify([...gbkPage][at])} at ${at} has no GBK code`);
}

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, bytes);
console.log(`wrote ${OUT} (${bytes.length} bytes)`);
