/**
 * What one `check` or `sync` run reads from the site, read once and shared between posts: the posts, the
 * cached file view, content hashes, the text files that may name a file, and the facts each plan asks for
 * (`PlanFacts`), among them the build's own decision about each reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FileView } from '../../fs/file_view';
import { realPathOr } from '../../fs/real_path';
import { finderOptionsFor } from '../../hexo/load_site_markdown';
import type { MarkdownReference } from '../../markdown/find_references';
import type { ServeScope } from '../../publish/open_checked_file';
import { isInside } from '../../publish/outside_file_policy';
import { serveScopeOf } from '../../publish/serve_scope';
import { inspectReference } from '../../resolve/inspect_reference';
import type { AssetFolderFacts } from '../plan/asset_names';
import type { PlanFacts } from '../plan/plan_post';
import type { SyncSettings } from '../settings';
import { FileHashes } from './file_hashes';
import { findPosts, type PostEntry, selectPosts } from './find_posts';
import { SiteTexts } from './site_texts';

export interface Selection {
  /** Post names or paths; every post when empty. */
  posts?: readonly string[];
  /** Folder relative paths are read from (the shell's). */
  cwd?: string;
}

export class SiteFacts {
  readonly files = new FileView();
  readonly hashes = new FileHashes();
  readonly all: PostEntry[];
  readonly selected: PostEntry[];
  /** Dot files met while finding posts: where a killed sync's temporary files would be. */
  readonly dotFiles: string[] = [];
  readonly realDirs: { baseDir: string; sourceDir: string };
  /** What the last check before a copy allows (the publish policy on the bytes read). */
  readonly serveScope: ServeScope;
  readonly texts: SiteTexts;

  constructor(
    readonly settings: SyncSettings,
    selection: Selection,
  ) {
    this.realDirs = { baseDir: realPathOr(settings.baseDir), sourceDir: realPathOr(settings.sourceDir) };
    // Sync copies into the repository: only the policy on the bytes, never "outside the repository".
    this.serveScope = serveScopeOf(settings, { strict: false, maxBytes: settings.maxBytes });
    this.all = findPosts(settings, (file) => this.dotFiles.push(file));
    this.selected = selectPosts(this.all, selection.posts ?? [], {
      cwd: selection.cwd ?? process.cwd(),
      baseDir: settings.baseDir,
    });
    this.texts = new SiteTexts(settings);
  }

  get whole(): boolean {
    return this.selected.length === this.all.length;
  }

  /** Forget what was read, after a post changed on disk. */
  forget(post: PostEntry): void {
    this.files.forget(post.assetDir);
    this.files.forget(path.dirname(post.file));
  }

  factsFor(post: PostEntry): PlanFacts {
    const { settings, realDirs } = this;
    return {
      baseDir: settings.baseDir,
      inspect: (reference: MarkdownReference, typoraRootUrl: string | undefined) =>
        inspectReference(
          reference,
          {
            markdownFile: post.file,
            assetDir: post.assetDir,
            sourceDir: settings.sourceDir,
            homeDir: settings.homeDir,
            ...(typoraRootUrl !== undefined ? { typoraRootUrl } : {}),
            realBaseDir: realDirs.baseDir,
            realSourceDir: realDirs.sourceDir,
            fromDraft: isInside(post.file, path.join(settings.sourceDir, '_drafts')),
          },
          // Sync copies files into the repository, so a file outside it is no reason to refuse.
          { strict: false, publishOutside: settings.publishOutside, maxBytes: settings.maxBytes },
          this.files,
          (file) => isInside(file, post.assetDir) || isPublicSourceFile(file, settings.sourceDir),
        ),
      assetFolder: this.assetFolderFacts(post.assetDir),
      finderOptions: (disableNunjucks) =>
        settings.finder ? finderOptionsFor(settings.finder, disableNunjucks) : {},
      assetDirKind: kindOf(post.assetDir),
      isDirectory: (dir) => {
        try {
          return fs.lstatSync(dir).isDirectory();
        } catch {
          return false;
        }
      },
      exists: (file) => fs.existsSync(file),
      mentionedElsewhere: (name) =>
        this.texts.find([`${name}/`, `${encodeURIComponent(name)}/`], { except: post.file }) !== undefined,
    };
  }

  private assetFolderFacts(dir: string): AssetFolderFacts {
    return {
      entryAt: (relative) => {
        try {
          return fs.lstatSync(path.join(dir, relative)).isFile() ? 'file' : 'other';
        } catch {
          return 'free';
        }
      },
      hasOtherCase: (relative) => {
        const target = path.join(dir, relative);
        const lower = path.basename(target).toLowerCase();
        try {
          return fs.readdirSync(path.dirname(target)).some((name) => name.toLowerCase() === lower);
        } catch {
          return false;
        }
      },
      hashOf: (file) =>
        this.hashes.hashOf('absolute' in file ? file.absolute : path.join(dir, file.relative)),
    };
  }
}

function kindOf(dir: string): PlanFacts['assetDirKind'] {
  try {
    const stat = fs.statSync(dir);
    return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : code === 'ENOTDIR' ? 'file' : 'other';
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
