/**
 * The sync engine: one plain async function that `hexo typora sync`, the watcher and the tests all call.
 * For each post it copies every referenced file that lives outside the post's asset folder into it and
 * rewrites only those destinations (`sync_post.ts`), never overwriting a save the author made meanwhile,
 * never moving or deleting an original, and keeping every version of a post it replaced in the trash. It
 * holds the site's lock while it may write, so no second sync or watcher runs on the site at the same time.
 * A second run changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { displayPath } from '../diagnostics';
import { isMarkdownFile } from '../markdown/markdown_files';
import { acquireSiteLock, type SiteLock } from './apply/site_lock';
import { stateFolderOf } from './apply/state_folder';
import { isSyncTempFile, removeIfStaleTempFile } from './apply/temp_files';
import { type Moved, type Recovered, Trash } from './apply/trash';
import type { Settled } from './apply/write_protocol';
import type { Finding } from './plan/finding';
import type { CopyStep } from './plan/plan_post';
import { type PruneCandidate, planPrune } from './plan/plan_prune';
import { unifiedDiff } from './plan/unified_diff';
import { POST_FOLDERS, type PostEntry, walkFiles } from './read/find_posts';
import { type Selection, SiteFacts } from './read/site_facts';
import type { SyncSettings } from './settings';
import { type PostOutcome, type PostTiming, syncPost } from './sync_post';

export const DEFAULT_TIMING: PostTiming = {
  quietMs: 750,
  graceMs: 1000,
  pollMs: 25,
  maxWaitMs: 10_000,
  waitForWriters: true,
};

/** Rounds of syncing posts whose editor save was put back by the write protocol. */
const ROUNDS = 3;

export interface SyncOptions extends SyncSettings, Selection, Partial<PostTiming> {
  /** Print what would change; write nothing (and take no lock). */
  dryRun?: boolean;
  /** Orphaned files in post folders: ignore them, list them, or move them to the trash. */
  orphans?: 'skip' | 'report' | 'prune';
  /** Posts synced at the same time (their file writes overlap). */
  concurrency?: number;
  now?: Date;
  onProgress?(done: number, total: number): void;
  /** Called after the new post is written and verified, just before it replaces the old one (tests). */
  beforeReplace?(file: string, attempt: number): void | Promise<void>;
  /** The site's lock, when the caller holds it (the watcher); otherwise the run takes it. */
  lock?: SiteLock;
  /** Who holds the lock, for the message a second sync shows (`hexo typora sync`). */
  command?: string;
}

export interface SyncReport {
  /** Posts looked at. */
  posts: number;
  /** Posts rewritten or given files (would be, in a dry run), as `source/_posts/hello.md`. */
  changed: string[];
  /** The rewritten posts and the hash of what was written (the watcher ignores its own writes). */
  written: { file: string; hash: string }[];
  /** Files copied (would be, in a dry run). */
  copied: CopyStep[];
  /** References rewritten. */
  rewritten: number;
  /** Posts that needed nothing. */
  unchanged: number;
  /** What was fixed (would be, in a dry run). */
  fixed: Finding[];
  /** What sync could not fix: the post or reference is left as it was. */
  problems: Finding[];
  /** Files in post folders nothing uses (moved to the trash with `orphans: 'prune'`). */
  orphans: string[];
  /** Files no reference resolves to that were kept, and why. */
  kept: { file: string; reason: string }[];
  pruned: Moved[];
  /** Posts an editor wrote to while sync replaced them: the editor's save was put back. */
  restored: string[];
  /** Posts a killed run had held aside, put back. */
  recovered: Recovered[];
  /** Posts a killed run holds aside (dry run: the next real run puts them back). */
  interrupted: string[];
  /** Versions of posts this run replaced, kept in the trash. */
  versions: string[];
  /** Times an editor saved a post in the instant sync was replacing it, and the save was left in place. */
  editorSaves: number;
  /** The unified diff of every post that changes (dry run only). */
  diff: string;
}

