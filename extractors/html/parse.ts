/**
 * parse5 with a bound on the tree it builds. The HTML parsing algorithm may create many elements per input
 * byte: every unclosed <font><b><i> is cloned into each following paragraph, so 20 MB of such markup becomes
 * tens of millions of elements and exhausts the heap. Real pages stay far below the bound (a 20 MB report
 * page of tables is about a million elements); past it the page is refused with a one-line cause.
 */
import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';
import { InputError } from '../../src/errors.js';
import type { Document } from './content.js';

/** About 750 MB of parse5 tree at ~250 bytes an element; a 20 MB page of dense tables has 1.3 million. */
export const MAX_ELEMENTS = 3_000_000;

export function parseHtml(html: string, maxElements = MAX_ELEMENTS): Document {
  let elements = 0;
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++elements > maxElements) {
        throw new InputError(`the page has more than ${maxElements.toLocaleString('en')} HTML elements (deeply broken markup): not read`);
      }
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
  };
  return parse(html, { treeAdapter });
}
