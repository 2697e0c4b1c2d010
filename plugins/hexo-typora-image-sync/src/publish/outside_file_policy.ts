/**
 * The security boundary for files that live outside `source/`: a post (say, from a pull request built
 * by CI) must never put `/proc/self/environ`, `~/.ssh/id_rsa` or a `.env` file on the public site.
 * Files inside `source/` that Hexo does not publish itself follow Hexo's own privacy rule instead.
 * Pure: the caller reads the file's first bytes and size.
 */
import path from 'node:path';
import { isMarkdownFile } from '../markdown/markdown_files';
import { sniffMediaType } from './sniff_media_type';

export interface OutsideFileFacts {
  /** The file's real path (symbolic links resolved). */
  realPath: string;
  size: number;
  /** The file's first bytes (SNIFF_LENGTH of them, or the whole file if smaller). */
  head: Uint8Array;
}

export interface OutsidePolicy {
  /** The site's folder (the repository). */
  baseDir: string;
  /** Refuse everything outside `baseDir`. */
  strict: boolean;
  /** Largest file published from outside `source/`, in bytes. */
  maxBytes: number;
}

export type PolicyDecision = { allowed: true; type: string } | { allowed: false; reason: string };

/** Typora's own image folders may sit in a dot-folder: `~/.config/Typora/typora-user-images` on Linux. */
const TYPORA_DOT_FOLDER = /(^|\/)\.config\/Typora\/typora-user-images(\/|$)/;

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function decideOutsideFile(file: OutsideFileFacts, policy: OutsidePolicy): PolicyDecision {
  const inRepository = isInside(file.realPath, policy.baseDir);
  if (policy.strict && !inRepository) {
    return {
      allowed: false,
      reason: 'it is outside the site folder and strict mode publishes nothing from there',
    };
  }
  const shown = inRepository ? path.relative(policy.baseDir, file.realPath) : file.realPath;
  const unixStyle = shown.split(path.sep).join('/');
  const folders = unixStyle.split('/').slice(0, -1);
  if (folders.some((segment) => segment.startsWith('.')) && !TYPORA_DOT_FOLDER.test(unixStyle)) {
    return { allowed: false, reason: 'it is inside a hidden (dot) folder' };
  }
  if (path.basename(file.realPath).startsWith('.')) {
    return { allowed: false, reason: 'it is a hidden (dot) file' };
  }
  if (file.size > policy.maxBytes) {
    return { allowed: false, reason: `it is larger than ${Math.round(policy.maxBytes / 1048576)} MiB` };
  }
  const sniffed = sniffMediaType(file.head);
  if (!sniffed.ok) return { allowed: false, reason: sniffed.reason };
  return { allowed: true, type: sniffed.type };
}

/**
 * A file inside `source/` that Hexo does not publish itself (`hello.assets/x.png`, a file beside the post):
 * Hexo keeps every `.` and `_` entry of `source/` private, and so does the plugin, except the `_posts/`
 * folder itself (and `_drafts/` for a draft's own files). `relativePath` is from `source/`, real path.
 */
export function decideSourceFile(
  relativePath: string,
  fromDraft: boolean,
): { allowed: true } | { allowed: false; reason: string } {
  const segments = relativePath.split(path.sep).join('/').split('/');
  const name = segments[segments.length - 1] ?? '';
  if (segments.some((segment) => segment.startsWith('.'))) {
    return {
      allowed: false,
      reason: name.startsWith('.') ? 'it is a hidden (dot) file' : 'it is inside a hidden (dot) folder',
    };
  }
  const [first, ...rest] = segments;
  const allowedFirst = first === '_posts' || (fromDraft && first === '_drafts');
  if ((first?.startsWith('_') && !allowedFirst) || rest.some((segment) => segment.startsWith('_'))) {
    return {
      allowed: false,
      reason:
        first === '_drafts' && rest.every((segment) => !segment.startsWith('_'))
          ? 'it is a draft (source/_drafts/), which Hexo does not publish'
          : 'Hexo keeps files and folders starting with _ in source/ private',
    };
  }
  // Post sources are never published raw, whatever folder they are in: a draft's text must not leak.
  if (isMarkdownFile(name)) return { allowed: false, reason: "it is a post's source text" };
  return { allowed: true };
}
