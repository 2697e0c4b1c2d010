/** A file's SHA-256, read through one fixed buffer: memory stays bounded whatever the file's size. */
import crypto from 'node:crypto';
import fs from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;
let chunk: Buffer | undefined;

/** The hex digest, or undefined if the file cannot be read or is not a regular file. */
export function hashFile(file: string): string | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO where a file was must not hang the caller.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    chunk ??= Buffer.allocUnsafe(CHUNK_BYTES);
    const hash = crypto.createHash('sha256');
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) return hash.digest('hex');
      hash.update(chunk.subarray(0, read));
    }
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
