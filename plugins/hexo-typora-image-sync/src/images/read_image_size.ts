/** Reads images' pixel sizes for `width`/`height` attributes, and Typora's zoom factor. */
import fs from 'node:fs';
import { imageSize } from 'image-size';

export interface PixelSize {
  width: number;
  height: number;
}

/**
 * How much of a file is read to find its size, in turn: 4 KiB holds the size of PNG, GIF, WebP, BMP, SVG
 * and most JPEGs; 64 KiB a JPEG with an EXIF block; 1 MiB one with a large embedded thumbnail or colour
 * profile. Never more: a file whose size is not in its first MiB (a 2 GB video named .png) gets no
 * width/height, and the page still works.
 */
const HEAD_SIZES = [4 * 1024, 64 * 1024, 1024 * 1024] as const;
const LARGEST_HEAD = HEAD_SIZES[HEAD_SIZES.length - 1] as number;
/** One reusable buffer, allocated when first needed: sizes are read synchronously, one file at a time. */
let head: Buffer | undefined;

/**
 * Pixel sizes of images, each file read once per build (call `clear()` when a build starts, so that
 * `hexo server` sees an image the author replaced).
 */
export class ImageSizeReader {
  private readonly sizes = new Map<string, PixelSize | null>();

  clear(): void {
    this.sizes.clear();
  }

  read(file: string): PixelSize | null {
    let size = this.sizes.get(file);
    if (size === undefined) {
      size = readSize(file);
      this.sizes.set(file, size);
    }
    return size;
  }
}

/** Reads more of the file only while the part read had no size and the file goes on, up to LARGEST_HEAD. */
function readSize(file: string): PixelSize | null {
  for (const bytes of HEAD_SIZES) {
    const part = readHead(file, bytes);
    const size = sizeOf(part);
    if (size || !part || part.length < bytes) return size;
  }
  return null;
}

function sizeOf(bytes: Uint8Array | null): PixelSize | null {
  if (!bytes || bytes.length === 0) return null;
  try {
    const result = imageSize(bytes);
    return result.width && result.height ? { width: result.width, height: result.height } : null;
  } catch {
    return null;
  }
}

function readHead(file: string, bytes: number): Uint8Array | null {
  try {
    // Non-blocking: a FIFO swapped in for the image must not hang the build.
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      head ??= Buffer.allocUnsafe(LARGEST_HEAD);
      return head.subarray(0, fs.readSync(fd, head, 0, bytes, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Typora writes `style="zoom:50%;"` when an image is resized; returns the factor and the style without it. */
export function takeZoom(style: string): { zoom: number; rest: string } | null {
  const match = /(?:^|;)\s*zoom\s*:\s*([\d.]+)\s*(%?)\s*(?:;|$)/i.exec(style);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  const zoom = match[2] === '%' ? value / 100 : value;
  const rest = `${style.slice(0, match.index)};${style.slice(match.index + match[0].length)}`
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('; ');
  return { zoom, rest };
}
