import fs from 'node:fs';

/** A folder's real path (symbolic links resolved), to compare files' real paths with; the path itself if it cannot be resolved. */
export function realPathOr(dir: string): string {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return dir;
  }
}
