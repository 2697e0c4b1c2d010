/**
 * Files in post folders that nothing uses: no reference resolves to them and no document even mentions
 * their name (front matter `cover:`, `{% asset_img %}` tags and themes name files that way).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMarkdownFile } from '../markdown/markdown_files';
import { walkFiles } from './find_posts';
import { isSyncTempFile } from './write_atomically';

export interface OrphanQuery {
  /** Folders to look in. */
  roots: readonly string[];
  /** Files some reference resolves to (paths as referenced and real paths). */
  referenced: ReadonlySet<string>;
  /** True if a document mentions this file name (percent-encoded or not). */
  mentioned(file: string): boolean;
}

export function findOrphans(query: OrphanQuery): string[] {
  const orphans: string[] = [];
  for (const root of query.roots) {
    for (const { file } of walkFiles(root)) {
      if (isMarkdownFile(file) || isSyncTempFile(path.basename(file))) continue;
      if (query.referenced.has(file) || query.referenced.has(realPath(file))) continue;
      if (query.mentioned(file)) continue;
      orphans.push(file);
    }
  }
  return orphans;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}
