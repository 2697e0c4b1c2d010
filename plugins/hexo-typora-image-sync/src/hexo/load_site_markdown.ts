/**
 * Asks the site which markdown it renders with: the `marked` its hexo-renderer-marked loads, the
 * `marked:` settings, the extensions and tokenizer overrides its plugins and theme register through
 * hexo-renderer-marked's filters, and what Hexo escapes before rendering (highlighted code, Nunjucks).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type Hexo from 'hexo';
import type { FinderOptions } from '../markdown/find_references';
import type { HexoEscapeSettings } from '../markdown/hexo_escapes';
import {
  createSiteMarkdown,
  findRendererDir,
  loadMarked,
  type SiteExtensions,
  type SiteMarkdown,
} from '../markdown/site_markdown';

export type SiteFinder =
  | { ok: true; markdown: SiteMarkdown; escapes: HexoEscapeSettings }
  | { ok: false; message: string };

/** Renderers other than hexo-renderer-marked that a site may use for `.md`. */
const OTHER_RENDERERS = [
  'hexo-renderer-markdown-it',
  'hexo-renderer-markdown-it-plus',
  'hexo-renderer-pandoc',
  'hexo-renderer-kramed',
  'hexo-renderer-marked-plus',
];

export const NEEDS_MARKED =
  'hexo-typora-image-sync needs hexo-renderer-marked (6.x or 7.x) to find images in markdown';

export function loadSiteFinder(hexo: Hexo): SiteFinder {
  const rendererDir = findRendererDir(hexo.base_dir);
  const other = rendererDir && rendersMarkdown(hexo, rendererDir) ? undefined : otherRenderer(hexo.base_dir);
  if (!rendererDir || other) {
    const uses = other ? `this site renders markdown with ${other}` : 'this site has none installed';
    return {
      ok: false,
      message: `${NEEDS_MARKED}; ${uses}, so image paths are left as written. Install hexo-renderer-marked (npm install hexo-renderer-marked) and remove other markdown renderers to use it.`,
    };
  }
  const loaded = loadMarked(rendererDir);
  if (!loaded) {
    return {
      ok: false,
      message: `${NEEDS_MARKED}; the marked it depends on cannot be loaded from ${rendererDir} (run npm install), so image paths are left as written.`,
    };
  }
  const settings = (hexo.config as unknown as { marked?: Record<string, unknown> }).marked ?? {};
  const markdown = createSiteMarkdown(
    loaded.marked,
    loaded.version,
    {
      ...(typeof settings.gfm === 'boolean' ? { gfm: settings.gfm } : {}),
      ...(typeof settings.breaks === 'boolean' ? { breaks: settings.breaks } : {}),
      ...(typeof settings.pedantic === 'boolean' ? { pedantic: settings.pedantic } : {}),
    },
    siteExtensions(hexo),
  );
  const highlighter = (hexo.config as unknown as { syntax_highlighter?: string }).syntax_highlighter;
  const escapes: HexoEscapeSettings = {
    highlight: Boolean(highlighter && hexo.extend.highlight.query(highlighter)),
    nunjucks: settings.disableNunjucks !== true,
  };
  return { ok: true, markdown, escapes };
}

/** The finder's options for one document: its front matter may turn Nunjucks off. */
export function finderOptionsFor(
  finder: Extract<SiteFinder, { ok: true }>,
  disableNunjucks: unknown,
): FinderOptions {
  const nunjucks = typeof disableNunjucks === 'boolean' ? !disableNunjucks : finder.escapes.nunjucks;
  return { markdown: finder.markdown, hexo: { ...finder.escapes, nunjucks } };
}

/** Runs hexo-renderer-marked's three extension filters the way it does, collecting what they add. */
function siteExtensions(hexo: Hexo): SiteExtensions {
  const collected: SiteExtensions = { extensions: [], tokenizer: {} };
  const use = (options: { extensions?: unknown[]; tokenizer?: Record<string, unknown> } = {}): void => {
    if (Array.isArray(options.extensions)) collected.extensions.push(...(options.extensions as never[]));
    Object.assign(collected.tokenizer, options.tokenizer ?? {});
  };
  const run = (name: string, data: unknown): void => {
    hexo.execFilterSync(name, data, { context: hexo });
  };
  run('marked:use', use);
  run('marked:tokenizer', collected.tokenizer);
  const extensions: unknown[] = [];
  run('marked:extensions', extensions);
  collected.extensions.push(...(extensions as never[]));
  return collected;
}

/** hexo-renderer-marked is the renderer Hexo uses for `.md` (the last one registered wins). */
function rendersMarkdown(hexo: Hexo, rendererDir: string): boolean {
  try {
    const renderer = createRequire(path.join(rendererDir, 'package.json'))('./lib/renderer');
    return hexo.extend.renderer.get('md', true) === renderer;
  } catch {
    return true;
  }
}

function otherRenderer(baseDir: string): string | undefined {
  try {
    const manifest = createRequire(path.join(baseDir, 'package.json'))('./package.json') as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const all = { ...manifest.devDependencies, ...manifest.dependencies };
    return OTHER_RENDERERS.find((name) => name in all) ?? 'another renderer';
  } catch {
    return 'another renderer';
  }
}
