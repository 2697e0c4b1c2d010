/**
 * Which widths an image is encoded at: the configured widths it can fill, and its own width when that is
 * below the widest (so the largest variant is never an upscale, and a narrow image still gets one).
 */

/** A configured width this close to the image's own (or to the widest) is left to that one: near-duplicates. */
const NEAR = 0.9;

export function variantWidths(imageWidth: number, widths: readonly number[]): number[] {
  if (!Number.isInteger(imageWidth) || imageWidth < 1 || widths.length === 0) return [];
  const top = Math.min(imageWidth, Math.max(...widths));
  const below = widths.filter((w) => w < top * NEAR);
  return [...new Set([...below, top])].sort((a, b) => a - b);
}

/** The height of a variant `width` pixels wide, with the image's aspect ratio (at least 1 pixel). */
export function scaledHeight(width: number, image: { width: number; height: number }): number {
  return Math.max(1, Math.round((image.height * width) / image.width));
}
