/**
 * What the plugin asks of Hexo's database: the post being rendered, what Hexo publishes itself, and the
 * plugin's own per-post record (kept in db.json like Hexo's models, so cached posts keep their images).
 */
import path from 'node:path';
import type Hexo from 'hexo';
import { isMarkdownFile } from '../markdown/markdown_files';
import { isInside } from '../publish/outside_file_policy';
import type { HexoPublished } from '../publish/place_file';
import type { PostRecord } from '../publish/route_table';

export const RECORD_MODEL = 'TyporaImageSync';

/** The fields of a Post or Page document this plugin reads. */
export interface RenderData {
  _id?: string;
  source?: string;
  full_source?: string;
  path?: string;
  raw?: string;
  content: string;
  [key: string]: unknown;
}

export interface PostInfo {
  id: string;
  markdownFile: string;
  assetDir: string;
  /** The post's folder on the site, without root: `2024/01/02/hello`, `about`, or `` for the site root. */
  urlDir: string;
  /** `source/_posts/hello.md`, for messages. */
  displayPath: string;
  /** Lines of front matter above `content`. */
  lineOffset: number;
  typoraRootUrl?: string;
}

export function registerRecordModel(hexo: Hexo): void {
  hexo.model(RECORD_MODEL, {
    _id: { type: String, required: true },
    routes: { type: Array, default: [] },
    diagnostics: { type: Array, default: [] },
  });
}

export function loadRecords(hexo: Hexo): PostRecord[] {
  return hexo
    .model(RECORD_MODEL)
    .toArray()
    .map((doc) => {
      const record = doc as unknown as Partial<PostRecord> & { _id: string };
      return { _id: record._id, routes: record.routes ?? [], diagnostics: record.diagnostics ?? [] };
    });
}

export function saveRecord(hexo: Hexo, record: PostRecord): Promise<unknown> {
  return Promise.resolve(hexo.model(RECORD_MODEL).save(record));
}

/**
 * Describes the post or page being rendered, or null if it is not a markdown file of the site. `index` knows
 * the posts' paths already: a post's `path` is a virtual that runs Hexo's permalink filter on every read.
 */
export function describePost(hexo: Hexo, data: RenderData, index: HexoIndex): PostInfo | null {
  if (!data.source || !data.full_source || !data._id) return null;
  if (!isMarkdownFile(data.source)) return null;
  // `has` does not copy the document as `findById` does (a measurable cost per post).
  const isPost = hexo.model('Post').has(data._id);
  const sitePath = (isPost ? index.postPath(data._id) : undefined) ?? data.path;
  if (typeof sitePath !== 'string') return null;
  const markdownFile = data.full_source;
  const assetDir = markdownFile.slice(0, markdownFile.length - path.extname(markdownFile).length);
  // Hexo serves a post's assets under its permalink without `.html` (models/post_asset); a page's
  // relative paths resolve against the folder its URL is in.
  const urlDir = isPost
    ? sitePath.replace(/\.html?$/, '').replace(/\/+$/, '')
    : path.posix.dirname(sitePath).replace(/^\.$/, '');
  const rootUrl = data['typora-root-url'];
  return {
    id: data._id,
    markdownFile,
    assetDir,
    urlDir,
    displayPath: path.relative(hexo.base_dir, markdownFile).split(path.sep).join('/'),
    lineOffset: frontMatterLines(data.raw, data.content),
    ...(typeof rootUrl === 'string' && rootUrl.trim() ? { typoraRootUrl: rootUrl.trim() } : {}),
  };
}

function frontMatterLines(raw: string | undefined, content: string): number {
  if (!raw || !content) return 0;
  const at = raw.indexOf(content);
  if (at <= 0) return 0;
  let lines = 0;
  for (let i = 0; i < at; i++) if (raw.charCodeAt(i) === 10) lines++;
  return lines;
}

/** True if the post or page still exists (records of deleted posts are ignored). */
export function postExists(hexo: Hexo, id: string): boolean {
  return hexo.model('Post').has(id) || hexo.model('Page').has(id);
}

/** A file Hexo publishes by itself: its source and the route Hexo's asset generator gives it. */
export interface HexoPublishedFile {
  /** Absolute path of the file in the site (as Hexo has it: links not resolved). */
  source: string;
  /** The route, as Hexo's router formats it. */
  route: string;
  /** Hexo renders the file (`x.yml` → `x.json`) rather than copying it. */
  rendered: boolean;
}

/**
 * Every file of the author's that Hexo's asset generator publishes (`Asset` and `PostAsset` under
 * `source/`, referenced or not), with the same route rule as `hexo/dist/plugins/generator/asset.js`: the
 * asset's path, with the renderer's output extension when Hexo renders it. The theme's files (also
 * `Asset`s) are the theme's, like its layouts, and are left to it.
 */
