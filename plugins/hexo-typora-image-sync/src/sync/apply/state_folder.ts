/**
 * Where sync keeps what must outlive a run: the lock, and the trash (every version of a post that sync
 * replaced, every file `--prune` moved, and what a rewrite holds while it is under way). When the site is a
 * git work tree that is inside its git folder, `.git/typora-sync/`, which `git clean -fdx` never touches and
 * git never lists; otherwise in `.typora-sync/` in the site folder, git-ignored by its own `.gitignore`.
 */
import fs from 'node:fs';
import path from 'node:path';

export const STATE_FOLDER_NAME = 'typora-sync';
/** The folder's name in the site when there is no git folder. */
export const SITE_STATE_FOLDER = `.${STATE_FOLDER_NAME}`;

export function stateFolderOf(baseDir: string): string {
  const gitDir = gitDirOf(baseDir);
  return gitDir ? path.join(gitDir, STATE_FOLDER_NAME) : path.join(baseDir, SITE_STATE_FOLDER);
}

/**
 * Creates the state folder and returns it. With `keeps: true` (the trash is about to hold something), a
 * state folder in the site also gets its `.gitignore`; the lock alone leaves nothing behind.
 */
export function ensureStateFolder(dir: string, keeps = false): string {
  fs.mkdirSync(dir, { recursive: true });
  if (keeps && path.basename(dir) === SITE_STATE_FOLDER) {
    const ignore = path.join(dir, '.gitignore');
    if (!fs.existsSync(ignore)) {
      fs.writeFileSync(
        ignore,
        '# hexo-typora-image-sync: the lock and the trash (see trash/README.txt).\n*\n',
      );
    }
  }
  return dir;
}

/** Removes the state folder if nothing is in it (a run that kept nothing leaves no trace). */
export function removeStateFolderIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty, or gone.
  }
}

/** `.git` as a folder, or as the file a linked work tree or submodule has (`gitdir: <path>`). */
function gitDirOf(baseDir: string): string | undefined {
  const dotGit = path.join(baseDir, '.git');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dotGit);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return dotGit;
  if (!stat.isFile()) return undefined;
  try {
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    if (!match) return undefined;
    const dir = path.resolve(baseDir, match[1] as string);
    return fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}
