/**
 * Syncing one post: read a consistent snapshot, plan, copy the images (each complete before it appears),
 * then replace the post through the write protocol (`apply/write_protocol.ts`) once it says the post is
 * ready (quiet, and nobody writing it). A save made meanwhile makes it start over from a new snapshot; a
 * post that never settles is left as the author saved it, with a message.
 */
import path from 'node:path';
import { readCheckedCopy } from '../publish/open_checked_file';
import { copyFileAtomically, TargetTakenError } from './apply/copy_file';
import type { Trash } from './apply/trash';
import { type ProtocolTiming, replacePost, type Settled, waitBeforeReplacing } from './apply/write_protocol';
import type { Finding } from './plan/finding';
import { type CopyStep, type PostPlan, planPost } from './plan/plan_post';
import type { PostEntry } from './read/find_posts';
import { readPost } from './read/read_post';
import type { SiteFacts } from './read/site_facts';

/** How often the write protocol may find a new save before sync gives up on the post for this run. */
const ATTEMPTS = 3;

export interface PostTiming extends ProtocolTiming {
  /** How long sync waits for a post that keeps changing before it leaves it alone, with a message. */
  maxWaitMs: number;
}

export interface PostWork {
  facts: SiteFacts;
  trash: Trash;
  timing: PostTiming;
  dryRun: boolean;
  baseDir: string;
  beforeReplace?(file: string, attempt: number): void | Promise<void>;
}

export interface PostOutcome {
  plan?: PostPlan;
  /** The text the plan was made from (for the dry run's diff). */
  before: string;
  /** The post was rewritten or files were copied for it (would be, in a dry run). */
  changed: boolean;
  /** Files copied (would be copied, in a dry run). */
  copied: CopyStep[];
  /** Hash of the text sync wrote (the watcher ignores its own writes). */
  written?: string;
  /** Resolves once nobody wrote to the replaced version for a while (write protocol, step 4). */
  settled?: Promise<Settled>;
  problems: Finding[];
  /** Files the post uses (as it is on disk after this run). */
  referenced: string[];
  /** The post could not be read as a post: what it uses is unknown. */
  unreadable: boolean;
  /** The front matter values that decide the post's URL (for `--prune`). */
  url?: { slug?: string; permalink: boolean };
  /** Times the write protocol found an editor's new save in place of the snapshot and left it there. */
  editorSaves: number;
}

export async function syncPost(post: PostEntry, work: PostWork): Promise<PostOutcome> {
  const { facts, timing } = work;
  const deadline = Date.now() + timing.maxWaitMs;
  const copied: CopyStep[] = [];
  let attempts = 0;
  let editorSaves = 0;
  for (let first = true; ; first = false) {
    if (!first) facts.forget(post);
    const read = await readPost(post);
    if (!read.ok) {
      // A post cut short mid-save does not decode: wait for the editor to finish before saying so.
      const wait = read.stamp ? waitBeforeReplacing(post.file, read.stamp, timing) : 0;
      if (!work.dryRun && wait > 0 && (await waited(wait, deadline))) continue;
      return {
        before: '',
        changed: false,
        copied,
        problems: [read.finding],
        referenced: [],
        unreadable: true,
        editorSaves,
      };
    }
    const snapshot = read.snapshot;
    const plan = planPost(post, snapshot, facts.factsFor(post));
    const data = snapshot.frontMatter.data;
    const outcome = (over: Partial<PostOutcome>): PostOutcome => ({
      plan,
      before: snapshot.text,
      changed: false,
      copied,
      problems: plan.refused ? [...plan.problems, plan.refused] : plan.problems,
      // Until the post is rewritten it still uses what it names now.
      referenced: [...plan.referenced, ...plan.referencedNow],
      unreadable: plan.unreadable,
      url: {
        ...(typeof data.slug === 'string' ? { slug: data.slug } : {}),
        permalink: data.permalink !== undefined,
      },
      editorSaves,
      ...over,
    });
    if (plan.refused || (plan.copies.length === 0 && plan.edits.length === 0)) return outcome({});
    if (work.dryRun) return outcome({ changed: true, copied: plan.copies });

    let taken = false;
    for (const copy of plan.copies) {
      // The publish policy again, on the bytes copied: a file swapped since the plan looked at it stays out.
      const checked = await readCheckedCopy(copy.from, work.facts.serveScope);
      if (checked.kind === 'refused') {
        return outcome({ problems: [...plan.problems, swappedSource(post, copy, checked.reason)] });
      }
      try {
        if (await copyFileAtomically(copy.from, copy.to, checked.bytes)) copied.push(copy);
      } catch (error) {
        // Another file took the name meanwhile: plan again, with what is there now.
        if (error instanceof TargetTakenError && ++attempts < ATTEMPTS) taken = true;
        else
          return outcome({
            problems: [...plan.problems, copyFailed(post, copy, error, work)],
          });
        break;
      }
    }
    if (taken) continue;
    if (plan.edits.length === 0) return outcome({ changed: true, referenced: plan.referenced });
    const wait = waitBeforeReplacing(post.file, snapshot.stamp, timing);
    if (wait > 0) {
      if (await waited(wait, deadline)) continue;
      return outcome({
        problems: [...plan.problems, keptChanging(post, timing)],
      });
    }

    attempts++;
    let result: Awaited<ReturnType<typeof replacePost>>;
    try {
      result = await replacePost(
        {
          file: post.file,
          snapshot: { stamp: snapshot.stamp, hash: snapshot.hash },
          bytes: Buffer.from(plan.newText, 'utf8'),
          mode: snapshot.mode,
        },
        work.trash,
        timing,
        work.beforeReplace ? () => work.beforeReplace?.(post.file, attempts) : undefined,
      );
    } catch (error) {
      return outcome({
        problems: [...plan.problems, rewriteFailed(post, error)],
      });
    }
    if (result.kind === 'replaced') {
      facts.forget(post);
      return outcome({
        changed: true,
        written: result.written.hash,
        settled: result.settled,
        referenced: plan.referenced,
      });
    }
    editorSaves++;
    if (attempts >= ATTEMPTS) {
      return outcome({
        problems: [
          ...plan.problems,
          {
            file: post.displayPath,
            line: 1,
            severity: 'error',
            problem: `the post changed on disk while it was being synced (${ATTEMPTS} times in a row)`,
            fix: 'your latest save was kept as it is; run `hexo typora sync` again once the editor is idle',
          },
        ],
      });
    }
  }
}

