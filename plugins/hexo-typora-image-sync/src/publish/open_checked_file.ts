/**
 * The last check, when a file's bytes are about to be written to public/ or sent by `hexo server`: the
 * file is opened first, and the decision is made about what was opened (its real path, and for a file
 * from outside `source/` the very bytes that are published), so that a file swapped for a link to
 * `~/.ssh/id_rsa` after the build looked at it is refused too. Reads are bounded by `maxBytes`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  decideHexoFile,
  decideOutsideFile,
  decideSourceFile,
  type HexoFileScope,
  isInside,
  type OutsidePolicy,
} from './outside_file_policy';
import { factsOfBytes, factsOfDescriptor } from './read_file_facts';

export type CheckedFile =
  /** Publish by streaming from this open descriptor (the caller closes it, or the stream does). */
  | { kind: 'stream'; fd: number }
  /** Publish exactly these bytes (they are what was checked). */
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'refused'; reason: string };

export interface ServeScope extends HexoFileScope {
  policy: OutsidePolicy;
}

/**
 * `who` says who publishes the file: Hexo (a post asset or a file under `source/`, checked where links
 * lead) or the plugin (a file the reference verdict allowed: Hexo's privacy rule inside `source/`, the
 * outside-file rule elsewhere).
 */
export async function openCheckedFile(
  file: string,
  who: 'hexo' | 'plugin',
  scope: ServeScope,
): Promise<CheckedFile> {
  let fd: number;
  try {
    // Asynchronous, as Hexo's own reads are: ten thousand files must not queue on the main thread.
    fd = await openAsync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return { kind: 'refused', reason: `it cannot be read (${codeOf(error)})` };
  }
  let keep = false;
  try {
    const opened = await fstatAsync(fd);
    if (!opened.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
    const real = await realPathOfOpened(fd, file, opened);
    if (real === undefined) return { kind: 'refused', reason: 'it changed while it was being published' };
    const outsideSource = !isInside(real, scope.realSourceDir);
    if (who === 'plugin' && outsideSource) {
      const bytes = readBounded(fd, opened.size, scope.policy.maxBytes);
      if (!bytes) {
        return {
          kind: 'refused',
          reason: `it is larger than ${Math.round(scope.policy.maxBytes / 1048576)} MiB`,
        };
      }
      const decision = decideOutsideFile(factsOfBytes(real, bytes, scope.policy), scope.policy);
      return decision.allowed ? { kind: 'bytes', bytes } : { kind: 'refused', reason: decision.reason };
    }
    const decision =
      who === 'plugin'
        ? decideSourceFile(path.relative(scope.realSourceDir, real), true)
        : decideHexoFile(
            file,
            real,
            outsideSource
              ? factsOfDescriptor(fd, real, { maxBytes: scope.policy.maxBytes, name: path.basename(file) })
              : undefined,
            scope,
            scope.policy,
          );
    if (!decision.allowed) return { kind: 'refused', reason: decision.reason };
    keep = true;
    return { kind: 'stream', fd };
  } catch (error) {
    return { kind: 'refused', reason: `it cannot be read (${codeOf(error)})` };
  } finally {
    if (!keep) fs.closeSync(fd);
  }
}

/** The whole file, if it has at most `maxBytes` (read up to one byte more, in case it grew). */
function readBounded(fd: number, size: number, maxBytes: number): Buffer | undefined {
  if (size > maxBytes) return undefined;
  const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) break;
    length += read;
    if (length === buffer.length) return undefined;
  }
  return buffer.subarray(0, length);
}

const openAsync = promisify(fs.open);
const fstatAsync = promisify(fs.fstat);
const realpathAsync = promisify(fs.realpath.native);

/**
 * The real path of the file that is open (not of whatever the path names now): on Linux the kernel's
 * own name for the descriptor, in one call; elsewhere the path's real path, checked to be the same file.
 */
async function realPathOfOpened(fd: number, file: string, opened: fs.Stats): Promise<string | undefined> {
  if (process.platform === 'linux') {
    try {
      const name = await fs.promises.readlink(`/proc/self/fd/${fd}`);
      if (path.isAbsolute(name) && !name.endsWith(' (deleted)')) return name;
    } catch {
      // No /proc: as elsewhere.
    }
  }
  const real = await realpathAsync(file);
  const atReal = await fs.promises.stat(real);
  // The path may have been swapped between open and realpath: decide only about the file that is open.
  return atReal.ino === opened.ino && atReal.dev === opened.dev ? real : undefined;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * The bytes `hexo typora sync` copies into an asset folder, checked as the build checks what it publishes:
 * once copied there, a file is the author's own, so a file swapped after sync's plan looked at it must not
 * get in. Undefined bytes: a file from inside `source/`, which sync may copy by its path.
 */
export async function readCheckedCopy(
  file: string,
  scope: ServeScope,
): Promise<{ kind: 'copy'; bytes?: Buffer } | { kind: 'refused'; reason: string }> {
  const checked = await openCheckedFile(file, 'plugin', scope);
  if (checked.kind === 'refused') return checked;
  if (checked.kind === 'bytes') return { kind: 'copy', bytes: checked.bytes };
  fs.closeSync(checked.fd);
  return { kind: 'copy' };
}
