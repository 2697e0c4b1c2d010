/**
 * hexo-typora-image-sync: Hexo loads this file with a global `hexo`. It only registers; every behaviour
 * lives in its own module under a folder named for the Hexo extension point it uses.
 */
import type Hexo from 'hexo';
import type { ConsoleArgs } from './console/typora';
import { TYPORA_DESCRIPTION, TYPORA_HELP } from './console/typora_help';
import { createContext } from './context';
import { restoreImageUrls } from './filter/after_post_render/restore_image_urls';
import { checkHexoFiles } from './filter/before_generate/check_hexo_files';
import { enforceStrictMode } from './filter/before_generate/enforce_strict_mode';
import { recheckCachedPosts } from './filter/before_generate/recheck_cached_posts';
import { resolveTyporaImages } from './filter/before_post_render/resolve_typora_images';
import { guardHexoAssets } from './generator/guard_hexo_assets';
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
  // Before render_post (10): posts whose images are not all Hexo's own are rendered again.
  site.extend.filter.register('before_generate', recheckCachedPosts(ctx), 9);
  // Every file Hexo publishes by itself (asset folders, source/), before strict mode counts the problems.
  site.extend.filter.register('before_generate', checkHexoFiles(ctx), 15);
  // After render_post (10): every post has been rendered and its problems are known.
  site.extend.filter.register('before_generate', enforceStrictMode(ctx), 20);
  site.extend.generator.register('typora_images', publishOutsideImages(ctx));
  const assetGenerator = site.extend.generator.get('asset');
  if (assetGenerator) site.extend.generator.register('asset', guardHexoAssets(ctx, assetGenerator));
}

if (typeof hexo !== 'undefined') register(hexo);