/** Sleeps `wait` ms; false (without sleeping) when that would pass the deadline. */
async function waited(wait: number, deadline: number): Promise<boolean> {
  if (Date.now() + wait > deadline) return false;
  await new Promise((resolve) => setTimeout(resolve, wait));
  return true;
}

function keptChanging(post: PostEntry, timing: PostTiming): Finding {
  return {
    file: post.displayPath,
    line: 1,
    severity: 'error',
    problem: `the post kept changing for ${Math.round(timing.maxWaitMs / 1000)} s, so sync did not rewrite it (an editor saving?)`,
    fix: 'your latest save was kept as it is; run `hexo typora sync` again once the editor is idle',
  };
}

function swappedSource(post: PostEntry, copy: CopyStep, reason: string): Finding {
  return {
    file: post.displayPath,
    line: 1,
    severity: 'error',
    problem: `${copy.from} was not copied: ${reason} (it changed after sync looked at it)`,
    fix: 'run `hexo typora sync` again; the post was not changed',
  };
}

function copyFailed(post: PostEntry, copy: CopyStep, error: unknown, work: PostWork): Finding {
  const code = codeOf(error);
  const to = path.relative(work.baseDir, copy.to).split(path.sep).join('/');
  const blocked = code === 'EEXIST' || code === 'ENOTDIR';
  return {
    file: post.displayPath,
    line: 1,
    severity: 'error',
    problem: `could not copy ${copy.from} to ${to} (${code})${blocked ? ': a file is in the way of a folder on that path' : ''}`,
    fix: blocked
      ? `move the file that has the name of a folder on the path ${to}, then run \`hexo typora sync\` again; the post was not changed`
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'free some disk space, then run `hexo typora sync` again; the post was not changed'
        : 'check free disk space and permissions, then run `hexo typora sync` again; the post was not changed',
  };
}

function rewriteFailed(post: PostEntry, error: unknown): Finding {
  const code = codeOf(error);
  return {
    file: post.displayPath,
    line: 1,
    severity: 'error',
    problem: `could not rewrite the post (${code})`,
    fix:
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'free some disk space, then run `hexo typora sync` again; the post was not changed'
        : code === 'EACCES' || code === 'EPERM'
          ? `sync needs to create files in ${path.dirname(post.displayPath)}/ and in its trash: check the folder's permissions, then run \`hexo typora sync\` again; the post was not changed`
          : `${error instanceof Error ? error.message : String(error)}; the post was not changed`,
  };
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
