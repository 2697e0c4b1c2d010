/** The scope of the last check before bytes are published or copied, from the site's folders and settings. */
import path from 'node:path';
import { realPathOr } from '../fs/real_path';
import type { ServeScope } from './open_checked_file';
import { readTyporaFolders } from './typora_folders';

export function serveScopeOf(
  dirs: { baseDir: string; sourceDir: string; homeDir: string },
  policy: { strict: boolean; maxBytes: number },
): ServeScope {
  const realBaseDir = realPathOr(path.resolve(dirs.baseDir));
  return {
    sourceDir: path.resolve(dirs.sourceDir),
    realSourceDir: realPathOr(path.resolve(dirs.sourceDir)),
    realBaseDir,
    policy: {
      baseDir: realBaseDir,
      strict: policy.strict,
      maxBytes: policy.maxBytes,
      typoraFolders: readTyporaFolders(dirs.homeDir),
    },
  };
}
