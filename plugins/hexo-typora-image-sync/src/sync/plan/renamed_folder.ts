/**
 * A post renamed in Typora (`hello.md` → `hello-world.md`) still points at its old folder (`hello/…`).
 * When that folder is not the asset folder of another post, has no shared-looking name (unless
 * `typora-copy-images-to` names it) and no other document mentions it, it follows the post: the files the
 * post references are copied into the new asset folder (nothing else: a folder may hold notes, sources or a
 * stray `.md` that must not be published), and the references and front matter values switch to the new
 * name. The old folder stays (`--prune` moves what nothing uses to the trash). Pure: what is on disk comes
 * from `RenamedFolderFacts`.
 */
import path from 'node:path';
import { MARKDOWN_EXTENSIONS } from '../../markdown/markdown_files';
import type { PostEntry } from '../read/find_posts';

export interface RenamedFolderFacts {
  isDirectory(dir: string): boolean;
  exists(file: string): boolean;
  /** True if a document other than this post mentions `<name>/`. */
  mentionedElsewhere(name: string): boolean;
}

/** Folders that look shared between posts: never taken for a renamed post's folder on their name alone. */
const SHARED_FOLDER_NAMES = new Set(
  'assets images image img imgs pics pictures media static attachments files resources uploads typora-user-images'.split(
    ' ',
  ),
);

export interface RenamedFolder {
  /** Absolute path of the old folder, and its name. */
  dir: string;
  name: string;
}

export function findRenamedFolder(
  post: PostEntry,
  /** Resolved paths of the references that point outside the post's asset folder. */
  outsideFiles: readonly string[],
  /** The `typora-copy-images-to` value, if any. */
  copyImagesTo: string | undefined,
  facts: RenamedFolderFacts,
): RenamedFolder | undefined {
  const postDir = path.dirname(post.file);
  const names = new Set<string>();
  for (const file of outsideFiles) {
    const relative = path.relative(postDir, file);
    const segments = relative.split(path.sep);
    if (segments.length < 2 || segments[0] === '..' || path.isAbsolute(relative)) continue;
    names.add(segments[0] as string);
  }
  if (names.size !== 1) return undefined;
  const name = [...names][0] as string;
  if (name.startsWith('.') || name === post.assetName || name === `${post.assetName}.assets`)
    return undefined;
  const dir = path.join(postDir, name);
  if (!facts.isDirectory(dir)) return undefined;
  const oldPost = name.endsWith('.assets') ? name.slice(0, -'.assets'.length) : name;
  for (const extension of MARKDOWN_EXTENSIONS) {
    if (facts.exists(path.join(postDir, oldPost + extension))) return undefined;
  }
  const namedBySetting = copyImagesTo !== undefined && settingFolder(copyImagesTo) === name;
  if (SHARED_FOLDER_NAMES.has(name.toLowerCase()) && !namedBySetting) return undefined;
  if (facts.mentionedElsewhere(name)) return undefined;
  return { dir, name };
}

/** `./hello/` → `hello`; undefined for values Typora expands (`${filename}`) or that leave the folder. */
export function settingFolder(value: string): string | undefined {
  if (value.includes('${')) return undefined;
  const trimmed = value.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed.includes('/') || trimmed.startsWith('.') ? undefined : trimmed;
}

/**
 * The new value of a front matter setting whose path starts with the old folder (`hello`, `./hello/`,
 * `hello/sub`), or undefined if it does not name it or the new name cannot be written there without quoting.
 */
export function switchedSettingValue(
  value: string,
  oldName: string,
  newName: string,
  quote: '' | '"' | "'",
): string | undefined {
  if (value.includes('${')) return undefined;
  const match = /^(\s*(?:\.\/)?)([^/]+)(\/.*)?$/.exec(value);
  if (!match || match[2] !== oldName) return undefined;
  const unsafe = quote === '' ? /[:#'"[\]{},&*!|>%@`]|^\s|\s$|^-/ : quote === '"' ? /["\\]/ : /'/;
  if (unsafe.test(newName)) return undefined;
  return `${match[1]}${newName}${match[3] ?? ''}`;
}
