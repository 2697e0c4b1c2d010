/**
 * What sync does about one reference: nothing, a rewrite to the real file in the asset folder (other
 * letter case, a form Typora does not show), a copy into the asset folder, or a report when no sync can
 * fix it. The verdict is the build's own (`resolve/inspect_reference.ts`); this only maps it to an action.
 */
import path from 'node:path';
import { displayPath } from '../diagnostics';
import type { FileView } from '../fs/file_view';
import type { MarkdownReference } from '../markdown/find_references';
import { isInside } from '../publish/outside_file_policy';
import { describeReference } from '../resolve/describe_reference';
import { inspectReference } from '../resolve/inspect_reference';
import type { PostEntry } from './find_posts';
import type { Finding } from './finding';
import type { SyncSettings } from './settings';

export type ReferenceAction =
  /** Already in its final form, or not a local file. */
  | { action: 'none'; resolved?: string }
  /** The file is in the asset folder: write its real path (`file`) in Typora's form. */
  | { action: 'rewrite'; file: string; suffix: string; finding: Finding }
  /** Copy `source` (a real path) into the asset folder; `resolved` is the path as the reference names it. */
  | { action: 'copy'; source: string; resolved: string; suffix: string; finding: Finding }
  /** Sync cannot fix it. */
  | { action: 'report'; finding: Finding; resolved?: string };

export interface ReferenceContext {
  settings: SyncSettings;
  /** `settings.baseDir` and `settings.sourceDir` with symbolic links resolved. */
  realDirs: { baseDir: string; sourceDir: string };
  files: FileView;
  post: PostEntry;
  typoraRootUrl?: string;
}

export function referenceAction(
  reference: Pick<MarkdownReference, 'image' | 'destination'>,
  line: number,
  ctx: ReferenceContext,
): ReferenceAction {
  const { settings, post } = ctx;
  const inspected = inspectReference(
    reference,
    {
      markdownFile: post.file,
      assetDir: post.assetDir,
      sourceDir: settings.sourceDir,
      homeDir: settings.homeDir,
      ...(ctx.typoraRootUrl !== undefined ? { typoraRootUrl: ctx.typoraRootUrl } : {}),
      realBaseDir: ctx.realDirs.baseDir,
      realSourceDir: ctx.realDirs.sourceDir,
      fromDraft: isInside(post.file, path.join(settings.sourceDir, '_drafts')),
    },
    // Sync copies files into the repository, so a file outside it is no reason to refuse.
    { strict: false, publishOutside: settings.publishOutside, maxBytes: settings.maxBytes },
    ctx.files,
    (file) => isInside(file, post.assetDir) || isPublicSourceFile(file, settings.sourceDir),
  );
  if (!inspected) return { action: 'none' };
  const { verdict, parsed } = inspected;
  const described = describeReference(verdict, {
    image: reference.image,
    destination: reference.destination,
    short: (file) => displayPath(settings.baseDir, file),
    assetName: post.assetName,
    assetShown: `${displayPath(settings.baseDir, post.assetDir)}/`,
  });
  const finding = (): Finding => ({
    file: post.displayPath,
    line,
    severity: described?.severity ?? 'warning',
    problem: described?.problem ?? '',
    fix: described?.fix ?? '',
  });
  switch (verdict.kind) {
    case 'ignored':
      return { action: 'none' };
    case 'missing':
      return { action: 'report', finding: finding() };
    case 'refused':
      return { action: 'report', finding: finding(), resolved: verdict.file };
    case 'found':
      if (verdict.place !== 'asset-folder') {
        return {
          action: 'copy',
          source: verdict.real,
          resolved: verdict.file,
          suffix: parsed.suffix,
          finding: finding(),
        };
      }
      if (!described) return { action: 'none', resolved: verdict.file };
      return { action: 'rewrite', file: verdict.file, suffix: parsed.suffix, finding: finding() };
  }
}

/** Hexo publishes files under `source/` except in `_` and `.` folders (post asset folders aside). */
function isPublicSourceFile(file: string, sourceDir: string): boolean {
  if (!isInside(file, sourceDir)) return false;
  return !path
    .relative(sourceDir, file)
    .split(path.sep)
    .some((segment) => segment.startsWith('_') || segment.startsWith('.'));
}
