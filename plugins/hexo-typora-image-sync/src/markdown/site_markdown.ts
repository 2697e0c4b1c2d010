/**
 * The markdown dialect the site renders with: the `marked` that the site's hexo-renderer-marked loads (not a
 * copy of the plugin's own), its `gfm`/`breaks`/`pedantic` settings, and the extensions the site's plugins
 * and theme register through hexo-renderer-marked's filters (math, custom blocks). What the finder sees is
 * then what the renderer renders.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

type Extension = {
  name?: string;
  level?: string;
  tokenizer?: (...args: unknown[]) => unknown;
  start?: (...args: unknown[]) => unknown;
  childTokens?: string[];
};

interface MarkedModule {
  Lexer: unknown;
  Tokenizer: new () => Record<string, unknown>;
  getDefaults?: () => Record<string, unknown>;
  defaults?: Record<string, unknown>;
}

export type Probe = (src: string, tokens: never[]) => undefined;

export interface SiteMarkdown {
  marked: MarkedModule;
  /** marked's version, for messages. */
  version: string;
  /** Options for one Lexer: the site's settings and extensions, with `probe` running first at every step. */
  lexerOptions(probe: Probe): Record<string, unknown>;
  /** Properties that hold child tokens, per extension token type. */
  childTokens: Readonly<Record<string, readonly string[]>>;
}

export interface MarkdownSettings {
  gfm?: boolean;
  breaks?: boolean;
  pedantic?: boolean;
}

/** What a site can add to marked: the arguments hexo-renderer-marked's filters collect. */
export interface SiteExtensions {
  extensions: Extension[];
  /** Tokenizer methods that run before marked's own (`false` falls back to marked's). */
  tokenizer: Record<string, (...args: unknown[]) => unknown>;
}

export function createSiteMarkdown(
  marked: MarkedModule,
  version: string,
  settings: MarkdownSettings = {},
  site: SiteExtensions = { extensions: [], tokenizer: {} },
): SiteMarkdown {
  const childTokens: Record<string, string[]> = {};
  for (const extension of site.extensions) {
    if (extension.name && extension.childTokens) childTokens[extension.name] = extension.childTokens;
  }
  return {
    marked,
    version,
    childTokens,
    lexerOptions(probe) {
      const defaults = marked.getDefaults ? marked.getDefaults() : { ...marked.defaults };
      const extensions = {
        block: [] as unknown[],
        inline: [] as unknown[],
        startBlock: [] as unknown[],
        startInline: [] as unknown[],
        childTokens,
        renderers: {},
      };
      // As marked.use() does: an extension registered later runs first.
      for (const extension of site.extensions) {
        const level = extension.level === 'block' ? 'block' : 'inline';
        if (extension.tokenizer) extensions[level].unshift(extension.tokenizer);
        if (extension.start)
          extensions[level === 'block' ? 'startBlock' : 'startInline'].push(extension.start);
      }
      extensions.block.unshift(probe);
      extensions.inline.unshift(probe);
      if (extensions.startBlock.length === 0) Reflect.deleteProperty(extensions, 'startBlock');
      if (extensions.startInline.length === 0) Reflect.deleteProperty(extensions, 'startInline');
      return {
        ...defaults,
        gfm: settings.gfm ?? true,
        breaks: settings.breaks ?? false,
        pedantic: settings.pedantic ?? false,
        extensions,
        tokenizer: tokenizerWith(marked, site.tokenizer),
      };
    },
  };
}

/** A fresh marked Tokenizer with the site's overrides, combined the way marked.use() combines them. */
function tokenizerWith(
  marked: MarkedModule,
  overrides: Record<string, (...args: unknown[]) => unknown>,
): Record<string, unknown> {
  const tokenizer = new marked.Tokenizer();
  for (const [name, override] of Object.entries(overrides)) {
    const original = tokenizer[name];
    if (typeof override !== 'function' || typeof original !== 'function') continue;
    tokenizer[name] = function (this: unknown, ...args: unknown[]) {
      const result = override.apply(tokenizer, args);
      return result === false ? (original as (...a: unknown[]) => unknown).apply(tokenizer, args) : result;
    };
  }
  return tokenizer;
}

/** Loads the `marked` a package resolves from `fromDir` (a site, or hexo-renderer-marked's folder). */
export function loadMarked(fromDir: string): { marked: MarkedModule; version: string } | undefined {
  const require = createRequire(path.join(fromDir, 'package.json'));
  try {
    const marked = require('marked') as MarkedModule;
    const version = (require('marked/package.json') as { version?: string }).version ?? 'unknown';
    return typeof marked.Lexer === 'function' ? { marked, version } : undefined;
  } catch {
    return undefined;
  }
}

/** The folder of the hexo-renderer-marked the site at `baseDir` loads, if it has one. */
export function findRendererDir(baseDir: string): string | undefined {
  try {
    const require = createRequire(path.join(baseDir, 'package.json'));
    return path.dirname(require.resolve('hexo-renderer-marked/package.json'));
  } catch {
    return undefined;
  }
}
