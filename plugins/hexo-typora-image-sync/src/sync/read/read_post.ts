/**
 * Reads a post as one consistent snapshot: the bytes of one inode, with the same size and modification
 * time before and after the read (an editor writing meanwhile makes it read again), then checks they can
 * be rewritten safely (`plan/post_text.ts`).
 */
import fs from 'node:fs';
import type { Finding } from '../plan/finding';
import type { FrontMatter } from '../plan/front_matter';
import { decodePost } from '../plan/post_text';
import { type FileStamp, sameStamp, sha256, stampOf } from './file_version';
import type { PostEntry } from './find_posts';

export interface PostSnapshot {
  bytes: Buffer;
  text: string;
  hash: string;
  stamp: FileStamp;
  mode: number;
  frontMatter: FrontMatter;
}

export type ReadPostResult =
  | { ok: true; snapshot: PostSnapshot }
  /** `stamp` is there when the file was read: an editor may still be writing it. */
  | { ok: false; finding: Finding; stamp?: FileStamp };

const READ_ATTEMPTS = 5;

export async function readPost(post: PostEntry): Promise<ReadPostResult> {
  let read: { bytes: Buffer; stats: fs.BigIntStats };
  try {
    read = await readConsistently(post.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      finding: {
        file: post.displayPath,
        line: 1,
        severity: 'error',
        problem: `the post cannot be read (${code})`,
        fix: 'check that the file exists and is readable',
      },
    };
  }
  const stamp = stampOf(read.stats);
  const decoded = decodePost(read.bytes);
  if (!decoded.ok) return { ok: false, finding: { file: post.displayPath, ...decoded.finding }, stamp };
  return {
    ok: true,
    snapshot: {
      bytes: read.bytes,
      text: decoded.text,
      hash: sha256(read.bytes),
      stamp,
      mode: Number(read.stats.mode) & 0o7777,
      frontMatter: decoded.frontMatter,
    },
  };
}

/** The bytes of one inode, read while nobody wrote to it (as far as its stamp tells). */
async function readConsistently(file: string): Promise<{ bytes: Buffer; stats: fs.BigIntStats }> {
  let last: { bytes: Buffer; stats: fs.BigIntStats } | undefined;
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const handle = await fs.promises.open(file, 'r');
    try {
      const before = await handle.stat({ bigint: true });
      const bytes = await handle.readFile();
      const after = await handle.stat({ bigint: true });
      last = { bytes, stats: after };
      if (sameStamp(stampOf(before), stampOf(after)) && BigInt(bytes.length) === after.size) return last;
    } finally {
      await handle.close();
    }
  }
  // Still changing: the caller sees a recent stamp and waits for the file to be quiet.
  return last as { bytes: Buffer; stats: fs.BigIntStats };
}
