/**
 * Reads a post as bytes and checks it can be rewritten without changing any byte it does not mean to:
 * valid UTF-8, no NUL byte, front matter Hexo can read. A post that fails gets a finding and is left alone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { PostEntry } from './find_posts';
import type { Finding } from './finding';
import { type FrontMatter, readFrontMatter } from './front_matter';

export interface PostSnapshot {
  bytes: Buffer;
  text: string;
  hash: string;
  size: number;
  mtimeMs: number;
  mode: number;
  frontMatter: FrontMatter;
}

export type ReadPostResult = { ok: true; snapshot: PostSnapshot } | { ok: false; finding: Finding };

// ignoreBOM keeps a byte order mark in the text, so that writing the text back gives the same bytes.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readPost(post: PostEntry): Promise<ReadPostResult> {
  const fail = (line: number, problem: string, fix: string): ReadPostResult => ({
    ok: false,
    finding: { file: post.displayPath, line, severity: 'error', problem, fix },
  });
  let bytes: Buffer;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(post.file);
    bytes = await fs.promises.readFile(post.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return fail(1, `the post cannot be read (${code})`, 'check that the file exists and is readable');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(
      lineOfByte(bytes, nul),
      'the post contains a NUL byte: it looks damaged, or is not a text file',
      'restore it from git or save it again from Typora; nothing was changed',
    );
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail(
      firstInvalidUtf8Line(bytes),
      'the post is not valid UTF-8 text',
      'save it as UTF-8 (Typora: File › Save with Encoding › UTF-8); nothing was changed',
    );
  }
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    return fail(
      1,
      'the post does not read back as the same bytes',
      'save it again from Typora; nothing was changed',
    );
  }
  const front = readFrontMatter(text);
  if (!front.ok) {
    return fail(
      front.line,
      `the front matter cannot be read (${front.message})`,
      'fix the YAML between the --- lines (Hexo cannot read this post either); nothing was changed',
    );
  }
  return {
    ok: true,
    snapshot: {
      bytes,
      text,
      hash: sha256(bytes),
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      mode: stat.mode & 0o7777,
      frontMatter: front.frontMatter,
    },
  };
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function lineOfByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function firstInvalidUtf8Line(bytes: Buffer): number {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      UTF8.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return 1;
}
