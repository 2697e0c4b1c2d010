/**
 * The posts `hexo typora` works on: every markdown file under `source/_posts/` and `source/_posts/`'s
 * sibling `source/_drafts/`, with the asset folder Hexo gives it (`hello.md` → `hello/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from '../../diagnostics';
import { isMarkdownFile } from '../../markdown/markdown_files';
import type { SyncSettings } from '../settings';

export const POST_FOLDERS = ['_posts', '_drafts'] as const;

export interface PostEntry {
  /** Absolute path of the markdown file. */
  file: string;
  /** `source/_posts/hello.md`, for messages. */
  displayPath: string;
  /** Absolute path of the post's asset folder, and its name (`hello`). */
  assetDir: string;
  assetName: string;
  /** The markdown file is a symbolic link: it is read, never rewritten. */
  symlink: boolean;
}

export class PostSelectionError extends Error {}

/** Every post; `onDotFile` sees the dot files met on the way (temporary files of a killed sync among them). */
export function findPosts(
  settings: Pick<SyncSettings, 'baseDir' | 'sourceDir'>,
  onDotFile?: (file: string) => void,
): PostEntry[] {
  const posts: PostEntry[] = [];
  for (const folder of POST_FOLDERS) {
    for (const { file, symlink } of walkFiles(path.join(settings.sourceDir, folder), onDotFile)) {
      if (isMarkdownFile(file)) posts.push(postEntry(settings.baseDir, file, symlink));
    }
  }
  return posts.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}

export function postEntry(baseDir: string, file: string, symlink = false): PostEntry {
  const assetDir = file.slice(0, file.length - path.extname(file).length);
  return {
    file,
    displayPath: displayPath(baseDir, file),
    assetDir,
    assetName: path.basename(assetDir),
    symlink,
  };
}

/**
 * The posts named on the command line: a path (`source/_posts/hello.md`, relative to `cwd` or the site) or
 * a name (`hello`, `hello.md`). An unknown name is an error, not a silent no-op.
 */
export function selectPosts(
  posts: readonly PostEntry[],
  wanted: readonly string[],
  where: { cwd: string; baseDir: string },
): PostEntry[] {
  if (wanted.length === 0) return [...posts];
  const chosen = new Set<PostEntry>();
  const unknown: string[] = [];
  for (const name of wanted) {
    const asPath = [path.resolve(where.cwd, name), path.resolve(where.baseDir, name)];
    const matches = posts.filter(
      (post) =>
        asPath.includes(post.file) ||
        path.basename(post.file) === name ||
        post.assetName === name ||
        asPath.includes(post.assetDir),
    );
    if (matches.length === 0) unknown.push(name);
    for (const match of matches) chosen.add(match);
  }
  if (unknown.length > 0) {
    throw new PostSelectionError(
      `no post matches ${unknown.map((n) => JSON.stringify(n)).join(', ')} (looked in source/_posts/ and source/_drafts/): give a file name such as hello.md or a path such as source/_posts/hello.md`,
    );
  }
  return posts.filter((post) => chosen.has(post));
}

/**
 * Regular files (and links to files) under `dir`, skipping dot entries and never following a linked
 * folder, so that a symbolic link loop cannot make the walk endless.
 */
export function* walkFiles(
  dir: string,
  onDotFile?: (file: string) => void,
): Generator<{ file: string; symlink: boolean }> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.') && entry.isFile()) onDotFile?.(full);
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) yield* walkFiles(full, onDotFile);
    else if (entry.isFile()) yield { file: full, symlink: false };
    else if (entry.isSymbolicLink() && isFileThroughLink(full)) yield { file: full, symlink: true };
  }
}

function isFileThroughLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
