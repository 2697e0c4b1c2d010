/**
 * Positioned reads of an open file, or of bytes already in memory, for code that walks a file's structure
 * and must never load the whole file: reads go through one fixed window, so memory stays bounded whatever
 * the file's size.
 */
import fs from 'node:fs';

export interface ByteSource {
  readonly size: number;
  /**
   * Up to `length` bytes at `position` (fewer at the end). The result may be a view into a shared window:
   * use it before the next read.
   */
  read(position: number, length: number): Uint8Array;
}

/** How much one read of a file fetches; also the most a single `read` may ask for. */
export const WINDOW_BYTES = 64 * 1024;

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
  };
}

/** Reads an open file descriptor through one reusable window of WINDOW_BYTES. */
export function fileSource(fd: number, size: number): ByteSource {
  const window = Buffer.allocUnsafe(WINDOW_BYTES);
  let start = 0;
  let filled = 0;
  return {
    size,
    read(position, length) {
      if (length > WINDOW_BYTES) throw new RangeError(`read of ${length} bytes is larger than the window`);
      const end = Math.min(size, position + length);
      if (position < start || end > start + filled) {
        start = position;
        filled =
          position >= size
            ? 0
            : fs.readSync(fd, window, 0, Math.min(WINDOW_BYTES, size - position), position);
      }
      return window.subarray(position - start, Math.min(filled, end - start));
    },
  };
}

/** The byte at `position`, or undefined past the end. */
export function byteAt(source: ByteSource, position: number): number | undefined {
  return source.read(position, 1)[0];
}
