/**
 * The text of a responsive image: `srcset` and `sizes` for each `<source>`, and the `<source>` elements that
 * go before the author's `<img>` inside a `<picture>`. The `<img>` keeps the original file as its `src`.
 */
import type { VariantFormat } from '../config';

export interface VariantUrl {
  /** Root-relative, percent-encoded URL. */
  url: string;
  width: number;
}

export interface SourceSet {
  format: VariantFormat;
  variants: readonly VariantUrl[];
}

const MEDIA_TYPES: Readonly<Record<VariantFormat, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
};

/** `a.avif 400w, b.avif 656w`, narrowest first. */
export function srcsetText(variants: readonly VariantUrl[]): string {
  return [...variants]
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

/**
 * How wide the image is drawn, in CSS px, for the browser to pick a variant before layout: the column on a
 * wide screen, the screen less the gutter on a narrow one, and never wider than the image's own `width`.
 */
export function sizesText(layout: { column: number; gutter: number }, cssWidth?: number): string {
  const drawn = cssWidth && cssWidth > 0 ? Math.min(cssWidth, layout.column) : layout.column;
  return `(max-width: ${drawn + layout.gutter}px) calc(100vw - ${layout.gutter}px), ${drawn}px`;
}

/** The `<source>` elements, in the order given (the browser takes the first type it supports). */
export function sourceElements(sets: readonly SourceSet[], sizes: string): string {
  return sets
    .filter((set) => set.variants.length > 0)
    .map(
      (set) =>
        `<source type="${MEDIA_TYPES[set.format]}" srcset="${escapeAttribute(srcsetText(set.variants))}" sizes="${sizes}">`,
    )
    .join('');
}

/** URLs here are percent-encoded already; only `&` and `"` could still break the attribute. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
