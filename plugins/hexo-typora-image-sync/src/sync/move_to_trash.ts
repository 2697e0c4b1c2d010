/**
 * `--prune` never deletes: it moves files into `.typora-trash/<time>/` inside the site folder, keeping
 * their paths, so that undoing it is one `mv`. The trash ignores itself in git.
 */
import fs from 'node:fs';
import path from 'node:path';

export const TRASH_FOLDER = '.typora-trash';

export interface Moved {
  from: string;
  to: string;
}

export function trashDirFor(baseDir: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return path.join(baseDir, TRASH_FOLDER, stamp);
}

export async function moveToTrash(baseDir: string, files: readonly string[], now: Date): Promise<Moved[]> {
  if (files.length === 0) return [];
  const root = path.join(baseDir, TRASH_FOLDER);
  await fs.promises.mkdir(root, { recursive: true });
  const ignore = path.join(root, '.gitignore');
  if (!fs.existsSync(ignore))
    await fs.promises.writeFile(ignore, '# Files moved here by `hexo typora sync --prune`.\n*\n');
  const dir = trashDirFor(baseDir, now);
  const moved: Moved[] = [];
  for (const file of files) {
    let to = path.join(dir, path.relative(baseDir, file));
    for (let n = 2; fs.existsSync(to); n++) to = `${path.join(dir, path.relative(baseDir, file))}.${n}`;
    await fs.promises.mkdir(path.dirname(to), { recursive: true });
    await fs.promises.rename(file, to);
    moved.push({ from: file, to });
  }
  return moved;
}
