/** State shared by the plugin's filters and generator during one Hexo process. */
import crypto from 'node:crypto';
import os from 'node:os';
import type Hexo from 'hexo';
import { readConfig, type TyporaConfig } from './config';
import type { Diagnostic } from './diagnostics';
import { FileView } from './fs/file_view';
import { realPathOr } from './fs/real_path';
import { loadSiteFinder, type SiteFinder } from './hexo/load_site_markdown';
import { HexoIndex, loadRecords } from './hexo/site_model';
import { ImageSizeReader } from './images/read_image_size';
import type { ServeScope } from './publish/open_checked_file';
import { FilePlacer } from './publish/place_file';
import { RouteTable } from './publish/route_table';
import { serveScopeOf } from './publish/serve_scope';
import type { PublishPolicy } from './resolve/classify_reference';

/** A reference rewritten to a placeholder before rendering, and what replaces it after. */
export interface RewrittenReference {
  url: string;
  /** The file, for `width`/`height`. */
  file: string;
  image: boolean;
}

export interface PluginContext {
  hexo: Hexo;
  config: TyporaConfig;
  files: FileView;
  routes: RouteTable;
  index: HexoIndex;
  placer: FilePlacer;
  /** The site's folder and `source/` with symbolic links resolved, to compare files' real paths with. */
  realDirs: { baseDir: string; sourceDir: string };
  /** What the build may publish (`typora.strict`, `publish_outside`, `max_file_mb`). */
  policy: PublishPolicy;
  imageSizes: ImageSizeReader;
  /**
   * Files Hexo publishes by itself that the policy refuses, found by this build's check (by route), with
   * the warning about each: their routes are dropped, and strict mode fails on them.
   */
  refusedHexoFiles: Map<string, Diagnostic>;
  /** What the last check before writing a file needs (`publish/open_checked_file.ts`). */
  serveScope(): ServeScope;
  /** Placeholder prefix, unique per process so that no author text can collide with it. */
  placeholder: string;
  /** Rewritten references of each document being rendered (the same object reaches both filters). */
  rewritten: WeakMap<object, RewrittenReference[]>;
  /** The site's markdown dialect (or why there is none), read once per build. */
  finder(): SiteFinder;
  /** Called when a build starts: forget cached listings, reload records from the database. */
  startBuild(): void;
}

export function createContext(hexo: Hexo): PluginContext {
  const config = readConfig((hexo.config as unknown as Record<string, unknown>).typora);
  const files = new FileView();
  const routes = new RouteTable();
  const index = new HexoIndex(hexo);
  const placer = new FilePlacer(index, routes);
  const imageSizes = new ImageSizeReader();
  const realDirs = { baseDir: realPathOr(hexo.base_dir), sourceDir: realPathOr(hexo.source_dir) };
  const policy = {
    strict: config.strict,
    publishOutside: config.publish_outside,
    maxBytes: config.max_file_mb * 1024 * 1024,
  };
  let loaded = false;
  let finder: SiteFinder | undefined;
  let scope: ServeScope | undefined;
  return {
    hexo,
    config,
    files,
    routes,
    index,
    placer,
    realDirs,
    policy,
    imageSizes,
    refusedHexoFiles: new Map(),
    serveScope: () => {
      scope ??= serveScopeOf(
        { baseDir: hexo.base_dir, sourceDir: hexo.source_dir, homeDir: os.homedir() },
        policy,
      );
      return scope;
    },
    placeholder: `typora-asset:${crypto.randomBytes(4).toString('hex')}-`,
    rewritten: new WeakMap(),
    finder() {
      finder ??= loadSiteFinder(hexo);
      return finder;
    },
    startBuild() {
      finder = undefined;
      files.clear();
      index.reset();
      placer.clear();
      imageSizes.clear();
      scope = undefined;
      if (!loaded) {
        routes.load(loadRecords(hexo));
        loaded = true;
      }
    },
  };
}
