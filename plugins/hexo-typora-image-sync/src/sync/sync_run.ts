/**
 * What one `check` or `sync` run shares between posts: the cached file view, content hashes, and the
 * text of every document (read once, and only if a renamed folder or an orphan must be confirmed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FileView } from '../fs/file_view';
import { realPathOr } from '../fs/real_path';
import { isMarkdownFile } from '../markdown/markdown_files';
import { HashCache } from './asset_folder';
import { findPosts, POST_FOLDERS, type PostEntry, selectPosts, walkFiles } from './find_posts';
import type { PlanContext } from './plan_post';
import type { SyncSettings } from './settings';

export interface Selection {
  /** Post names or paths; every post when empty. */
  posts?: readonly string[];
  /** Folder relative paths are read from (the shell's). */
  cwd?: string;
}

export class SyncRun implements PlanContext {
  readonly files = new FileView();
  readonly hashes = new HashCache();
  readonly all: PostEntry[];
  readonly selected: PostEntry[];
  /** Dot files met while finding posts: where a killed sync's temporary files would be. */
  readonly dotFiles: string[] = [];
  readonly realDirs: { baseDir: string; sourceDir: string };
  private texts: Map<string, string> | null = null;
  private byAssetDir: Map<string, PostEntry> | null = null;

  constructor(
    readonly settings: SyncSettings,
    selection: Selection,
  ) {
    this.realDirs = { baseDir: realPathOr(settings.baseDir), sourceDir: realPathOr(settings.sourceDir) };
    this.all = findPosts(settings, (file) => this.dotFiles.push(file));
    this.selected = selectPosts(this.all, selection.posts ?? [], {
      cwd: selection.cwd ?? process.cwd(),
      baseDir: settings.baseDir,
    });
  }

  get whole(): boolean {
    return this.selected.length === this.all.length;
  }

  mentionedElsewhere(name: string, exceptFile: string): boolean {
    const needles = [`${name}/`, `${encodeURIComponent(name)}/`];
    for (const [file, text] of this.documents()) {
      if (file !== exceptFile && needles.some((needle) => text.includes(needle))) return true;
    }
    return false;
  }

  /**
   * A document names the file without a reference resolving to it: a file of a post's asset folder by its
   * name in that post (front matter `cover:`, `{% asset_img %}`), any other file as `<folder>/<name>`.
   */
  mentionsFile(file: string): boolean {
    const name = path.basename(file);
    const owner = this.ownerOf(file);
    const documents = this.documents();
    if (owner) {
      const text = documents.get(owner.file) ?? '';
      return [name, encodeURIComponent(name)].some((needle) => text.includes(needle));
    }
    // Its path below source/_posts/ (`assets/shared.png`): what any reference to it ends with.
    const root = POST_FOLDERS.map((folder) => path.join(this.settings.sourceDir, folder)).find((dir) =>
      file.startsWith(dir + path.sep),
    );
    const segments = path.relative(root ?? path.dirname(file), file).split(path.sep);
    const needles = [segments.join('/'), segments.map(encodeURIComponent).join('/')];
    for (const text of documents.values()) if (needles.some((needle) => text.includes(needle))) return true;
    return false;
  }

  /** Read every document again (after a sync rewrote some). */
  rereadDocuments(): void {
    this.texts = null;
  }

  private ownerOf(file: string): PostEntry | undefined {
    if (!this.byAssetDir) this.byAssetDir = new Map(this.all.map((post) => [post.assetDir, post]));
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const post = this.byAssetDir.get(dir);
      if (post) return post;
    }
    return undefined;
  }

  /** Forget what was read, after a post changed on disk. */
  forget(post: PostEntry): void {
    this.files.forget(post.assetDir);
    this.files.forget(path.dirname(post.file));
    this.texts?.delete(post.file);
  }

  /** Every markdown file under `source/` (posts, drafts and pages), read once. */
  private documents(): Map<string, string> {
    if (this.texts) return this.texts;
    this.texts = new Map();
    for (const { file } of walkFiles(this.settings.sourceDir)) {
      if (!isMarkdownFile(file)) continue;
      try {
        this.texts.set(file, fs.readFileSync(file, 'utf8'));
      } catch {
        // Unreadable documents mention nothing.
      }
    }
    return this.texts;
  }
}
