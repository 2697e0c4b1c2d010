/**
 * After rendering: each raster image the post uses that the site serves from a local file becomes a
 * `<picture>` with an AVIF and/or WebP `<source>` per format (srcset at a few widths, sizes from the column)
 * around the author's `<img>`, whose `src` stays the full-size original (for zoom, feeds and old browsers).
 * The first image of the post loads eagerly at high priority (likely the LCP), the others lazily.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PluginContext } from '../../context';
import type { RenderData } from '../../hexo/site_model';
import { saveVariantRecord, type VariantOriginal, type VariantRoute } from '../../hexo/variant_model';
import { findImgTags, type ImgTag } from '../../html/find_img_tags';
import { applyEdits, type TextEdit } from '../../text/apply_edits';
import { encodeUrlPath, joinRoot } from '../../url/encode_url_path';
import { sitePathOfUrl } from '../../url/site_path_of_url';
import type { ImageVariants, VariantEncoder } from '../../variants/encode_variants';
import { type SourceSet, sizesText, sourceElements } from '../../variants/picture_markup';
import type { VariantCache } from '../../variants/variant_cache';
import { EAGER_MARK } from '../after_render/one_eager_image';

export function addResponsiveVariants(ctx: PluginContext, encoder: VariantEncoder, cache: VariantCache) {
  const { hexo } = ctx;
  return async function addResponsiveVariantsFilter(data: RenderData): Promise<RenderData> {
    const id = data._id;
    // Without an id there is no record to publish the variants by: leave such HTML alone.
    if (!id || typeof data.content !== 'string') return data;
    const pagePath = (hexo.model('Post').has(id) ? ctx.index.postPath(id) : undefined) ?? data.path;
    const candidates: { tag: ImgTag; sitePath: string; file: string }[] = [];
    const tags = findImgTags(data.content);
    for (const tag of tags) {
      const src = tag.attributes.src;
      if (tag.inPicture || tag.attributes.srcset !== undefined || !src || typeof pagePath !== 'string')
        continue;
      const sitePath = sitePathOfUrl(src, pagePath, hexo.config);
      const file =
        sitePath === null ? undefined : (ctx.routes.sourceAt(sitePath) ?? ctx.index.fileAt(sitePath));
      if (sitePath !== null && file) candidates.push({ tag, sitePath, file });
    }
    const results = await Promise.all(candidates.map((c) => encoder.variantsOf(c.file)));
    const edits: TextEdit[] = [];
    const routes: VariantRoute[] = [];
    const originals: VariantOriginal[] = [];
    candidates.forEach(({ tag, sitePath, file }, i) => {
      const result = results[i] as ImageVariants;
      if (!result.ok) {
        if (result.reason.startsWith('could not'))
          hexo.log.warn(`typora: ${path.relative(hexo.base_dir, file)} (in ${data.source}) ${result.reason}`);
        return;
      }
      const sets: SourceSet[] = [];
      for (const { format, key, manifest } of result.formats) {
        const variants = manifest.variants.map((variant) => {
          const variantPath = variantSitePath(sitePath, variant.width, key, format);
          routes.push({ path: variantPath, source: cache.variantFile(key, format, variant.width) });
          return { url: joinRoot(hexo.config.root, encodeUrlPath(variantPath)), width: variant.width };
        });
        sets.push({ format, variants });
      }
      const sources = sourceElements(sets, sizesText(ctx.config.images, cssWidth(tag, result.image.width)));
      if (!sources) return;
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat) originals.push({ file, size: stat.size, mtimeMs: stat.mtimeMs });
      edits.push({ start: tag.start, end: tag.start, text: `<picture>${sources}` });
      edits.push({ start: tag.insertAt, end: tag.insertAt, text: addedAttributes(tag, result.image) });
      edits.push({ start: tag.end, end: tag.end, text: '</picture>' });
    });
    await saveVariantRecord(hexo, { _id: id, routes, originals });
    if (edits.length > 0) data.content = applyEdits(data.content, edits);
    return data;
  };
}

/** `2024/01/02/hello/x.png` → `2024/01/02/hello/x-656w.5ef334b2.avif`: beside the original, named by content. */
export function variantSitePath(sitePath: string, width: number, key: string, format: string): string {
  const dir = path.posix.dirname(sitePath);
  const stem = path.posix.basename(sitePath, path.posix.extname(sitePath));
  return `${dir === '.' ? '' : `${dir}/`}${stem}-${width}w.${key.slice(0, 8)}.${format}`;
}

/** The width the author gave the image, in CSS px, else its own. */
function cssWidth(tag: ImgTag, imageWidth: number): number {
  const given = Number(tag.attributes.width);
  return Number.isInteger(given) && given > 0 ? given : imageWidth;
}

function addedAttributes(tag: ImgTag, image: { width: number; height: number }): string {
  const has = (name: string) => tag.attributes[name] !== undefined;
  let text = '';
  if (!has('width') && !has('height') && image.width > 0)
    text += ` width="${image.width}" height="${image.height}"`;
  if (tag.index === 0) {
    // Together, as one mark that keepOneEagerImage finds on a page that shows several posts.
    if (!has('loading') && !has('fetchpriority')) text += EAGER_MARK;
    else if (!has('loading')) text += ' loading="eager"';
    else if (!has('fetchpriority')) text += ' fetchpriority="high"';
  } else {
    if (!has('loading')) text += ' loading="lazy"';
    if (!has('decoding')) text += ' decoding="async"';
  }
  return text;
}
