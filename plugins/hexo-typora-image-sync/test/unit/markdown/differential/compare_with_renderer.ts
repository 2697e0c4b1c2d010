/**
 * The oracle: marked's own HTML. A finder agrees with the renderer on a document when (1) the images it
 * reports are exactly the `<img src>` marked renders, and (2) its offsets are the renderer's: after each
 * reported destination is replaced by a unique marker, marked renders every marker and no other `src`.
 */
import { decodeHTMLAttribute } from 'entities';
import { Parser } from 'htmlparser2';
import type { MarkdownReference } from '../../../../src/markdown/find_references';

export interface Renderer {
  parse(markdown: string): string;
}

export interface Disagreement {
  /** Rendered but not reported. */
  missing: string[];
  /** Reported but not rendered. */
  extra: string[];
  /** Markers placed at reported offsets that marked did not render as an image `src`. */
  misplaced: string[];
  /** Rendered `src`s that are not markers after the replacement (an image the offsets missed). */
  untouched: string[];
}

export function renderedImageSources(html: string): string[] {
  const sources: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'img' && attributes.src !== undefined) sources.push(attributes.src);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return sources;
}

/** What marked writes into `src` for a markdown destination (its `cleanUrl`). */
function cleanUrl(href: string): string {
  try {
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return href;
  }
}

const expectedSource = (reference: MarkdownReference): string =>
  reference.syntax === 'html' ? decodeHTMLAttribute(reference.destination) : cleanUrl(reference.destination);

export function compareWithRenderer(
  markdown: string,
  references: readonly MarkdownReference[],
  renderer: Renderer,
): Disagreement | null {
  // An image without a destination (`![a]()`) names no file.
  const rendered = new Set(renderedImageSources(renderer.parse(markdown)).filter((src) => src !== ''));
  const images = references.filter((r) => r.image && r.syntax !== 'loose');
  const reported = new Set(images.map(expectedSource));
  const missing = [...rendered].filter((src) => !reported.has(src));
  const extra = [...reported].filter((src) => !rendered.has(src));

  // Offsets: put a marker where each reported image destination is, and render again.
  const markers = new Map<MarkdownReference, string>();
  let replaced = '';
  let at = 0;
  const ordered = [...references].filter((r) => r.image).sort((a, b) => a.start - b.start);
  ordered.forEach((reference, i) => {
    if (reference.start < at) return;
    const marker = `tis-marker-${i}.png`;
    markers.set(reference, marker);
    replaced += markdown.slice(at, reference.start) + marker;
    at = reference.end;
  });
  replaced += markdown.slice(at);
  const afterReplace = renderedImageSources(renderer.parse(replaced));
  const markerSet = new Set(markers.values());
  const seen = new Set(afterReplace);
  const misplaced = images
    .map((reference) => markers.get(reference) as string)
    .filter((marker) => marker !== undefined && !seen.has(marker));
  const untouched = afterReplace.filter((src) => src !== '' && !markerSet.has(src));

  if (missing.length + extra.length + misplaced.length + untouched.length === 0) return null;
  return { missing, extra, misplaced, untouched };
}
