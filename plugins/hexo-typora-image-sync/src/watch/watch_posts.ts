/**
 * Keeps images in their post's asset folder while the author writes: chokidar watches `source/_posts/`
 * and `source/_drafts/`; when Typora saves a post (a temporary file renamed over it), that post is synced
 * by the same `syncPosts` as the console command, after a short pause that folds a burst of events into
 * one sync (the images are copied then; the post is rewritten once it has been quiet, by the engine's
 * write protocol). The watcher holds the site's lock while it runs, so no `hexo typora sync` or second
 * watcher writes at the same time. Its own rewrite of a post is recognised by its hash and not synced again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { isMarkdownFile } from '../markdown/markdown_files';
import { acquireSiteLock } from '../sync/apply/site_lock';
import { stateFolderOf } from '../sync/apply/state_folder';
import { type Recovered, Trash } from '../sync/apply/trash';
import { sha256 } from '../sync/read/file_version';
import { POST_FOLDERS } from '../sync/read/find_posts';
import type { SyncSettings } from '../sync/settings';
import type { PostTiming } from '../sync/sync_post';
import { type SyncReport, syncPosts } from '../sync/sync_posts';

/** Quiet time after the last event of a save before the post is synced. */
const DEBOUNCE_MS = 40;
/**
 * chokidar drops events: a second `change` of a file within 50 ms, a folder rescan within 1 s. A save that
 * follows a sync closely (the author pastes again right away) would go unseen; so after each sync the
 * post's stat is compared again a few times, past both throttles.
 */
const RECHECK_MS = [60, 250, 1100];

export interface WatchedSync {
  file: string;
  report: SyncReport;
  /** When the first event of the save arrived, and when its sync finished (ms since the epoch). */
  firstEventAt: number;
  doneAt: number;
}

export interface WatchOptions extends SyncSettings, Partial<PostTiming> {
  debounceMs?: number;
  /** Who holds the site's lock, for the message a second sync shows. */
  command?: string;
  onSynced?(sync: WatchedSync): void;
  onError?(error: unknown, file: string): void;
  /** Posts a killed sync had held aside, put back when the watcher starts. */
  onRecovered?(recovered: readonly Recovered[]): void;
}

export interface PostWatcher {
  /** Resolves once the initial scan is done and saves are seen. */
  ready: Promise<void>;
  /** Resolves when no sync is waiting or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts watching; throws `SiteLockedError` if another sync or watcher runs on the site. */
export function watchPosts(options: WatchOptions): PostWatcher {
  const stateDir = stateFolderOf(options.baseDir);
  const lock = acquireSiteLock(stateDir, options.command ?? 'hexo typora watch');
  const recovered = new Trash(stateDir, options).recoverInterrupted();
  if (recovered.length > 0) options.onRecovered?.(recovered);
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const sourceDir = path.resolve(options.sourceDir);
  const timers = new Map<string, NodeJS.Timeout>();
  const firstEvent = new Map<string, number>();
  const running = new Set<string>();
  const again = new Set<string>();
  const ownWrites = new Map<string, string>();
  const stamps = new Map<string, string>();
  const rechecks = new Set<NodeJS.Timeout>();
  let waiters: (() => void)[] = [];
  let closed = false;

  const settle = (): void => {
    if (timers.size > 0 || running.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const schedule = (file: string): void => {
    if (closed) return;
    if (!firstEvent.has(file)) firstEvent.set(file, Date.now());
    clearTimeout(timers.get(file));
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        void syncNow(file);
      }, debounceMs),
    );
  };

  const syncNow = async (file: string): Promise<void> => {
    if (running.has(file)) {
      again.add(file);
      return;
    }
    running.add(file);
    const startedBy = firstEvent.get(file) ?? Date.now();
    firstEvent.delete(file);
    try {
      let hash: string;
      try {
        hash = sha256(fs.readFileSync(file));
      } catch {
        return; // deleted or renamed away since the event
      }
      if (ownWrites.get(file) === hash) return;
      const {
        debounceMs: _debounce,
        onSynced: _onSynced,
        onError: _onError,
        command: _command,
        ...engine
      } = options;
      const report = await syncPosts({ ...engine, posts: [file], orphans: 'skip', lock });
      for (const written of report.written) ownWrites.set(written.file, written.hash);
      options.onSynced?.({ file, report, firstEventAt: startedBy, doneAt: Date.now() });
    } catch (error) {
      options.onError?.(error, file);
    } finally {
      running.delete(file);
      stamps.set(file, stampOf(file));
      if (again.delete(file)) schedule(file);
      else recheckLater(file);
      settle();
    }
  };

  const recheckLater = (file: string): void => {
    for (const delay of RECHECK_MS) {
      const timer = setTimeout(() => {
        rechecks.delete(timer);
        if (closed || timers.has(file) || running.has(file)) return;
        if (stampOf(file) !== stamps.get(file)) schedule(file);
      }, delay);
      timer.unref();
      rechecks.add(timer);
    }
  };

  // source/ itself, not its post folders: chokidar handles a missing `_drafts/` by rescanning the parent,
  // which would hide saves made meanwhile; the filter below keeps everything but the post folders out.
  // Linked folders are not followed (as the sync walker does not): a link to `/usr` would be walked whole.
  const watcher: FSWatcher = watch(sourceDir, {
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (file, stats) => isIgnored(sourceDir, file, stats),
  });
  const onPost = (file: string): void => {
    if (isMarkdownFile(file)) schedule(path.resolve(file));
  };
  watcher.on('add', onPost);
  watcher.on('change', onPost);
  watcher.on('error', (error) => options.onError?.(error, sourceDir));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async close() {
      closed = true;
      for (const timer of [...timers.values(), ...rechecks]) clearTimeout(timer);
      timers.clear();
      rechecks.clear();
      await watcher.close();
      // A sync under way finishes (its write protocol included) before the lock is let go.
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
      lock.release();
    },
  };
}

/** Only markdown in the post folders is watched: not dot folders, temporary files, images or pages. */
function isIgnored(sourceDir: string, file: string, stats?: fs.Stats): boolean {
  const relative = path.relative(sourceDir, file);
  if (relative === '' || relative.startsWith('..')) return false;
  const name = path.basename(file);
  const segments = relative.split(path.sep);
  if (!(POST_FOLDERS as readonly string[]).includes(segments[0] as string)) return true;
  if (segments.some((segment) => segment.startsWith('.') || segment === 'node_modules')) return true;
  if (stats?.isDirectory()) return false;
  if (stats?.isFile()) return !isMarkdownFile(name);
  // Not stat'ed yet: skip what is clearly a file that is no post (images, PDFs, …).
  return path.extname(name) !== '' && !isMarkdownFile(name);
}

function stampOf(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}
