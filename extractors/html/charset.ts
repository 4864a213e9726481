/**
 * Bytes → string for HTML pages. Chinese government sites serve UTF-8, GBK/GB2312 and the odd Big5 mirror,
 * and say so (or not) in a <meta> tag. The order follows the HTML standard's encoding sniffing, cut down:
 * a BOM, then a charset declared in the first 2 KB, then the content itself (decode-text's detection).
 */
import { parse } from 'parse5';
import type { DocWarning } from '../../src/model/document.js';
import { decodeLoose, decodeStrict, detectEncoding, sniffBom } from '../decode-text.js';
import { attr, walk, type Element } from './content.js';

export interface DecodedHtml {
  text: string;
  /** The encoding used, as TextDecoder names it (`utf-8`, `gb18030`, `big5`, …). */
  encoding: string;
  warnings: DocWarning[];
}

/** How far the declaration is looked for: pages put their <meta> near the top, after a few comments at most. */
const PRESCAN_BYTES = 2048;

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeLoose(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, warnings: [] };

  const declared = declaredEncoding(bytes);
  if (declared) {
    // Sites copy page templates between CMSs, so the declaration is sometimes wrong. Only an unambiguous
    // contradiction overrides it: text declared UTF-8 that is not valid UTF-8, or text declared in a legacy
    // encoding that is valid UTF-8 with non-ASCII in it (GBK text almost never is).
    const utf8 = decodeStrict('utf-8', bytes);
    const isUtf8 = declared.encoding === 'utf-8';
    // Valid UTF-8 decodes to as many code units as it has bytes only when it is all ASCII.
    const contradicted = isUtf8 ? utf8 === undefined : utf8 !== undefined && utf8.length !== bytes.length;
    if (!contradicted) {
      return { text: isUtf8 ? utf8! : declared.decoder.decode(bytes), encoding: declared.encoding, warnings: [] };
    }
    const detected = isUtf8 ? detectEncoding(bytes) : { text: utf8!, encoding: 'utf-8' };
    return {
      ...detected,
      warnings: [
        {
          code: 'HTML_CHARSET_MISMATCH',
          message: `the page declares charset ${declared.label} but its bytes are ${detected.encoding}: read as ${detected.encoding}`,
        },
      ],
    };
  }
  return { ...detectEncoding(bytes), warnings: [] };
}

interface Declared {
  label: string;
  encoding: string;
  decoder: TextDecoder;
}

/**
 * The charset of the first <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…"> in the
 * first 2 KB read as ASCII (every encoding a declaration can name keeps ASCII as is). The head is parsed with
 * parse5 like the rest of the page, so a "<meta" inside a comment or a script string is not taken.
 */
function declaredEncoding(bytes: Uint8Array): Declared | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  let found: Declared | undefined;
  walk(parse(head), {
    enter(el) {
      if (found) return false;
      if (el.tagName !== 'meta') return;
      const label = attr(el, 'charset') ?? charsetOfContentType(el);
      if (label) found = encodingFor(label.trim());
    },
  });
  return found;
}

function charsetOfContentType(el: Element): string | undefined {
  if (attr(el, 'http-equiv')?.toLowerCase() !== 'content-type') return undefined;
  return /charset\s*=\s*["']?([^\s"';]+)/i.exec(attr(el, 'content') ?? '')?.[1];
}

/** GB2312 and GBK are subsets of GB18030, and pages labelled GB2312 routinely use GBK characters. */
const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'chinese', 'euc-cn', 'iso-ir-58']);

function encodingFor(label: string): Declared | undefined {
  const l = label.toLowerCase();
  if (GB.has(l)) return { label, encoding: 'gb18030', decoder: new TextDecoder('gb18030') };
  // A UTF-16 declaration found by an ASCII prescan cannot be true (the HTML standard reads it as UTF-8).
  if (l.startsWith('utf-16') || l === 'unicode') return { label, encoding: 'utf-8', decoder: new TextDecoder('utf-8') };
  try {
    const decoder = new TextDecoder(l);
    return { label, encoding: decoder.encoding, decoder };
  } catch {
    return undefined; // an unknown label: the content decides
  }
}
