/**
 * hexo-typora-image-sync: Hexo loads this file with a global `hexo`. It only registers; every behaviour
 * lives in its own module under a folder named for the Hexo extension point it uses.
 */
import path from 'node:path';
import type Hexo from 'hexo';
import type { ConsoleArgs } from './console/typora';
import { TYPORA_DESCRIPTION, TYPORA_HELP } from './console/typora_help';
import { createContext } from './context';
import { addResponsiveVariants } from './filter/after_post_render/add_responsive_variants';
import { restoreImageUrls } from './filter/after_post_render/restore_image_urls';
import { oneEagerImageFilter } from './filter/after_render/one_eager_image';
import { checkHexoFiles } from './filter/before_generate/check_hexo_files';
import { enforceStrictMode } from './filter/before_generate/enforce_strict_mode';
import { recheckCachedPosts } from './filter/before_generate/recheck_cached_posts';
import { refreshChangedVariants } from './filter/before_generate/refresh_changed_variants';
import { resolveTyporaImages } from './filter/before_post_render/resolve_typora_images';
import { guardHexoAssets } from './generator/guard_hexo_assets';
import { publishImageVariants } from './generator/publish_image_variants';
import { publishOutsideImages } from './generator/publish_outside_images';
import { registerRecordModel } from './hexo/site_model';
import { registerVariantModel } from './hexo/variant_model';
import { VariantEncoder } from './variants/encode_variants';
import { CACHE_FOLDER, VariantCache } from './variants/variant_cache';
import { watchWithServer } from './watch/watch_with_server';

declare const hexo: Hexo;

export function register(site: Hexo): void {
  registerRecordModel(site);
  registerVariantModel(site);
  const ctx = createContext(site);
  for (const warning of ctx.config.warnings) site.log.warn(warning);
  // `hexo typora check|sync|watch`, and the watcher of `hexo server`, work even with typora.enable off.
  // The commands, the sync engine and chokidar load only when a `hexo typora` command runs.
  site.extend.console.register('typora', TYPORA_DESCRIPTION, TYPORA_HELP, async (args: ConsoleArgs) => {
    const { typoraCommand } = await import('./console/typora');
    return typoraCommand(ctx)(args);
  });
  watchWithServer(ctx);
  // Responsive variants (typora.images) work with or without path resolution (typora.enable): they serve
  // Hexo's own asset-folder images too. After restore_image_urls (1), before the theme's filters (10).
  if (ctx.config.images.enable) {
    const cache = new VariantCache(path.join(site.base_dir, CACHE_FOLDER));
    const encoder = new VariantEncoder(cache, ctx.config.images);
    site.on('generateBefore', () => {
      encoder.startBuild();
      ctx.index.reset();
    });
    site.extend.filter.register('before_generate', refreshChangedVariants(ctx), 5);
    site.extend.filter.register('after_post_render', addResponsiveVariants(ctx, encoder, cache), 5);
    site.extend.generator.register('typora_image_variants', publishImageVariants(ctx, encoder, cache));
    // A page that shows several posts (an index with full posts) keeps one eager, high-priority image.
    site.extend.filter.register('after_render:html', oneEagerImageFilter);
  }
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
