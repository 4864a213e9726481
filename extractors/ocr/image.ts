/**
 * 8-bit grayscale page images (0 = black, 255 = white) and the few operations OCR needs on them:
 * conversion from canvas RGBA, Otsu's threshold, rotation, cropping and PGM encoding (the format handed to
 * tesseract: no compression to pay for, and leptonica reads it natively).
 */

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createGray(width: number, height: number, fill = 255): Gray {
  const data = new Uint8Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

/** Luma (BT.601) of RGBA pixels; transparent pixels count as white paper. */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const n = width * height;
  const data = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3]!;
    const y = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
    data[i] = a === 255 ? y : 255 - (((255 - y) * a) >> 8);
  }
  return { width, height, data };
}

/** Otsu's threshold over the histogram: pixels below it are ink. Kept within [60, 220] for near-empty images. */
export function otsu(img: Gray): number {
  const hist = new Float64Array(256);
  const { data } = img;
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const total = data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t + 1;
    }
  }
  return Math.min(220, Math.max(60, threshold));
}

/** 1 where the pixel is ink. */
export function binarize(img: Gray, threshold: number): Uint8Array {
  const out = new Uint8Array(img.data.length);
  const { data } = img;
  for (let i = 0; i < data.length; i++) out[i] = data[i]! < threshold ? 1 : 0;
  return out;
}

/**
 * The image rotated by `degrees` (counter-clockwise as seen on screen) about its centre, same size, bilinear,
 * white outside. Used to undo the slight skew of a scan.
 */
export function rotateSmall(img: Gray, degrees: number): Gray {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    // The source of output pixel (x, y) is the output point turned back by −a about the centre.
    let sx = cx - cx * cos - dy * sin;
    let sy = cy - cx * sin + dy * cos;
    const row = y * w;
    for (let x = 0; x < w; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[row + x] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** The image turned a quarter turn: `turns` = 1 clockwise, 2 half, 3 counter-clockwise. */
export function rotateQuarter(img: Gray, turns: 1 | 2 | 3): Gray {
  const { width: w, height: h, data } = img;
  if (turns === 2) {
    const out = new Uint8Array(w * h);
    for (let i = 0; i < out.length; i++) out[i] = data[out.length - 1 - i]!;
    return { width: w, height: h, data: out };
  }
  const out = new Uint8Array(w * h);
  // New size h × w. Clockwise: new(x, y) = old(y, h − 1 − x).
  for (let y = 0; y < w; y++) {
    for (let x = 0; x < h; x++) {
      const src = turns === 1 ? (h - 1 - x) * w + y : x * w + (w - 1 - y);
      out[y * h + x] = data[src]!;
    }
  }
  return { width: h, height: w, data: out };
}

export function crop(img: Gray, x0: number, y0: number, x1: number, y1: number): Gray {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, bx - ax);
  const h = Math.max(0, by - ay);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) data.set(img.data.subarray((ay + y) * img.width + ax, (ay + y) * img.width + ax + w), y * w);
  return { width: w, height: h, data };
}

/** A copy of `img` on white paper with `margin` pixels added on every side (tesseract wants a quiet zone). */
export function pad(img: Gray, margin: number): Gray {
  const out = createGray(img.width + 2 * margin, img.height + 2 * margin);
  for (let y = 0; y < img.height; y++) {
    out.data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + margin) * out.width + margin);
  }
  return out;
}

/** Paint a rectangle white (table areas are blanked before the prose around them is read). */
export function whiten(img: Gray, x0: number, y0: number, x1: number, y1: number): void {
  const ax = Math.max(0, Math.floor(x0));
  const bx = Math.min(img.width, Math.ceil(x1));
  // (fill() reads a negative end as counted from the end of the whole image: never pass one.)
  if (bx <= ax) return;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, Math.ceil(y1)); y++) img.data.fill(255, y * img.width + ax, y * img.width + bx);
}

/** Binary PGM (P5): what tesseract reads without a decoder worth mentioning. */
export function toPgm(img: Gray): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/** Scale by an integer-free factor (area average when shrinking, bilinear when growing). */
export function resize(img: Gray, width: number, height: number): Gray {
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  if (sx >= 1 && sy >= 1) {
    for (let y = 0; y < height; y++) {
      const y0 = Math.floor(y * sy);
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
      for (let x = 0; x < width; x++) {
        const x0 = Math.floor(x * sx);
        const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
        let s = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += img.data[yy * img.width + xx]!;
        out[y * width + x] = Math.round(s / ((y1 - y0) * (x1 - x0)));
      }
    }
    return { width, height, data: out };
  }
  for (let y = 0; y < height; y++) {
    const fy = Math.min(img.height - 1.001, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(img.width - 1.001, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      const i = y0 * img.width + x0;
      const a = img.data[i]! + (img.data[i + 1]! - img.data[i]!) * tx;
      const b = img.data[i + img.width]! + (img.data[i + img.width + 1]! - img.data[i + img.width]!) * tx;
      out[y * width + x] = Math.round(a + (b - a) * ty);
    }
  }
  return { width, height, data: out };
}

/**
 * Levels stretched so the paper is pure white and the darkest print black: the most common tone (the
 * paper, or a shaded cell's fill) minus a margin for its noise maps to 255. A crop on a grey ground padded
 * with white would show tesseract a box edge, which it reads as print.
 */
export function whitenPaper(img: Gray, margin = 12): Gray {
  const hist = new Uint32Array(256);
  const { data } = img;
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let mode = 255;
  for (let t = 0; t < 256; t++) if (hist[t]! > hist[mode]!) mode = t;
  const paper = Math.max(96, mode - margin);
  let seen = 0;
  let black = 0;
  const dark = data.length * 0.002;
  for (let t = 0; t < 256; t++) {
    seen += hist[t]!;
    if (seen > dark) {
      black = t;
      break;
    }
  }
  black = Math.min(black, paper - 64);
  const lut = new Uint8Array(256);
  for (let t = 0; t < 256; t++) lut[t] = t >= paper ? 255 : t <= black ? 0 : Math.round(((t - black) * 255) / (paper - black));
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = lut[data[i]!]!;
  return { width: img.width, height: img.height, data: out };
}
