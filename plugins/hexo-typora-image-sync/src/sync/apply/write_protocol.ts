/**
 * The one way sync replaces a post, made so that no save an editor makes is ever lost, however it saves:
 *
 * 0. Only a finished save is replaced: the post must not have changed for `quietMs`, and (on Linux) no
 *    other process may have it open for writing (`waitBeforeReplacing`; the caller re-reads after a wait).
 * 1. The new text goes to a temporary file beside the post (written, fsynced, read back).
 * 2. The post is renamed into the trash (`in-flight/`): an atomic move of whatever inode is at the path at
 *    that instant, so sync always holds exactly what it took away. A check-then-rename would instead drop
 *    an editor's save that lands between the two calls.
 * 3. If what it took is not the snapshot the rewrite was made from (an editor saved or wrote meanwhile), it
 *    goes straight back. Otherwise the new file is hard-linked into the path, which fails if an editor
 *    created a file there in the microseconds between: its save stays.
 * 4. The replaced inode is kept in the trash (`versions/`), never deleted. An editor that writes in place
 *    may still hold it open (a save paused mid-write). Sync watches it for `graceMs` after the last change,
 *    and on Linux for as long as another process has it open for writing (`open_writers.ts`); if anyone
 *    writes to it, the newest editor version goes back into the path (what is there is held and kept the
 *    same way) and the post is synced again later.
 *
 * Between 2 and 3 the path is empty for two system calls; a process killed there leaves the post in
 * `in-flight/`, and the next run puts it back (`Trash.recoverInterrupted`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, hashFile, sameStamp, sha256, stampAt } from '../read/file_version';
import { isNoHardLinks } from './copy_file';
import { openForWriting } from './open_writers';
import { fsyncFolder, writeVerifiedTemp } from './temp_files';
import type { Trash } from './trash';

export interface ProtocolTiming {
  /** The post must not have changed for this long before sync replaces it. */
  quietMs: number;
  /**
   * Wait while another process has the post open for writing (Linux). Only the stress tests turn it off,
   * to make sync take half-written saves on purpose and show that the rest of the protocol loses nothing.
   */
  waitForWriters: boolean;
  /** How long a replaced version is watched after the last write to it. */
  graceMs: number;
  /** How often it is looked at meanwhile. */
  pollMs: number;
}

/** Posts changed longer ago than this are not asked about open writers (the look at all processes costs). */
const RECENT_MS = 60_000;
/** File times come from a coarse clock: a look must start this much after a change to be sure to follow it. */
const CLOCK_SLACK_MS = 10;

/**
 * Step 0: how long to wait before the post read with `stamp` may be replaced; 0 when it may be now. After
 * a wait the caller reads the post again (it may have changed).
 */
export function waitBeforeReplacing(
  file: string,
  stamp: FileStamp,
  timing: Pick<ProtocolTiming, 'quietMs' | 'pollMs' | 'waitForWriters'>,
): number {
  const untilQuiet = stamp.changedMs + timing.quietMs - Date.now();
  if (untilQuiet > 0) return Math.max(timing.pollMs, untilQuiet);
  if (!timing.waitForWriters || Date.now() - stamp.changedMs > RECENT_MS) return 0;
  // An editor in the middle of a save, possibly paused for longer than the quiet time. A look older than
  // the last change may have missed a writer that opened (and truncated) the post since.
  const writing = openForWriting([file], stamp.changedMs + CLOCK_SLACK_MS)?.size ?? 0;
  return writing > 0 ? Math.max(timing.pollMs, 50) : 0;
}

/** A replaced version still open for writing is watched at most this long after its last change. */
const OPEN_WATCH_MS = 60_000;

export interface Replacement {
  file: string;
  /** What the rewrite was made from. */
  snapshot: { stamp: FileStamp; hash: string };
  bytes: Uint8Array;
  mode: number;
}

export interface Settled {
  /** An editor wrote to a replaced version and it was put back (the post needs syncing again). */
  restored: boolean;
  /** The versions this replacement left in the trash. */
  versions: string[];
  /** Watching failed (the version is still in the trash). */
  error?: unknown;
}

export type ReplaceResult =
  | {
      kind: 'replaced';
      /** The stamp and hash of what sync wrote. */
      written: { stamp: FileStamp; hash: string };
      /** Where the replaced version is kept. */
      version: string;
      /** Resolves once no editor wrote to the replaced version for `graceMs`. */
      settled: Promise<Settled>;
    }
  /** The post is not what the rewrite was made from: nothing was replaced. */
  | { kind: 'editor-saved' };

const EDITOR_SAVED: ReplaceResult = { kind: 'editor-saved' };

