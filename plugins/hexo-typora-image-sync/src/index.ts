/**
 * hexo-typora-image-sync: Hexo loads this file with a global `hexo`. It only registers; every behaviour
 * lives in its own module under a folder named for the Hexo extension point it uses.
 */
import type Hexo from 'hexo';
import type { ConsoleArgs } from './console/typora';
import { TYPORA_DESCRIPTION, TYPORA_HELP } from './console/typora_help';
import { createContext } from './context';
import { restoreImageUrls } from './filter/after_post_render/restore_image_urls';
import { enforceStrictMode } from './filter/before_generate/enforce_strict_mode';
import { resolveTyporaImages } from './filter/before_post_render/resolve_typora_images';
import { publishOutsideImages } from './generator/publish_outside_images';
import { registerRecordModel } from './hexo/site_model';
import { watchWithServer } from './watch/watch_with_server';

declare const hexo: Hexo;

export function register(site: Hexo): void {
  registerRecordModel(site);
  const ctx = createContext(site);
  // `hexo typora check|sync|watch`, and the watcher of `hexo server`, work even with typora.enable off.
  // The commands, the sync engine and chokidar load only when a `hexo typora` command runs.
  site.extend.console.register('typora', TYPORA_DESCRIPTION, TYPORA_HELP, async (args: ConsoleArgs) => {
    const { typoraCommand } = await import('./console/typora');
    return typoraCommand(ctx)(args);
  });
  watchWithServer(ctx);
  if (!ctx.config.enable) return;
  site.on('generateBefore', () => ctx.startBuild());
  // Before Hexo's own code-block filter (priority 10), so the markdown is exactly what the author wrote.
  site.extend.filter.register('before_post_render', resolveTyporaImages(ctx), 1);
  // Before the excerpt filter (10), so excerpts on index pages get the same URLs.
  site.extend.filter.register('after_post_render', restoreImageUrls(ctx), 1);
  // After render_post (10): every post has been rendered and its problems are known.
  site.extend.filter.register('before_generate', enforceStrictMode(ctx), 20);
  site.extend.generator.register('typora_images', publishOutsideImages(ctx));
}

if (typeof hexo !== 'undefined') register(hexo);
