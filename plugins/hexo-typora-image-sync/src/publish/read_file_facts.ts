/** Reads what the publish policy decides on: a file's size and first bytes, with one bounded read. */
import fs from 'node:fs';
import type { OutsideFileFacts } from './outside_file_policy';
import { SNIFF_LENGTH } from './sniff_media_type';

export function readFileFacts(realPath: string): OutsideFileFacts | { error: string } {
  const head = Buffer.alloc(SNIFF_LENGTH);
  let fd: number;
  try {
    // Non-blocking: a FIFO swapped in after the file was looked at must not hang the build.
    fd = fs.openSync(realPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { error: 'not a regular file' };
    const length = fs.readSync(fd, head, 0, SNIFF_LENGTH, 0);
    return { realPath, size: stats.size, head: head.subarray(0, length) };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    fs.closeSync(fd);
  }
}
