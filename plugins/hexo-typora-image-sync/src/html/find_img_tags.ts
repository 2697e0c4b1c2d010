/**
 * The `<img>` tags of rendered HTML with their offsets and decoded attributes, and whether each is already
 * inside a `<picture>`: one pass of htmlparser2, so code blocks (escaped text), comments and quoted `>` are
 * read as a browser reads them.
 */
import { Parser } from 'htmlparser2';

export interface ImgTag {
  /** Offset of `<` and just past `>`. */
  start: number;
  end: number;
  /** Where new attributes go: before `>` or `/>`. */
  insertAt: number;
  /** Decoded attribute values, by lower-case name. */
  attributes: Record<string, string>;
  inPicture: boolean;
  /** 0 for the first `<img>` of the document. */
  index: number;
}

export function findImgTags(html: string): ImgTag[] {
  const tags: ImgTag[] = [];
  if (!html.includes('<img') && !html.includes('<IMG')) return tags;
  let pictures = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'picture') pictures++;
        if (name !== 'img') return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        let insertAt = end - 1;
        while (insertAt > start && /[\s/]/.test(html[insertAt - 1] as string)) insertAt--;
        tags.push({ start, end, insertAt, attributes, inPicture: pictures > 0, index: tags.length });
      },
      onclosetag(name) {
        if (name === 'picture' && pictures > 0) pictures--;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return tags;
}
