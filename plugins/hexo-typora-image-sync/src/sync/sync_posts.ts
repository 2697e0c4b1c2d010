/**
 * The sync engine: one plain async function that `hexo typora sync`, the watcher and the tests all call.
 * For each post it copies every referenced file that lives outside the post's asset folder into it and
 * rewrites only those destinations, atomically (images first, then the post), never overwriting a save
 * the author made meanwhile, never moving or deleting an original. A second run changes nothing.
 */
import path from 'node:path';
import { readCheckedCopy } from '../publish/open_checked_file';
import { serveScopeOf } from '../publish/serve_scope';
import { findOrphans } from './find_orphans';
import type { PostEntry } from './find_posts';
import type { Finding } from './finding';
import { type Moved, moveToTrash } from './move_to_trash';
import { type CopyStep, type PostPlan, planPost } from './plan_post';
import { type PostSnapshot, readPost, sha256 } from './read_post';
import type { SyncSettings } from './settings';
import { type Selection, SyncRun } from './sync_run';
import { unifiedDiff } from './unified_diff';
import {
  copyFileAtomically,
  fsyncFolder,
  removeIfStaleTempFile,
  replaceFileAtomically,
  TargetTakenError,
} from './write_atomically';

/** How often a post that Typora keeps saving is re-read before sync gives up on it (it says so). */
const ATTEMPTS = 3;

export interface SyncOptions extends SyncSettings, Selection {
  /** Print what would change; write nothing. */
  dryRun?: boolean;
  /** Orphaned files in post folders: ignore them, list them, or move them to `.typora-trash/`. */
  orphans?: 'skip' | 'report' | 'prune';
  /** Posts synced at the same time (their file writes overlap). */
  concurrency?: number;
  now?: Date;
  onProgress?(done: number, total: number): void;
  /** Called after the new post is written and verified, just before it replaces the old one (tests). */
  beforeReplace?(file: string, attempt: number): void | Promise<void>;
}

export interface SyncReport {
  /** Posts looked at. */
  posts: number;
  /** Posts rewritten (would be, in a dry run), as `source/_posts/hello.md`. */
  changed: string[];
  /** The rewritten posts and the hash of what was written (the watcher ignores its own writes). */
  written: { file: string; hash: string }[];
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
  pruned: Moved[];
  /** The unified diff of every post that changes (dry run only). */
  diff: string;
}

export async function syncPosts(options: SyncOptions): Promise<SyncReport> {
  const run = new SyncRun(options, options);
  const report: SyncReport = {
    posts: run.selected.length,
    changed: [],
    written: [],
    copied: [],
    rewritten: 0,
    unchanged: 0,
    fixed: [],
    problems: [],
    orphans: [],
    pruned: [],
    diff: '',
  };
  if (!options.dryRun) cleanUpAfterCrashes(run);
  const referenced = new Set<string>();
  /** Folders of posts that could not be read: what they use is unknown. */
  const unknownUse = new Set<string>();
  const diffs = new Map<PostEntry, string>();
  let done = 0;
  await forEachLimited(run.selected, options.concurrency ?? 4, async (post) => {
    const outcome = await syncPost(post, run, options);
    for (const file of outcome.referenced) referenced.add(file);
    if (outcome.unreadable) unknownUse.add(post.assetDir);
    report.problems.push(...outcome.problems);
    if (outcome.plan && outcome.changed) {
      report.changed.push(post.displayPath);
      report.copied.push(...outcome.plan.copies);
      report.rewritten += outcome.plan.rewritten;
      report.fixed.push(...outcome.plan.fixes);
      if (outcome.written) report.written.push({ file: post.file, hash: outcome.written });
      if (options.dryRun) diffs.set(post, unifiedDiff(post.displayPath, outcome.before, outcome.plan.edits));
    } else if (outcome.problems.length === 0) {
      report.unchanged++;
    }
    options.onProgress?.(++done, run.selected.length);
  });
  report.changed.sort();
  report.diff = run.selected.map((post) => diffs.get(post) ?? '').join('');

  if ((options.orphans ?? 'skip') !== 'skip') {
    await collectOrphans(run, options, { referenced, unknownUse }, report);
  }
  return report;
}

interface PostOutcome {
  plan?: PostPlan;
  changed: boolean;
  before: string;
  written?: string;
  problems: Finding[];
  referenced: string[];
  unreadable?: boolean;
}

