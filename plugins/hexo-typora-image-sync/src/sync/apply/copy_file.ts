/**
 * Copies a file into a post's asset folder so that it appears complete or not at all: the bytes go to a
 * verified temporary file that is then hard-linked to its name, which never replaces a file someone else
 * just created there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../read/file_version';
import { writeVerifiedTemp } from './temp_files';

export class TargetTakenError extends Error {}

/**
 * Copies `from` to `to`, which must not exist yet (or already hold the same bytes). Returns false when
 * the same content was already there. `checked`: the bytes of `from` already read and checked.
 */
export async function copyFileAtomically(from: string, to: string, checked?: Buffer): Promise<boolean> {
  const data = checked ?? (await fs.promises.readFile(from));
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const temp = await writeVerifiedTemp(to, data);
  try {
    await fs.promises.link(temp, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const there = await fs.promises.readFile(to).catch(() => undefined);
      if (there && sha256(there) === sha256(data)) return false;
      throw new TargetTakenError(`${to} appeared while syncing with other content`);
    }
    if (!isNoHardLinks(error)) throw error;
    // File systems without hard links (FAT, some network drives): rename, after checking the name is free.
    if (fs.existsSync(to)) throw new TargetTakenError(`${to} appeared while syncing`);
    await fs.promises.rename(temp, to);
    return true;
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/** The file system cannot make hard links. */
export function isNoHardLinks(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS';
}
