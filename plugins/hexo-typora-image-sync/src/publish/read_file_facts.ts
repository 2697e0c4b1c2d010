/**
 * Reads what the publish policy decides on: a file's size, its first bytes and where its image data ends,
 * with bounded reads (a fixed window, whatever the file's size), from an open descriptor or from bytes
 * already in memory (the bytes about to be published).
 */
import fs from 'node:fs';
import { type ByteSource, bytesSource, fileSource } from '../fs/byte_source';
import { findMediaEnd } from './find_media_end';
import type { OutsideFileFacts } from './outside_file_policy';
import { SNIFF_LENGTH, sniffMediaType } from './sniff_media_type';

export interface FactsOptions {
  /** Files larger than this are refused by size: their structure is not walked. */
  maxBytes: number;
  /** The name the file is published under, if not its real name. */
  name?: string;
}

export function readFileFacts(realPath: string, options: FactsOptions): OutsideFileFacts | { error: string } {
  let fd: number;
  try {
    // Non-blocking: a FIFO swapped in after the file was looked at must not hang the build.
    fd = fs.openSync(realPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    return factsOfDescriptor(fd, realPath, options);
  } finally {
    fs.closeSync(fd);
  }
}

/** Facts about an open file: the caller keeps `fd` open and may then read exactly the file it checked. */
export function factsOfDescriptor(
  fd: number,
  realPath: string,
  options: FactsOptions,
): OutsideFileFacts | { error: string } {
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return { error: 'not a regular file' };
    return factsOf(realPath, fileSource(fd, stats.size), options);
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
}

/** Facts about bytes read into memory: what is checked is exactly what is published. */
export function factsOfBytes(realPath: string, bytes: Uint8Array, options: FactsOptions): OutsideFileFacts {
  return factsOf(realPath, bytesSource(bytes), options);
}

function factsOf(realPath: string, source: ByteSource, options: FactsOptions): OutsideFileFacts {
  // Copied: a file source's read is a view into a window that later reads overwrite.
  const head = Uint8Array.from(source.read(0, SNIFF_LENGTH));
  const sniffed = sniffMediaType(head);
  const end =
    sniffed.ok && source.size <= options.maxBytes
      ? findMediaEnd(sniffed.type, source)
      : { kind: 'unchecked' as const };
  return { realPath, size: source.size, head, end, ...(options.name ? { name: options.name } : {}) };
}
