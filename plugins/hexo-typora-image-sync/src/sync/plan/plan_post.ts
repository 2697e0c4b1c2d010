/**
 * What syncing one post means: the files to copy into its asset folder, the byte ranges of the
 * destinations (and front matter values) to rewrite, and the findings `check` reports. `sync` applies a
 * plan, `sync --dry-run` prints it, `check` lists its findings. Pure: what is on disk comes from
 * `PlanFacts` (read by `read/site_facts.ts`).
 */
import path from 'node:path';
import { type FinderOptions, type MarkdownReference, scanReferences } from '../../markdown/find_references';
import { isInside } from '../../publish/outside_file_policy';
import { unlocatedMessage } from '../../resolve/describe_reference';
import type { InspectedReference } from '../../resolve/inspect_reference';
import { applyEdits } from '../../text/apply_edits';
import type { PostEntry } from '../read/find_posts';
import { assetDestination } from './asset_destination';
import { type AssetFolderFacts, AssetNames } from './asset_names';
import type { Finding } from './finding';
import { type FrontMatter, lineAt, valueSpan } from './front_matter';
import { type ReferenceAction, referenceAction } from './reference_action';
import {
  findRenamedFolder,
  type RenamedFolder,
  type RenamedFolderFacts,
  switchedSettingValue,
} from './renamed_folder';
import type { TextEdit } from './unified_diff';

export interface CopyStep {
  /** Real path of the file to copy, and its absolute destination in the asset folder. */
  from: string;
  to: string;
}

export interface PostPlan {
  /** What sync fixes (check lists them too). */
  fixes: Finding[];
  /** What sync cannot fix. */
  problems: Finding[];
  copies: CopyStep[];
  edits: TextEdit[];
  /** References whose destination is rewritten. */
  rewritten: number;
  /** Files the post references once the plan is applied (nothing referenced is ever an orphan). */
  referenced: string[];
  /** Files the post references as it is now, before the plan is applied. */
  referencedNow: string[];
  /** The markdown could not be read: what it uses is unknown, so nothing in its folder is an orphan. */
  unreadable: boolean;
  /** Sync must leave this post alone (read-only, its asset folder's name taken by a file): why. */
  refused?: Finding;
  newText: string;
}

/** The post as read: its text, front matter, and permission bits. */
export interface PostText {
  text: string;
  frontMatter: FrontMatter;
  mode: number;
}

export interface PlanFacts extends RenamedFolderFacts {
  baseDir: string;
  /** The shared decision about a reference (`resolve/inspect_reference.ts`), or undefined for no file. */
  inspect(reference: MarkdownReference, typoraRootUrl: string | undefined): InspectedReference | undefined;
  assetFolder: AssetFolderFacts;
  /** The site's markdown dialect for this post (its front matter may turn Nunjucks off). */
  finderOptions(disableNunjucks: unknown): FinderOptions;
  /** What is at the asset folder's path. */
  assetDirKind: 'directory' | 'missing' | 'file' | 'other';
}

const SETTINGS_THAT_FOLLOW = ['typora-copy-images-to', 'typora-root-url'] as const;

export function planPost(post: PostEntry, snapshot: PostText, facts: PlanFacts): PostPlan {
  const { text, frontMatter } = snapshot;
  const plan: PostPlan = {
    fixes: [],
    problems: [],
    copies: [],
    edits: [],
    rewritten: 0,
    referenced: [],
    referencedNow: [],
    unreadable: false,
    newText: text,
  };
  const body = text.slice(frontMatter.bodyStart);
  let references: MarkdownReference[];
  try {
    const scan = scanReferences(body, facts.finderOptions(frontMatter.data.disableNunjucks));
    references = scan.references;
    for (const lost of scan.unlocated) {
      plan.problems.push({
        file: post.displayPath,
        line: frontMatter.lineOffset + lost.line,
        severity: 'error',
        problem: unlocatedMessage(lost).replace(/ — .*$/, ''),
        fix: 'please report this with the post attached; sync leaves it as written',
      });
    }
  } catch (error) {
    plan.problems.push(unreadableMarkdown(post, text, error));
    plan.unreadable = true;
    return plan;
  }

  const rootUrl = stringValue(frontMatter.data['typora-root-url']);
  const inspected = references.map((reference) => {
    const line = frontMatter.lineOffset + reference.line;
    const action = referenceAction(reference, facts.inspect(reference, rootUrl), line, {
      post,
      baseDir: facts.baseDir,
    });
    return { reference, line, action };
  });

  const renamed = findRenamedFolder(
    post,
    inspected.flatMap(({ action }) => (action.action === 'copy' ? [action.resolved] : [])),
    stringValue(frontMatter.data['typora-copy-images-to']),
    facts,
  );
  const folder = new AssetNames(facts.assetFolder);
  const place = (source: string, wanted: string): string => {
    const named = folder.nameFor(source, wanted);
    if (!named.present) plan.copies.push({ from: source, to: path.join(post.assetDir, named.relative) });
    return named.relative;
  };
  const rewrite = (reference: MarkdownReference, destination: string): void => {
    const start = frontMatter.bodyStart + reference.start;
    const end = frontMatter.bodyStart + reference.end;
    if (text.slice(start, end) === destination) return;
    plan.edits.push({ start, end, text: destination });
    plan.rewritten++;
  };

  for (const { reference, action } of inspected) {
    switch (action.action) {
      case 'none':
        if (action.resolved) plan.referenced.push(action.resolved);
        break;
      case 'report':
        plan.problems.push(action.finding);
        if (action.resolved) plan.referenced.push(action.resolved);
        break;
      case 'rewrite': {
        plan.referencedNow.push(action.file);
        const relative = toPosix(path.relative(post.assetDir, action.file));
        rewrite(reference, assetDestination(post.assetName, relative, action.suffix));
        plan.fixes.push(action.finding);
        plan.referenced.push(action.file);
        break;
      }
      case 'copy': {
        plan.referencedNow.push(action.resolved, action.source);
        const fromRenamed = renamed && isInside(action.resolved, renamed.dir);
        const wanted = fromRenamed
          ? toPosix(path.relative(renamed.dir, action.resolved))
          : path.basename(action.source);
        const relative = place(action.source, wanted);
        rewrite(reference, assetDestination(post.assetName, relative, action.suffix));
        if (!fromRenamed) plan.fixes.push(action.finding);
        plan.referenced.push(path.join(post.assetDir, relative));
        break;
      }
    }
  }

  if (renamed) followRenamedFolder(post, snapshot, renamed, inspected, plan);
  const refused = refusal(post, snapshot, plan, facts);
  if (refused) return { ...plan, copies: [], edits: [], rewritten: 0, fixes: [], refused };
  plan.newText = applyEdits(text, plan.edits);
  return plan;
}