async function syncPost(post: PostEntry, run: SyncRun, options: SyncOptions): Promise<PostOutcome> {
  let lastPlan: PostPlan | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) run.forget(post);
    const read = await readPost(post);
    if (!read.ok)
      return { changed: false, before: '', problems: [read.finding], referenced: [], unreadable: true };
    const snapshot = read.snapshot;
    const plan = planPost(post, snapshot, run);
    lastPlan = plan;
    const outcome = (changed: boolean, written?: string): PostOutcome => ({
      plan,
      changed,
      before: snapshot.text,
      problems: plan.problems,
      // Until the post is rewritten, it still uses what it pointed at before.
      referenced:
        changed && !options.dryRun ? plan.referenced : [...plan.referenced, ...referencedBefore(plan)],
      ...(written ? { written } : {}),
      unreadable: plan.unreadable,
    });
    const work = plan.copies.length > 0 || plan.edits.length > 0;
    if (!work) return outcome(false);
    if (options.dryRun) return outcome(true);
    if (post.symlink) {
      return {
        ...outcome(false),
        problems: [
          ...plan.problems,
          {
            file: post.displayPath,
            line: 1,
            severity: 'warning',
            problem: 'the post is a symbolic link: sync does not rewrite it',
            fix: 'run `hexo typora sync` in the site that holds the real file, or replace the link with the file',
          },
        ],
      };
    }
    const applied = await applyPlan(post, snapshot, plan, options, attempt);
    if (applied === 'retry') continue;
    if (applied !== 'done') return { ...outcome(false), problems: [...plan.problems, applied] };
    run.forget(post);
    return outcome(true, plan.edits.length > 0 ? sha256(plan.newText) : undefined);
  }
  return {
    changed: false,
    before: '',
    problems: [
      ...(lastPlan?.problems ?? []),
      {
        file: post.displayPath,
        line: 1,
        severity: 'error',
        problem: `the post changed on disk while it was being synced (${ATTEMPTS} times in a row)`,
        fix: 'your latest save was kept as it is; run `hexo typora sync` again once the editor is idle',
      },
    ],
    referenced: lastPlan ? [...lastPlan.referenced, ...referencedBefore(lastPlan)] : [],
  };
}

/** Images first (each complete before it appears), then the post in one rename. */
async function applyPlan(
  post: PostEntry,
  snapshot: PostSnapshot,
  plan: PostPlan,
  options: SyncOptions,
  attempt: number,
): Promise<'done' | 'retry' | Finding> {
  const folders = new Set<string>();
  const scope = serveScopeOf(options, { strict: false, maxBytes: options.maxBytes });
  for (const copy of plan.copies) {
    // The publish policy again, on the bytes copied: a file swapped since the plan looked at it stays out.
    const checked = await readCheckedCopy(copy.from, scope);
    if (checked.kind === 'refused') {
      return {
        file: post.displayPath,
        line: 1,
        severity: 'error',
        problem: `${copy.from} was not copied: ${checked.reason} (it changed after sync looked at it)`,
        fix: 'run `hexo typora sync` again; the post was not changed',
      };
    }
    try {
      await copyFileAtomically(copy.from, copy.to, checked.bytes);
      folders.add(path.dirname(copy.to));
    } catch (error) {
      if (error instanceof TargetTakenError) return 'retry';
      return {
        file: post.displayPath,
        line: 1,
        severity: 'error',
        problem: `could not copy ${copy.from} to ${path.relative(options.baseDir, copy.to)} (${describe(error)})`,
        fix: 'check free disk space and permissions, then run `hexo typora sync` again; the post was not changed',
      };
    }
  }
  for (const folder of folders) await fsyncFolder(folder);
  if (plan.edits.length === 0) return 'done';
  try {
    const replaced = await replaceFileAtomically(
      post.file,
      Buffer.from(plan.newText, 'utf8'),
      { size: snapshot.size, mtimeMs: snapshot.mtimeMs, hash: snapshot.hash },
      snapshot.mode,
      options.beforeReplace ? () => options.beforeReplace?.(post.file, attempt) : undefined,
    );
    return replaced ? 'done' : 'retry';
  } catch (error) {
    return {
      file: post.displayPath,
      line: 1,
      severity: 'error',
      problem: `could not rewrite the post (${describe(error)})`,
      fix: 'check free disk space and permissions, then run `hexo typora sync` again; the post was not changed',
    };
  }
}

/** The files a plan's references point at now, before it is applied. */
function referencedBefore(plan: PostPlan): string[] {
  return plan.copies.map((copy) => copy.from);
}

async function collectOrphans(
  run: SyncRun,
  options: SyncOptions,
  uses: { referenced: Set<string>; unknownUse: Set<string> },
  report: SyncReport,
): Promise<void> {
  const { referenced, unknownUse } = uses;
  // References of posts outside the selection count too: a file one of them uses is no orphan.
  if (!run.whole) {
    const selected = new Set(run.selected);
    for (const post of run.all) {
      if (selected.has(post)) continue;
      const read = await readPost(post);
      const plan = read.ok ? planPost(post, read.snapshot, run) : undefined;
      if (!plan || plan.unreadable) unknownUse.add(post.assetDir);
      for (const file of plan ? [...plan.referenced, ...referencedBefore(plan)] : []) referenced.add(file);
    }
  }
  const roots = run.whole
    ? ['_posts', '_drafts'].map((folder) => path.join(options.sourceDir, folder))
    : run.selected.map((post) => post.assetDir);
  run.rereadDocuments();
  const orphans = findOrphans({
    roots,
    referenced,
    mentioned: (file) =>
      run.mentionsFile(file) || [...unknownUse].some((dir) => file.startsWith(dir + path.sep)),
  });
  report.orphans = orphans;
  if (options.orphans === 'prune' && !options.dryRun) {
    report.pruned = await moveToTrash(options.baseDir, orphans, options.now ?? new Date());
  }
}

/** Removes what a killed run left in the selected posts' folders: its temporary files, never anything else. */
function cleanUpAfterCrashes(run: SyncRun): void {
  const assetDirs = run.selected.map((post) => post.assetDir + path.sep);
  const postDirs = new Set(run.selected.map((post) => path.dirname(post.file)));
  for (const file of run.dotFiles) {
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

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
