/**
 * Which file (inode) is at a path and whether anyone wrote to it: device, inode, size and modification time
 * to the nanosecond. File systems stamp times from a coarse clock (a few milliseconds on Linux), so two
 * writes of the same size in one tick look alike: whoever must know for sure compares content hashes too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

export interface FileStamp {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  /** The last change to the file or its inode (write, rename, chmod, link), in ms since the epoch. */
  changedMs: number;
}

export function stampOf(stats: fs.BigIntStats): FileStamp {
  const mtimeMs = Number(stats.mtimeNs / 1_000_000n);
  const ctimeMs = Number(stats.ctimeNs / 1_000_000n);
  return {
    dev: stats.dev,
    ino: stats.ino,
    size: stats.size,
    mtimeNs: stats.mtimeNs,
    changedMs: Math.max(mtimeMs, ctimeMs),
  };
}

/** The stamp of what is at `file` now (not following a link), or undefined if nothing is. */
export function stampAt(file: string): FileStamp | undefined {
  try {
    return stampOf(fs.lstatSync(file, { bigint: true }));
  } catch {
    return undefined;
  }
}

/** Same inode, and nobody wrote to it (as far as its size and modification time tell). */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs
  );
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The hash of a file's bytes, or undefined if it cannot be read. */
export function hashFile(file: string): string | undefined {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}