export function hexoPublishedFiles(hexo: Hexo, index: HexoIndex): HexoPublishedFile[] {
  const files: HexoPublishedFile[] = [];
  const add = (id: string, sitePath: string | undefined, renderable: boolean): void => {
    const source = path.join(hexo.base_dir, id);
    if (sitePath === undefined || !isInside(source, hexo.source_dir)) return;
    let route = sitePath;
    const rendered = renderable && hexo.render.isRenderable(route);
    if (rendered) {
      route = `${route.slice(0, route.length - path.extname(route).length)}.${hexo.render.getOutput(route)}`;
    }
    files.push({ source, route: hexo.route.format(route), rendered });
  };
  for (const asset of hexo.model('Asset').toArray())
    add(asset._id as string, asset.path as string | undefined, Boolean(asset.renderable));
  for (const asset of hexo.model('PostAsset').toArray())
    add(asset._id as string, index.postAssetPath(asset._id as string), Boolean(asset.renderable));
  return files;
}

/** Lookups into what Hexo publishes by itself: post assets and files under `source/`. */
export class HexoIndex implements HexoPublished {
  /**
   * Built once per build. Hexo's own lookups are far too slow per image: `PostAsset#path` finds and copies
   * the post document on every read (10,000 images cost seconds), so the same rule is applied here once.
   */
  private index: {
    sitePathById: Map<string, string>;
    sourceBySitePath: Map<string, string>;
    assetBySitePath: Map<string, string>;
    postPaths: Map<string, string>;
    postAssetPaths: Map<string, string>;
  } | null = null;

  constructor(private readonly hexo: Hexo) {}

  /** Forget the index (call when a new build starts). */
  reset(): void {
    this.index = null;
  }

  publishedPath(file: string): string | undefined {
    return this.built().sitePathById.get(this.idOf(file));
  }

  /** The site path of a post asset, by its id (whether or not Hexo renders it). */
  postAssetPath(id: string): string | undefined {
    return this.built().postAssetPaths.get(id);
  }

  postAssetAt(sitePath: string): string | undefined {
    return this.built().sourceBySitePath.get(sitePath);
  }

  /** The source file Hexo publishes at `sitePath` itself: a post asset, or a file under `source/`. */
  fileAt(sitePath: string): string | undefined {
    const built = this.built();
    return built.sourceBySitePath.get(sitePath) ?? built.assetBySitePath.get(sitePath);
  }

  /** The site path of a published post (of a draft too when Hexo shows drafts). */
  postPath(id: string): string | undefined {
    return this.built().postPaths.get(id);
  }

  private built(): NonNullable<HexoIndex['index']> {
    if (this.index) return this.index;
    const { hexo } = this;
    const sitePathById = new Map<string, string>();
    const sourceBySitePath = new Map<string, string>();
    const assetBySitePath = new Map<string, string>();
    const showDrafts = (hexo as unknown as { _showDrafts(): boolean })._showDrafts();
    const postPaths = new Map<string, string>();
    const postAssetPaths = new Map<string, string>();
    for (const post of hexo.model('Post').toArray()) {
      if (post.published || showDrafts) postPaths.set(post._id as string, post.path as string);
    }
    // Same rule as Hexo's models/post_asset.ts: the post's permalink without `.html`, then the asset's slug.
    for (const asset of hexo.model('PostAsset').toArray()) {
      const postPath = postPaths.get(asset.post as string);
      if (postPath === undefined) continue;
      const sitePath = path.posix.join(postPath.replace(/\.html?$/, ''), asset.slug as string);
      postAssetPaths.set(asset._id as string, sitePath);
      sitePathById.set(asset._id as string, sitePath);
      sourceBySitePath.set(sitePath, path.join(hexo.base_dir, asset._id as string));
    }
    for (const asset of hexo.model('Asset').toArray()) {
      const id = asset._id as string;
      if (!sitePathById.has(id) && asset.path && !hexo.render.isRenderable(id)) {
        sitePathById.set(id, asset.path as string);
        assetBySitePath.set(asset.path as string, path.join(hexo.base_dir, id));
      }
    }
    this.index = { sitePathById, sourceBySitePath, assetBySitePath, postPaths, postAssetPaths };
    return this.index;
  }

  /** Hexo's id of a file: its path from the site folder, with `/` (files here are normalized paths). */
  private idOf(file: string): string {
    const base = this.hexo.base_dir;
    const relative =
      base.endsWith(path.sep) && file.startsWith(base) ? file.slice(base.length) : path.relative(base, file);
    return path.sep === '/' ? relative : relative.split(path.sep).join('/');
  }
}
