/**
 * The folders Typora pastes images into ("typora-user-images"), at the places it really uses, so that the
 * dot-folder rule can make an exception for exactly these and not for any path that merely contains the
 * same names (`~/.ssh/.config/Typora/typora-user-images/`). Places, as Typora writes them in posts:
 * Linux `~/.config/Typora/typora-user-images` ($XDG_CONFIG_HOME when set), the Snap package
 * `~/snap/typora/<revision>/.config/Typora/typora-user-images`, macOS
 * `~/Library/Application Support/typora-user-images`, Windows `%APPDATA%\Typora\typora-user-images`.
 */
import fs from 'node:fs';
import path from 'node:path';

const IMAGES = 'typora-user-images';

/** Pure: the folders for a home folder, environment and the Snap revisions installed under it. */
export function typoraImageFolders(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
  snapRevisions: readonly string[] = [],
): string[] {
  const folders = [
    path.join(home, '.config', 'Typora', IMAGES),
    path.join(home, 'Library', 'Application Support', IMAGES),
    ...snapRevisions.map((revision) =>
      path.join(home, 'snap', 'typora', revision, '.config', 'Typora', IMAGES),
    ),
  ];
  if (env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME))
    folders.push(path.join(env.XDG_CONFIG_HOME, 'Typora', IMAGES));
  if (env.APPDATA && path.isAbsolute(env.APPDATA)) folders.push(path.join(env.APPDATA, 'Typora', IMAGES));
  return folders;
}

const cache = new Map<string, readonly string[]>();

/** The folders on this machine, as written and with symbolic links resolved (read once per home folder). */
export function readTyporaFolders(home: string): readonly string[] {
  let folders = cache.get(home);
  if (folders) return folders;
  let revisions: string[] = [];
  try {
    revisions = fs.readdirSync(path.join(home, 'snap', 'typora'));
  } catch {
    // No Snap install.
  }
  const all = new Set<string>();
  for (const folder of typoraImageFolders(home, process.env, revisions)) {
    all.add(folder);
    try {
      all.add(fs.realpathSync.native(folder));
    } catch {
      // Not on this machine.
    }
  }
  folders = [...all];
  cache.set(home, folders);
  return folders;
}
