/**
 * The files Hexo publishes by itself from `source/`, found on disk, for `hexo typora check` (which does
 * not load Hexo's database): each file in `_posts/` (and `_drafts/` when drafts are rendered) that is not
 * a post, and each file elsewhere with no `_` or `.` in its path that Hexo does not render into a page.
 * Folder links are followed as Hexo follows them, except one that leads out of the repository: it is
 * listed itself (every file under it is the build machine's), and never walked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMarkdownFile } from '../markdown/markdown_files';
import { isInside } from './outside_file_policy';

export interface HexoFileOptions {
  sourceDir: string;
  /** The repository, with symbolic links resolved. */
  realBaseDir: string;
  /** Hexo renders drafts (`render_drafts`), so their asset folders are published. */
  drafts: boolean;
  /** Hexo renders this file (relative to `source/`, with `/`) into a page rather than copying it. */
  rendersPage(relative: string): boolean;
}

export interface ListedFile {
  file: string;
  /** A link to a folder, listed instead of what is in it. */
  folder?: true;
}

const HIDDEN = /(^|\/)[_.]/;

export function listHexoFiles(options: HexoFileOptions): ListedFile[] {
  const listed: ListedFile[] = [];
  const visited = new Set<string>();
  const walk = (dir: string, relative: string): void => {
    let real: string;
    try {
      real = fs.realpathSync.native(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = fs.statSync(full).isDirectory();
        } catch {
          continue;
        }
        if (isDirectory && !isInside(realPathOf(full), options.realBaseDir)) {
          if (published(child, true, options)) listed.push({ file: full, folder: true });
          continue;
        }
      }
      if (isDirectory) {
        if (published(child, true, options)) walk(full, child);
      } else if (published(child, false, options)) {
        listed.push({ file: full });
      }
    }
  };
  walk(options.sourceDir, '');
  return listed;
}

/** The real path, or the path itself if it changed meanwhile (it is then listed and checked as it is). */
function realPathOf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

/** Hexo's rule (processor/asset.ts, processor/post.ts): `_`/`.` entries are private, except the post folders. */
function published(relative: string, isDirectory: boolean, options: HexoFileOptions): boolean {
  const [first, ...rest] = relative.split('/');
  const inPosts = first === '_posts' || (options.drafts && first === '_drafts');
  if (inPosts) {
    const inner = rest.join('/');
    if (inner === '') return isDirectory;
    if (HIDDEN.test(inner) || inner.endsWith('~') || inner.endsWith('%')) return false;
    return isDirectory || !isMarkdownFile(inner);
  }
  if (HIDDEN.test(relative) || relative.endsWith('~') || relative.endsWith('%')) return false;
  return isDirectory || !options.rendersPage(relative);
}
