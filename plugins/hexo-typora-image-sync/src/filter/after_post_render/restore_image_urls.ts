/**
 * After rendering: put the final URLs where the placeholders are, and give each resolved image its pixel
 * size (Typora's `zoom` becomes the size), so that nothing shifts while the page loads.
 */
import type { PluginContext, RewrittenReference } from '../../context';
import type { RenderData } from '../../hexo/site_model';
import { findHtmlTags, type HtmlTag } from '../../html/find_html_references';
import { type ImageSizeReader, takeZoom } from '../../images/read_image_size';

interface Edit {
  start: number;
  end: number;
  text: string;
}

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
  if (!html.includes('<img')) return html;
  const edits: Edit[] = [];
  for (const tag of findHtmlTags(html)) {
    if (tag.name !== 'img') continue;
    const edit = sizeEdit(html, tag, rewritten, placeholder, sizes);
    if (edit) edits.push(...edit);
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}

function sizeEdit(
  html: string,
  tag: HtmlTag,
  rewritten: readonly RewrittenReference[],
  placeholder: string,
  sizes: ImageSizeReader,
): Edit[] | null {
  const attribute = (name: string) => tag.attributes.find((a) => a.name === name);
  const src = attribute('src');
  if (!src?.raw.startsWith(placeholder) || attribute('width') || attribute('height')) return null;
  const reference = rewritten[Number(src.raw.slice(placeholder.length, -1))];
  if (!reference) return null;
  const size = sizes.read(reference.file);
  if (!size) return null;
  const edits: Edit[] = [];
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
