/**
 * Writes that a crash cannot half-do: new bytes go to a temporary file in the same folder, are fsynced,
 * read back and compared by hash, then take their place in one rename (or hard link, which never
 * replaces a file someone else just created). Temporary files carry the writer's process id, so a
 * later run removes those of a process that died, and never those of one still running.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from './read_post';

const TEMP_FILE = /^\..+\.typora-sync-(\d+)-[0-9a-f]{8}\.tmp$/;

export function isSyncTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

export function tempPathFor(target: string): string {
  const suffix = `.typora-sync-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  return path.join(path.dirname(target), `.${path.basename(target)}${suffix}`);
}

export class TargetTakenError extends Error {}
export class CopyVerificationError extends Error {}

/** Writes `data` to a new temporary file beside `target`, fsyncs it and checks it reads back identical. */
async function writeVerifiedTemp(target: string, data: Uint8Array, mode?: number): Promise<string> {
  const temp = tempPathFor(target);
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
    await fs.promises.rm(temp, { force: true });
    throw new CopyVerificationError(
      `${target}: the written copy does not read back identical (disk full or failing?)`,
    );
  }
  return temp;
}

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
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      const there = await fs.promises.readFile(to).catch(() => undefined);
      if (there && sha256(there) === sha256(data)) return false;
      throw new TargetTakenError(`${to} appeared while syncing with other content`);
    }
    // File systems without hard links (FAT, some network drives): rename, after checking the name is free.
    if (fs.existsSync(to)) throw new TargetTakenError(`${to} appeared while syncing`);
    await fs.promises.rename(temp, to);
    return true;
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
  return true;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

/**
 * Replaces `file` with `data` unless it changed since it was read (`expected`): Typora may have saved it
 * in between, and the author's save always wins. Returns false (and writes nothing) when it changed.
 */
export async function replaceFileAtomically(
  file: string,
  data: Uint8Array,
  expected: FileStamp,
  mode: number,
  beforeReplace?: () => void | Promise<void>,
): Promise<boolean> {
  const temp = await writeVerifiedTemp(file, data, mode);
  try {
    await beforeReplace?.();
    // Check and rename with no await in between: nothing in this process can write the post meanwhile,
    // and another program (Typora) has only the microseconds between these two calls.
    if (!isUnchanged(file, expected)) return false;
    fs.renameSync(temp, file);
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
  await fsyncFolder(path.dirname(file));
  return true;
}

function isUnchanged(file: string, expected: FileStamp): boolean {
  try {
    const stat = fs.statSync(file);
    if (stat.size !== expected.size || stat.mtimeMs !== expected.mtimeMs) return false;
    return sha256(fs.readFileSync(file)) === expected.hash;
  } catch {
    return false;
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

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
