/**
 * One sync at a time per site: `hexo typora sync`, `hexo typora watch` and the watcher of `hexo server` each
 * hold the lock while they may write, and a second one stops with a message naming the first. The lock is
 * a file created with a hard link (which fails if it exists); a lock whose process died is taken over.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning } from './running_process';
import { ensureStateFolder, removeStateFolderIfEmpty } from './state_folder';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  token: string;
}

export interface SiteLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): void;
}

export class SiteLockedError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly file: string,
  ) {
    super(
      `${holder.command} (process ${holder.pid}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}, since ${holder.since}) is already syncing this site; two syncs at once could copy the same image twice or rewrite a post under each other. Wait for it to finish or stop it, then run again (if no such process runs, delete ${file}); nothing was done.`,
    );
  }
}

const ATTEMPTS = 5;

export function acquireSiteLock(stateDir: string, command: string): SiteLock {
  ensureStateFolder(stateDir);
  const file = path.join(stateDir, 'lock');
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command,
    since: new Date().toISOString(),
    token: crypto.randomBytes(8).toString('hex'),
  };
  const mine = `${file}.${process.pid}-${holder.token}`;
  fs.writeFileSync(mine, `${JSON.stringify(holder)}\n`);
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        fs.linkSync(mine, file);
        return lockOf(file, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readHolder(file);
      if (current === 'gone') continue;
      if (current !== 'unreadable' && isAlive(current)) throw new SiteLockedError(current, file);
      takeOverStale(file, current);
    }
    const current = readHolder(file);
    if (typeof current === 'object') throw new SiteLockedError(current, file);
    throw new Error(`could not take the lock ${file}; delete it if no hexo process runs, then run again`);
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

function lockOf(file: string, holder: LockHolder): SiteLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const current = readHolder(file);
    if (typeof current === 'object' && current.token === holder.token) fs.rmSync(file, { force: true });
    removeStateFolderIfEmpty(path.dirname(file));
  };
  // A process that exits without releasing (Ctrl+C in `hexo server`) leaves no lock behind.
  process.on('exit', release);
  return { file, holder, release };
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.token === 'string' ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Another machine's process cannot be asked: its lock counts as held. */
function isAlive(holder: LockHolder): boolean {
  return holder.host !== os.hostname() || isRunning(holder.pid);
}

/**
 * Removes a dead process's lock. Renaming it away is atomic; if what was renamed is not the lock that was
 * judged dead (another process took the lock meanwhile), it goes back.
 */
function takeOverStale(file: string, stale: LockHolder | 'unreadable'): void {
  const aside = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  const moved = readHolder(aside);
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.token === stale.token;
  if (!same) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third process holds it now: it is theirs either way.
    }
  }
  fs.rmSync(aside, { force: true });
}
