/**
 * The dialect used when no site is at hand (unit tests, a caller that passes none): the `marked` that
 * resolves from the plugin's own folder, with marked's GFM defaults and no extensions.
 */
import { createSiteMarkdown, loadMarked, type SiteMarkdown } from './site_markdown';

let cached: SiteMarkdown | undefined;

export function defaultSiteMarkdown(): SiteMarkdown {
  if (cached) return cached;
  const loaded = loadMarked(__dirname);
  if (!loaded) {
    throw new Error(
      'hexo-typora-image-sync: cannot load marked; install hexo-renderer-marked (it brings the marked the site renders with)',
    );
  }
  cached = createSiteMarkdown(loaded.marked, loaded.version);
  return cached;
}