export async function syncPosts(options: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = {
    posts: 0,
    changed: [],
    written: [],
    copied: [],
    rewritten: 0,
    unchanged: 0,
    fixed: [],
    problems: [],
    orphans: [],
    kept: [],
    pruned: [],
    restored: [],
    recovered: [],
    interrupted: [],
    versions: [],
    editorSaves: 0,
    diff: '',
  };
  const stateDir = stateFolderOf(options.baseDir);
  const trash = new Trash(stateDir, options);
  const writing = !options.dryRun;
  const lock =
    writing && !options.lock ? acquireSiteLock(stateDir, options.command ?? 'hexo typora sync') : undefined;
  try {
    // A post a killed run held aside is back before the posts are listed.
    if (writing) report.recovered = trash.recoverInterrupted();
    else report.interrupted = trash.interrupted();
    const facts = new SiteFacts(options, options);
    report.posts = facts.selected.length;
    if (writing) cleanUpAfterCrashes(facts);
    const outcomes = await syncAll(facts, trash, options, report);
    summarize(facts, outcomes, options, report);
    if ((options.orphans ?? 'skip') !== 'skip') await collectOrphans(facts, trash, options, outcomes, report);
  } finally {
    trash.close();
    lock?.release();
  }
  return report;
}

async function syncAll(
  facts: SiteFacts,
  trash: Trash,
  options: SyncOptions,
  report: SyncReport,
): Promise<Map<PostEntry, PostOutcome>> {
  const timing: PostTiming = {
    quietMs: options.quietMs ?? DEFAULT_TIMING.quietMs,
    graceMs: options.graceMs ?? DEFAULT_TIMING.graceMs,
    pollMs: options.pollMs ?? DEFAULT_TIMING.pollMs,
    maxWaitMs: options.maxWaitMs ?? DEFAULT_TIMING.maxWaitMs,
    waitForWriters: options.waitForWriters ?? DEFAULT_TIMING.waitForWriters,
  };
  const work = {
    facts,
    trash,
    timing,
    dryRun: options.dryRun === true,
    baseDir: options.baseDir,
    ...(options.beforeReplace ? { beforeReplace: options.beforeReplace } : {}),
  };
  const outcomes = new Map<PostEntry, PostOutcome>();
  const copied = new Map<PostEntry, CopyStep[]>();
  let pending = facts.selected;
  let done = 0;
  for (let round = 0; pending.length > 0; round++) {
    const settling: Promise<[PostEntry, Settled]>[] = [];
    await forEachLimited(pending, options.concurrency ?? 4, async (post) => {
      const outcome = await syncPost(post, work);
      outcomes.set(post, outcome);
      copied.set(post, [...(copied.get(post) ?? []), ...outcome.copied]);
      if (outcome.settled) settling.push(outcome.settled.then((settled) => [post, settled]));
      if (round === 0) options.onProgress?.(++done, facts.selected.length);
    });
    const again: PostEntry[] = [];
    for (const [post, settled] of await Promise.all(settling)) {
      report.versions.push(...settled.versions);
      if (settled.error) {
        outcomes.get(post)?.problems.push({
          file: post.displayPath,
          line: 1,
          severity: 'warning',
          problem: `sync could not finish watching the version it replaced (${String(settled.error)})`,
          fix: `if your latest save is missing, it is in ${displayPath(options.baseDir, trash.root)}/versions/`,
        });
      }
      if (!settled.restored) continue;
      report.restored.push(post.displayPath);
      again.push(post);
    }
    if (again.length > 0 && round + 1 >= ROUNDS) {
      for (const post of again) {
        const outcome = outcomes.get(post) as PostOutcome;
        outcomes.set(post, {
          ...outcome,
          changed: false,
          problems: [
            ...outcome.problems,
            {
              file: post.displayPath,
              line: 1,
              severity: 'error',
              problem: `an editor was still writing the post each time sync replaced it (${ROUNDS} times)`,
              fix: 'your save was put back as it is; run `hexo typora sync` again once the editor is idle',
            },
          ],
        });
      }
      break;
    }
    pending = again;
  }
  for (const [post, outcome] of outcomes) outcome.copied = copied.get(post) ?? [];
  return outcomes;
}

function summarize(
  facts: SiteFacts,
  outcomes: Map<PostEntry, PostOutcome>,
  options: SyncOptions,
  report: SyncReport,
): void {
  const diffs: string[] = [];
  for (const post of facts.selected) {
    const outcome = outcomes.get(post);
    if (!outcome) continue;
    report.editorSaves += outcome.editorSaves;
    report.problems.push(...outcome.problems);
    report.copied.push(...outcome.copied);
    if (outcome.changed && outcome.plan) {
      report.changed.push(post.displayPath);
      report.fixed.push(...outcome.plan.fixes);
      if (outcome.written || options.dryRun) report.rewritten += outcome.plan.rewritten;
      if (outcome.written) report.written.push({ file: post.file, hash: outcome.written });
      if (options.dryRun) diffs.push(unifiedDiff(post.displayPath, outcome.before, outcome.plan.edits));
    } else if (outcome.problems.length === 0) {
      report.unchanged++;
    }
  }
  report.changed.sort();
  report.diff = diffs.join('');
}

