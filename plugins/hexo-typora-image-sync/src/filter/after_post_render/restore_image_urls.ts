/**
 * After rendering: put the final URLs where the placeholders are, and give each resolved image its pixel
 * size (Typora's `zoom` becomes the size), so that nothing shifts while the page loads.
 */
import type { PluginContext, RewrittenReference } from '../../context';
import type { RenderData } from '../../hexo/site_model';
import { findHtmlTags, type HtmlTag } from '../../html/find_html_references';
import { type ImageSizeReader, takeZoom } from '../../images/read_image_size';
import { applyEdits, type TextEdit } from '../../text/apply_edits';

export function restoreImageUrls(ctx: PluginContext) {
  return function restoreImageUrlsFilter(data: RenderData): RenderData {
    const rewritten = ctx.rewritten.get(data);
    if (!rewritten) return data;
    ctx.rewritten.delete(data);
    let html = data.content;
    if (ctx.config.image_size && rewritten.length > 0)
      html = addImageSizes(html, rewritten, ctx.placeholder, ctx.imageSizes);
    data.content = replacePlaceholders(html, rewritten, ctx.placeholder);
    return data;
  };
}

export function replacePlaceholders(
  html: string,
  rewritten: readonly RewrittenReference[],
  placeholder: string,
): string {
  let out = '';
  let at = 0;
  for (;;) {
    const found = html.indexOf(placeholder, at);
    if (found < 0) break;
    const close = html.indexOf('-', found + placeholder.length);
    const index = Number(html.slice(found + placeholder.length, close));
    const reference = close > 0 && Number.isInteger(index) ? rewritten[index] : undefined;
    if (!reference) {
      out += html.slice(at, found + placeholder.length);
      at = found + placeholder.length;
      continue;
    }
    out += html.slice(at, found) + reference.url;
    at = close + 1;
  }
  return out + html.slice(at);
}

function addImageSizes(
  html: string,
  rewritten: readonly RewrittenReference[],
  placeholder: string,
  sizes: ImageSizeReader,
): string {
  const edits: TextEdit[] = [];
  for (const tag of imageTagsWithPlaceholders(html, placeholder)) {
    const edit = sizeEdit(html, tag, rewritten, placeholder, sizes);
    if (edit) edits.push(...edit);
  }
  return applyEdits(html, edits);
}

/**
 * The `<img>` tags whose `src` is a placeholder. Only those tags are tokenized (not the whole page): from the
 * `<` before each placeholder, with the HTML tokenizer, so quoted `>` in attributes are read correctly.
 */
function imageTagsWithPlaceholders(html: string, placeholder: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let from = html.indexOf(placeholder);
  while (from >= 0) {
    const start = html.lastIndexOf('<', from);
    if (start >= 0 && /^<img\s/i.test(html.slice(start, start + 5))) {
      const tag = findHtmlTags(html.slice(start, from + MAX_TAG_TAIL), 1)[0];
      if (tag && tag.end > from - start) tags.push(shiftTag(tag, start));
    }
    from = html.indexOf(placeholder, from + placeholder.length);
  }
  return tags;
}

/** How far past its `src` an image tag may end (alt text, style…) for it to get a size. */
const MAX_TAG_TAIL = 8192;

function shiftTag(tag: HtmlTag, by: number): HtmlTag {
  return {
    ...tag,
    start: tag.start + by,
    end: tag.end + by,
    insertAt: tag.insertAt + by,
    attributes: tag.attributes.map((a) => ({
      ...a,
      start: a.start + by,
      end: a.end + by,
      outerStart: a.outerStart + by,
      outerEnd: a.outerEnd + by,
    })),
  };
}

function sizeEdit(
  html: string,
  tag: HtmlTag,
  rewritten: readonly RewrittenReference[],
  placeholder: string,
  sizes: ImageSizeReader,
): TextEdit[] | null {
  const attribute = (name: string) => tag.attributes.find((a) => a.name === name);
  const src = attribute('src');
  if (!src?.raw.startsWith(placeholder) || attribute('width') || attribute('height')) return null;
  const reference = rewritten[Number(src.raw.slice(placeholder.length, -1))];
  if (!reference) return null;
  const size = sizes.read(reference.file);
  if (!size) return null;
  const edits: TextEdit[] = [];
  let factor = 1;
  const style = attribute('style');
  if (style) {
    const zoom = takeZoom(html.slice(style.start, style.end));
    if (zoom) {
      factor = zoom.zoom;
      // An empty style="" is noise: drop the attribute with the space before it.
      const emptied = zoom.rest === '';
      let from = style.outerStart;
      while (emptied && from > tag.start && /\s/.test(html[from - 1] as string)) from--;
      edits.push(
        emptied
          ? { start: from, end: style.outerEnd, text: '' }
          : { start: style.start, end: style.end, text: zoom.rest },
      );
    }
  }
  const width = Math.max(1, Math.round(size.width * factor));
  const height = Math.max(1, Math.round(size.height * factor));
  edits.push({ start: tag.insertAt, end: tag.insertAt, text: ` width="${width}" height="${height}"` });
  return edits;
}