/**
 * A post sync must not touch: the author made it read-only, or a file has its asset folder's name. Only
 * when there is something to do: a post that needs nothing is fine as it is.
 */
function refusal(post: PostEntry, snapshot: PostText, plan: PostPlan, facts: PlanFacts): Finding | undefined {
  if (plan.copies.length === 0 && plan.edits.length === 0) return undefined;
  if (post.symlink) {
    return {
      file: post.displayPath,
      line: 1,
      severity: 'warning',
      problem: 'the post is a symbolic link: sync does not rewrite it',
      fix: 'run `hexo typora sync` in the site that holds the real file, or replace the link with the file',
    };
  }
  if (plan.edits.length > 0 && (snapshot.mode & 0o200) === 0) {
    return {
      file: post.displayPath,
      line: 1,
      severity: 'error',
      problem: `the post is read-only (mode ${(snapshot.mode & 0o777).toString(8).padStart(4, '0')}): sync never rewrites a file you protected`,
      fix: `make it writable (chmod u+w ${post.displayPath}) and run \`hexo typora sync\` again; nothing was changed`,
    };
  }
  if (plan.copies.length > 0 && facts.assetDirKind !== 'directory' && facts.assetDirKind !== 'missing') {
    const shown = path.relative(facts.baseDir, post.assetDir).split(path.sep).join('/');
    return {
      file: post.displayPath,
      line: 1,
      severity: 'error',
      problem: `${shown} is ${facts.assetDirKind === 'file' ? 'a file' : 'not a folder'}, but it is where the post's asset folder must be: sync cannot copy images into it`,
      fix: `rename or move ${shown}, then run \`hexo typora sync\` again; nothing was changed`,
    };
  }
  return undefined;
}

/** Switches the front matter settings that name the old folder (its referenced files are copied above). */
function followRenamedFolder(
  post: PostEntry,
  snapshot: PostText,
  renamed: RenamedFolder,
  inspected: readonly { line: number; action: ReferenceAction }[],
  plan: PostPlan,
): void {
  const line = inspected.find(({ action }) => action.action === 'copy')?.line ?? 1;
  const oldShown = `${renamed.name}/`;
  for (const key of SETTINGS_THAT_FOLLOW) {
    const span = valueSpan(snapshot.text, snapshot.frontMatter, key);
    if (!span) continue;
    const value = switchedSettingValue(span.value, renamed.name, post.assetName, span.quote);
    if (value === undefined) {
      if (span.value.includes(renamed.name) && !span.value.includes('${')) {
        plan.problems.push({
          file: post.displayPath,
          line: lineAt(snapshot.text, span.start),
          severity: 'warning',
          problem: `${key} still names the old folder ${oldShown}`,
          fix: `set it to ${post.assetName} (or \${filename}) by hand`,
        });
      }
      continue;
    }
    plan.edits.push({ start: span.start, end: span.end, text: value });
  }
  plan.fixes.push({
    file: post.displayPath,
    line,
    severity: 'warning',
    problem: `the post uses the folder ${oldShown} of a post that no longer exists (was it renamed from ${renamed.name.replace(/\.assets$/, '')}.md?)`,
    fix: `\`hexo typora sync\` copies the files the post uses to ${post.assetName}/ and switches the references (the old folder stays; \`hexo typora sync --prune\` moves what nothing uses to the trash)`,
  });
}

function unreadableMarkdown(post: PostEntry, text: string, error: unknown): Finding {
  let longest = { line: 1, length: 0 };
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > longest.length) longest = { line, length };
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  const reason = error instanceof Error ? error.message : String(error);
  const long = longest.length >= 1_000_000;
  return {
    file: post.displayPath,
    line: long ? longest.line : 1,
    severity: 'error',
    problem: long
      ? `line ${longest.line} is ${(longest.length / 1048576).toFixed(1)} MB long and the markdown reader fails on it (${reason})`
      : `the markdown reader fails on this post (${reason})`,
    fix: long
      ? 'break the line up, or move what is embedded in it (a base64 image?) into a file; nothing was changed'
      : 'report it with the post attached; nothing was changed',
  };
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
