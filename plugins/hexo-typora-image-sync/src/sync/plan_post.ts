/**
 * What syncing one post means, computed without writing anything: the files to copy into its asset folder,
 * the byte ranges of the destinations (and front matter values) to rewrite, and the findings `check`
 * reports. `sync` applies a plan, `sync --dry-run` prints it, `check` lists its findings.
 */
import path from 'node:path';
import type { FileView } from '../fs/file_view';
import { finderOptionsFor } from '../hexo/load_site_markdown';
import { type MarkdownReference, scanReferences } from '../markdown/find_references';
import { isInside } from '../publish/outside_file_policy';
import { unlocatedMessage } from '../resolve/describe_reference';
import { applyEdits } from '../text/apply_edits';
import { assetDestination } from './asset_destination';
import { AssetFolder, type HashCache } from './asset_folder';
import { type PostEntry, walkFiles } from './find_posts';
import type { Finding } from './finding';
import { findRenamedFolder, switchedSettingValue } from './follow_renamed_folder';
import { lineAt, valueSpan } from './front_matter';
import type { PostSnapshot } from './read_post';
import { type ReferenceAction, referenceAction } from './reference_action';
import type { SyncSettings } from './settings';
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
  /** The markdown could not be read: what it uses is unknown, so nothing in its folder is an orphan. */
  unreadable: boolean;
  newText: string;
}

export interface PlanContext {
  settings: SyncSettings;
  /** `settings.baseDir` and `settings.sourceDir` with symbolic links resolved. */
  realDirs: { baseDir: string; sourceDir: string };
  files: FileView;
  hashes: HashCache;
  /** True if a document other than `exceptFile` mentions the folder `<name>/`. */
  mentionedElsewhere(name: string, exceptFile: string): boolean;
}

const SETTINGS_THAT_FOLLOW = ['typora-copy-images-to', 'typora-root-url'] as const;

export function planPost(post: PostEntry, snapshot: PostSnapshot, ctx: PlanContext): PostPlan {
  const { text, frontMatter } = snapshot;
  const plan: PostPlan = {
    fixes: [],
    problems: [],
    copies: [],
    edits: [],
    rewritten: 0,
    referenced: [],
    unreadable: false,
    newText: text,
  };
  const body = text.slice(frontMatter.bodyStart);
  let references: MarkdownReference[];
  try {
    const finder = ctx.settings.finder;
    const scan = scanReferences(
      body,
      finder ? finderOptionsFor(finder, frontMatter.data.disableNunjucks) : {},
    );
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
    const action = referenceAction(reference, line, {
      settings: ctx.settings,
      realDirs: ctx.realDirs,
      files: ctx.files,
      post,
      ...(rootUrl !== undefined ? { typoraRootUrl: rootUrl } : {}),
    });
    return { reference, line, action };
  });

  const renamed = findRenamedFolder(
    post,
    inspected.flatMap(({ action }) => (action.action === 'copy' ? [action.resolved] : [])),
    stringValue(frontMatter.data['typora-copy-images-to']),
    (name) => ctx.mentionedElsewhere(name, post.file),
  );
  const folder = new AssetFolder(post.assetDir, ctx.hashes);
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
        const relative = toPosix(path.relative(post.assetDir, action.file));
        rewrite(reference, assetDestination(post.assetName, relative, action.suffix));
        plan.fixes.push(action.finding);
        plan.referenced.push(action.file);
        break;
      }
      case 'copy': {
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

  if (renamed) followRenamedFolder(post, snapshot, renamed, inspected, plan, place);
  plan.newText = applyEdits(text, plan.edits);
  return plan;
}

/** Copies the rest of the old folder and switches the front matter settings that name it. */
function followRenamedFolder(
  post: PostEntry,
  snapshot: PostSnapshot,
  renamed: { dir: string; name: string },
  inspected: readonly { line: number; action: ReferenceAction }[],
  plan: PostPlan,
  place: (source: string, wanted: string) => string,
): void {
  const line = inspected.find(({ action }) => action.action === 'copy')?.line ?? 1;
  const oldShown = `${renamed.name}/`;
  for (const { file, symlink } of walkFiles(renamed.dir)) {
    if (symlink) {
      plan.problems.push({
        file: post.displayPath,
        line,
        severity: 'warning',
        problem: `${toPosix(path.relative(path.dirname(post.file), file))} in the old folder ${oldShown} is a symbolic link and was not copied`,
        fix: `copy the file it points to into ${post.assetName}/ yourself if the post needs it`,
      });
      continue;
    }
    place(file, toPosix(path.relative(renamed.dir, file)));
  }
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
    fix: `\`hexo typora sync\` copies the folder to ${post.assetName}/ and switches the references (the old folder stays until \`hexo typora sync --prune\`)`,
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
