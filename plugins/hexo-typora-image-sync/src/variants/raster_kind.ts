/**
 * Which images get variants, from the file's first bytes: still PNG, JPEG and WebP. Not SVG (already sharp
 * at any size), not GIF, not animated PNG (APNG) or WebP: a variant would keep only the first frame.
 */

export type RasterKind = 'png' | 'jpeg' | 'webp';

export type RasterSniff = { kind: RasterKind } | { kind: null; reason: string };

/** How much of a file `sniffRaster` wants: a PNG's `acTL` chunk comes before its first `IDAT`, near the start. */
export const RASTER_HEAD_BYTES = 64 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffRaster(head: Uint8Array): RasterSniff {
  if (startsWith(head, PNG_SIGNATURE, 0))
    return isAnimatedPng(head) ? { kind: null, reason: 'an animated PNG' } : { kind: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff], 0)) return { kind: 'jpeg' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') {
    // VP8X's flag byte: bit 1 is "animation".
    const animated =
      ascii(head, 12, 16) === 'VP8X' && head.length > 20 && ((head[20] as number) & 0x02) !== 0;
    return animated ? { kind: null, reason: 'an animated WebP' } : { kind: 'webp' };
  }
  return { kind: null, reason: 'not a PNG, JPEG or WebP' };
}

/** An APNG has an `acTL` chunk before its first `IDAT`. */
function isAnimatedPng(head: Uint8Array): boolean {
  let at = 8;
  while (at + 8 <= head.length) {
    const length =
      ((head[at] as number) << 24) |
      ((head[at + 1] as number) << 16) |
      ((head[at + 2] as number) << 8) |
      (head[at + 3] as number);
    const type = ascii(head, at + 4, at + 8);
    if (type === 'acTL') return true;
    if (type === 'IDAT' || length < 0) return false;
    at += 12 + length;
  }
  return false;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset: number): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return bytes.length < to ? '' : String.fromCharCode(...bytes.subarray(from, to));
}
