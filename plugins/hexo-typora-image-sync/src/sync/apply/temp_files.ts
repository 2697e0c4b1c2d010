/**
 * Temporary files beside their target (same folder, so one rename or link puts them in place): written,
 * fsynced and read back before use, removed on any failure, and named with the writer's process id, so that
 * a later run removes those of a process that died, and never those of one still running.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../read/file_version';
import { isRunning } from './running_process';

const TEMP_FILE = /^\..+\.typora-sync-(\d+)-[0-9a-f]{8}\.tmp$/;

export class CopyVerificationError extends Error {}

export function isSyncTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

export function tempPathFor(target: string): string {
  const suffix = `.typora-sync-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  return path.join(path.dirname(target), `.${path.basename(target)}${suffix}`);
}

/**
 * Writes `data` to a new temporary file beside `target`, fsyncs it and checks it reads back identical.
 * On any failure (a full disk among them) the temporary file is gone before the error is thrown.
 */
export async function writeVerifiedTemp(target: string, data: Uint8Array, mode?: number): Promise<string> {
  const temp = tempPathFor(target);
  try {
    const handle = await fs.promises.open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const back = await fs.promises.readFile(temp);
    if (sha256(back) !== sha256(data)) {
      throw new CopyVerificationError(
        `${target}: the written copy does not read back identical (disk full or failing?)`,
      );
    }
    return temp;
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Makes renames and links in `dir` durable; a no-op where folders cannot be opened (Windows). */
export async function fsyncFolder(dir: string): Promise<void> {
  try {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data itself was already fsynced.
  }
}

/** Removes `file` if it is a temporary file of a sync process that no longer runs (never anything else). */
export function removeIfStaleTempFile(file: string): boolean {
  const match = TEMP_FILE.exec(path.basename(file));
  if (!match || isRunning(Number(match[1]))) return false;
  try {
    fs.rmSync(file, { force: true });
    return true;
  } catch {
    return false; // another run removed it first
  }
}
