/**
 * Whether a post's bytes can be rewritten without changing any byte sync does not mean to: valid UTF-8, no
 * NUL byte, front matter Hexo can read. A post that fails gets a finding and is left alone. Pure.
 */
import type { Finding } from './finding';
import { type FrontMatter, readFrontMatter } from './front_matter';

export type PostText =
  | { ok: true; text: string; frontMatter: FrontMatter }
  | { ok: false; finding: Omit<Finding, 'file'> };

// ignoreBOM keeps a byte order mark in the text, so that writing the text back gives the same bytes.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodePost(bytes: Uint8Array): PostText {
  const fail = (line: number, problem: string, fix: string): PostText => ({
    ok: false,
    finding: { line, severity: 'error', problem, fix },
  });
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
  return { ok: true, text, frontMatter: front.frontMatter };
}

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const end = bytes.indexOf(10, start);
    const stop = end < 0 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return 1;
}