async function collectOrphans(
  facts: SiteFacts,
  trash: Trash,
  options: SyncOptions,
  outcomes: Map<PostEntry, PostOutcome>,
  report: SyncReport,
): Promise<void> {
  // References of posts outside the selection count too: a file one of them uses is no orphan.
  const all = new Map(outcomes);
  for (const post of facts.all) {
    if (all.has(post)) continue;
    all.set(post, await planOnly(post, facts, trash));
  }
  const referenced = new Set<string>();
  const unreadablePosts = new Set<string>();
  for (const [post, outcome] of all) {
    for (const file of outcome.referenced) referenced.add(file);
    if (outcome.unreadable) unreadablePosts.add(post.file);
  }
  const byAssetDir = new Map(facts.all.map((post) => [post.assetDir, post]));
  const roots = facts.whole
    ? POST_FOLDERS.map((folder) => path.join(options.sourceDir, folder))
    : facts.selected.map((post) => post.assetDir);
  const permalink = options.permalink ?? ':year/:month/:day/:title/';
  const permalinkShowsName = /:(title|name)\b/.test(permalink);
  const candidates: PruneCandidate[] = [];
  for (const root of roots) {
    for (const { file } of walkFiles(root)) {
      if (isMarkdownFile(file) || isSyncTempFile(path.basename(file))) continue;
      const folder = POST_FOLDERS.map((name) => path.join(options.sourceDir, name)).find((dir) =>
        file.startsWith(dir + path.sep),
      );
      const candidate: PruneCandidate = {
        file,
        belowPostFolder: toPosix(path.relative(folder ?? path.dirname(file), file)),
      };
      const owner = ownerOf(file, byAssetDir);
      if (owner) {
        const url = all.get(owner)?.url;
        candidate.owner = {
          file: owner.file,
          inside: toPosix(path.relative(owner.assetDir, file)),
          urlNames: [owner.assetName, ...(url?.slug ? [url.slug] : [])],
          urlUnknown: !permalinkShowsName || url?.permalink === true,
        };
      }
      candidates.push(candidate);
    }
  }
  facts.texts.reread();
  const realPaths = new Map<string, string>();
  const plan = planPrune(candidates, {
    isReferenced: (file) => referenced.has(file) || referenced.has(realPathOf(file, realPaths)),
    mentionedIn: (needles, only) => facts.texts.find(needles, only ? { only } : {})?.file,
    unreadable: () => facts.texts.unreadable(),
    unreadablePosts,
    notUtf8: () => facts.texts.notUtf8(),
    shown: (file) => displayPath(options.baseDir, file),
  });
  report.orphans = plan.orphans;
  report.kept = plan.kept;
  if (options.orphans === 'prune' && !options.dryRun) {
    report.pruned = await trash.movePruned(plan.orphans, options.now ?? new Date());
  }
}

/** What a post outside the selection uses: its plan, made as a dry run makes it (nothing is written). */
function planOnly(post: PostEntry, facts: SiteFacts, trash: Trash): Promise<PostOutcome> {
  return syncPost(post, {
    facts,
    trash,
    timing: DEFAULT_TIMING,
    dryRun: true,
    baseDir: facts.settings.baseDir,
  });
}

function ownerOf(file: string, byAssetDir: Map<string, PostEntry>): PostEntry | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const post = byAssetDir.get(dir);
    if (post) return post;
  }
  return undefined;
}

function realPathOf(file: string, cache: Map<string, string>): string {
  let real = cache.get(file);
  if (real === undefined) {
    try {
      real = fs.realpathSync.native(file);
    } catch {
      real = file;
    }
    cache.set(file, real);
  }
  return real;
}

/** Removes what a killed run left in the selected posts' folders: its temporary files, never anything else. */
function cleanUpAfterCrashes(facts: SiteFacts): void {
  const assetDirs = facts.selected.map((post) => post.assetDir + path.sep);
  const postDirs = new Set(facts.selected.map((post) => path.dirname(post.file)));
  for (const file of facts.dotFiles) {
    if (postDirs.has(path.dirname(file)) || assetDirs.some((dir) => file.startsWith(dir))) {
      removeIfStaleTempFile(file);
    }
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
