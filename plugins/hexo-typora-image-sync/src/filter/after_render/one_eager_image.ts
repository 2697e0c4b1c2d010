/**
 * One image per page loads eagerly at high priority. The responsive-variants filter marks the first image of
 * each post that way (on its own page it is likely the LCP), but an index page that shows several posts' content
 * would then ask for every post's first image at once, each competing with the page's real first image. On a
 * rendered page, the first image the plugin marked keeps the mark and the later ones load lazily.
 */

/** What `add_responsive_variants` inserts into an `<img>` that said nothing about how to load. */
export const EAGER_MARK = ' loading="eager" fetchpriority="high"';
const LAZY = ' loading="lazy"';

export function keepOneEagerImage(html: string): string {
  const first = html.indexOf(EAGER_MARK);
  if (first < 0) return html;
  const after = first + EAGER_MARK.length;
  if (html.indexOf(EAGER_MARK, after) < 0) return html;
  return html.slice(0, after) + html.slice(after).split(EAGER_MARK).join(LAZY);
}

/** The `after_render:html` filter. */
export function oneEagerImageFilter(html: string): string {
  return typeof html === 'string' ? keepOneEagerImage(html) : html;
}
