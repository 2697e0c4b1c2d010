/**
 * How well a lossy encoding keeps text and edges: SSIM (Wang et al. 2004) on the luma of 8×8 windows, averaged
 * over the windows that hold detail (text, lines, edges) in the reference. Flat areas, where any codec does well,
 * would otherwise hide blurred text behind a high average: a screenshot is mostly background.
 */

export interface GreyImage {
  /** One byte of luma per pixel, row by row. */
  data: Uint8Array;
  width: number;
  height: number;
}

const WINDOW = 8;
/** A window holds detail when its luma varies this much (variance; 200 ≈ a standard deviation of 14 levels). */
const DETAIL_VARIANCE = 200;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** Mean SSIM over the reference's detailed windows, 0–1; 1 when the image has no detail at all. */
export function detailSsim(reference: GreyImage, test: GreyImage): number {
  if (reference.width !== test.width || reference.height !== test.height)
    throw new Error(
      `detailSsim: sizes differ (${reference.width}×${reference.height} and ${test.width}×${test.height})`,
    );
  const { width, height } = reference;
  const a = reference.data;
  const b = test.data;
  const n = WINDOW * WINDOW;
  let sum = 0;
  let count = 0;
  for (let y0 = 0; y0 + WINDOW <= height; y0 += WINDOW) {
    for (let x0 = 0; x0 + WINDOW <= width; x0 += WINDOW) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let y = y0; y < y0 + WINDOW; y++) {
        let i = y * width + x0;
        for (let x = 0; x < WINDOW; x++, i++) {
          const va = a[i] as number;
          const vb = b[i] as number;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const ma = sa / n;
      const mb = sb / n;
      const va = saa / n - ma * ma;
      if (va < DETAIL_VARIANCE) continue;
      const vb = sbb / n - mb * mb;
      const cov = sab / n - ma * mb;
      sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      count++;
    }
  }
  return count === 0 ? 1 : sum / count;
}

/** Luma (BT.601) of 8-bit interleaved pixels; transparent pixels are seen over white, as on the page. */
export function lumaOf(pixels: Uint8Array, width: number, height: number, channels: number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    const r = pixels[p] as number;
    const g = channels >= 3 ? (pixels[p + 1] as number) : r;
    const b = channels >= 3 ? (pixels[p + 2] as number) : r;
    let y = 0.299 * r + 0.587 * g + 0.114 * b;
    const alpha =
      channels === 4 ? (pixels[p + 3] as number) : channels === 2 ? (pixels[p + 1] as number) : 255;
    if (alpha < 255) y = (y * alpha + 255 * (255 - alpha)) / 255;
    data[i] = Math.round(y);
  }
  return { data, width, height };
}
