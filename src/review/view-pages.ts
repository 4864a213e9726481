/**
 * PDF input: each page as an image with every cell that has a box drawn over it. Boxes are in points on the
 * upright page with the origin at the bottom left (y up, record.md); the image is that page drawn y down. So
 * a box [x0, y0, x1, y1] covers, as shares of the image, left x0/W, top (H − y1)/H, width (x1 − x0)/W and
 * height (y1 − y0)/H: percentages, which hold at whatever size the browser shows the image.
 */
import type { ReviewCell } from './cells.js';
import { cellButton, esc, shownValue } from './markup.js';
import type { PageImage } from './page-images.js';

export function pagesView(pages: PageImage[], cells: ReviewCell[]): { html: string; placed: Set<ReviewCell> } {
  const placed = new Set<ReviewCell>();
  const parts: string[] = [];
  for (const page of pages) {
    const boxes: string[] = [];
    for (const rc of cells) {
      const { bbox } = rc.cell;
      if (rc.cell.page !== page.number || !bbox) continue;
      placed.add(rc);
      const [x0, y0, x1, y1] = bbox;
      const style = [
        `left:${pct(x0 / page.width)}`,
        `top:${pct((page.height - y1) / page.height)}`,
        `width:${pct((x1 - x0) / page.width)}`,
        `height:${pct((y1 - y0) / page.height)}`,
      ].join(';');
      boxes.push(cellButton(rc, `<span class="tag">${esc(shownValue(rc))}</span>`, 'box', style));
    }
    const src = `data:image/jpeg;base64,${Buffer.from(page.jpeg).toString('base64')}`;
    parts.push(
      `<figure class="page" id="page-${page.number}" data-page="${page.number}" data-width="${page.width}" data-height="${page.height}">` +
        `<figcaption>page ${page.number}</figcaption>` +
        `<div class="sheet" style="aspect-ratio:${page.pixelWidth}/${page.pixelHeight}">` +
        `<img src="${src}" width="${page.pixelWidth}" height="${page.pixelHeight}" alt="page ${page.number}">` +
        boxes.join('') +
        `</div></figure>`,
    );
  }
  return { html: parts.join('\n'), placed };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(4)}%`;
}