export async function replacePost(
  replacement: Replacement,
  trash: Trash,
  timing: ProtocolTiming,
  beforeReplace?: () => void | Promise<void>,
): Promise<ReplaceResult> {
  const { file, snapshot } = replacement;
  const temp = await writeVerifiedTemp(file, replacement.bytes, replacement.mode);
  let held: string;
  let written: FileStamp | undefined;
  try {
    await beforeReplace?.();
    // No await from here to the link: this process cannot change the post meanwhile, and an editor's
    // writes are caught by what follows, not by luck.
    if (!sameStamp(stampAt(file), snapshot.stamp)) return EDITOR_SAVED;
    const taken = take(file, trash);
    if (!taken) return EDITOR_SAVED;
    held = taken.held;
    if (!sameStamp(taken.stamp, snapshot.stamp)) {
      putBack(held, file, trash);
      return EDITOR_SAVED;
    }
    try {
      createOnly(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        // An editor saved into the empty path: its file stays, and what sync took is a version.
        trash.keepVersion(held, file);
        return EDITOR_SAVED;
      }
      putBack(held, file, trash);
      throw error;
    }
    written = stampAt(file);
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
  await fsyncFolder(path.dirname(file));
  let version = held;
  try {
    version = trash.keepVersion(held, file);
  } catch {
    // Kept where it is: the next run files it among the versions (`Trash.recoverInterrupted`).
  }
  const ours: Placed = { stamp: written, hash: sha256(replacement.bytes), ours: true };
  const displaced: Displaced[] = [{ path: version, stamp: snapshot.stamp, hash: snapshot.hash }];
  return {
    kind: 'replaced',
    written: { stamp: written as FileStamp, hash: ours.hash as string },
    version,
    settled: watchDisplaced(file, ours, displaced, trash, timing),
  };
}

/** A replaced version in the trash, as sync last saw it. */
interface Displaced {
  path: string;
  stamp: FileStamp;
  hash: string | undefined;
}

/** What is at the post's path as far as sync knows, and whether sync wrote it. */
interface Placed {
  stamp: FileStamp | undefined;
  hash: string | undefined;
  ours: boolean;
}

/**
 * Watches the replaced versions until none changed for `graceMs`. The first look is immediate and compares
 * content (two writes in one clock tick have the same stamp); later looks compare stamps, and the last one
 * content again.
 */
async function watchDisplaced(
  file: string,
  initial: Placed,
  displaced: Displaced[],
  trash: Trash,
  timing: ProtocolTiming,
): Promise<Settled> {
  let placed = initial;
  let restored = false;
  let displacedAt = Date.now();
  const versions = displaced.map((d) => d.path);
  try {
    let lastChange = Date.now();
    for (let look = 0; ; look++) {
      const since = Date.now() - lastChange;
      const final =
        since >= timing.graceMs &&
        (since >= OPEN_WATCH_MS ||
          (openForWriting(
            displaced.map((d) => d.path),
            displacedAt,
          )?.size ?? 0) === 0);
      const changed: Displaced[] = [];
      for (const entry of displaced) {
        const stamp = stampAt(entry.path);
        if (!stamp) continue; // the author removed it from the trash
        const byContent = look === 0 || final;
        if (sameStamp(stamp, entry.stamp) && !(byContent && hashFile(entry.path) !== entry.hash)) continue;
        entry.stamp = stamp;
        entry.hash = hashFile(entry.path);
        changed.push(entry);
      }
      if (changed.length > 0) {
        const newest = changed.reduce((a, b) => (b.stamp.mtimeNs > a.stamp.mtimeNs ? b : a));
        placed = restore(file, newest, placed, displaced, trash, versions);
        restored = true;
        lastChange = Date.now();
        displacedAt = lastChange;
      } else if (final) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, timing.pollMs));
    }
    return { restored, versions: versions.filter((v) => fs.existsSync(v)) };
  } catch (error) {
    return { restored, versions, error };
  }
}

/**
 * An editor wrote to a replaced version: the newest editor content goes back into the path. What is at the
 * path is taken first; if it is sync's own rewrite, untouched, it is dropped, otherwise it is kept as a
 * version (and watched, since the editor may be writing it too).
 */
function restore(
  file: string,
  newest: Displaced,
  placed: Placed,
  displaced: Displaced[],
  trash: Trash,
  versions: string[],
): Placed {
  // The path is empty from `take` to the link: decide by stamps alone in between, read content after.
  const taken = take(file, trash);
  const looksOurs = taken !== undefined && placed.ours && sameStamp(taken.stamp, placed.stamp);
  const takenIsNewer = taken !== undefined && !looksOurs && taken.stamp.mtimeNs >= newest.stamp.mtimeNs;
  const winner = takenIsNewer && taken ? taken.held : newest.path;
  let back = false;
  try {
    createOnly(winner, file);
    back = true;
  } catch (error) {
    // EEXIST: an editor saved into the empty path; that is the newest version, and it stays.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      if (taken) putBack(taken.held, file, trash);
      throw error;
    }
  }
  if (back && winner === newest.path) {
    // Back in its place: the trash no longer needs its second name.
    fs.rmSync(newest.path, { force: true });
    displaced.splice(displaced.indexOf(newest), 1);
  }
  if (taken) {
    // Sync's own rewrite, untouched, is dropped; anything else an editor wrote is kept, and watched.
    const ours = looksOurs && hashFile(taken.held) === placed.hash;
    if (ours || (back && winner === taken.held)) {
      trash.dropHeld(taken.held);
    } else {
      const version = trash.keepVersion(taken.held, file);
      versions.push(version);
      displaced.push({ path: version, stamp: taken.stamp, hash: hashFile(version) });
    }
  }
  return { stamp: stampAt(file), hash: hashFile(file), ours: false };
}

/** Renames whatever is at `file` into the trash; undefined if nothing is there. */
function take(file: string, trash: Trash): { held: string; stamp: FileStamp } | undefined {
  const held = trash.holdSlot(file);
  try {
    fs.renameSync(file, held);
  } catch (error) {
    trash.dropHeld(held);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { held, stamp: stampAt(held) as FileStamp };
}

/** Puts a held file back in its place, unless an editor created a new one there meanwhile. */
function putBack(held: string, file: string, trash: Trash): void {
  try {
    createOnly(held, file);
    trash.dropHeld(held);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      trash.keepVersion(held, file);
      return;
    }
    // A link that fails for another reason (a full folder): a rename needs nothing new on disk.
    if (fs.existsSync(file)) throw error;
    fs.renameSync(held, file);
  }
}

/** Gives `from`'s inode the name `to`, failing with EEXIST if `to` exists (never replacing anything). */
function createOnly(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (!isNoHardLinks(error)) throw error;
    // File systems without hard links (FAT, some network drives): rename, after checking the name is free.
    if (fs.existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    fs.renameSync(from, to);
  }
}
