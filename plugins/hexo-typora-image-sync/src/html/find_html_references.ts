/**
 * Finds the URL-bearing attributes of HTML tags (`<img src>`, `<a href>`, …) with their exact offsets,
 * using htmlparser2's tokenizer, so raw HTML in markdown and rendered HTML are read the same way.
 */
import { decodeHTMLAttribute } from 'entities';
import { Tokenizer } from 'htmlparser2';

export interface HtmlAttribute {
  name: string;
  /** Raw attribute value as written (entities not decoded). */
  raw: string;
  /** Offsets of the value, or of the position just after the name for a valueless attribute. */
  start: number;
  end: number;
  /** Offsets of the whole attribute, from its name to its closing quote. */
  outerStart: number;
  outerEnd: number;
}

export interface HtmlTag {
  name: string;
  /** Offset of `<` and just past the tag's closing `>`. */
  start: number;
  end: number;
  /** Offset where new attributes can be inserted (before `>` or `/>`). */
  insertAt: number;
  attributes: HtmlAttribute[];
}

export interface HtmlReference {
  tag: string;
  attribute: string;
  /** The decoded attribute value. */
  value: string;
  start: number;
  end: number;
}

/** Which attributes of which tags point at a file the page loads or links to. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['src'],
  a: ['href'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  embed: ['src'],
  object: ['data'],
};

const IMAGE_CONTEXT = new Set(['img', 'source', 'video', 'audio', 'embed', 'object']);

export function isImageContext(tag: string): boolean {
  return IMAGE_CONTEXT.has(tag);
}

/** Every start tag in `html` (or the first `limit` of them), with its attributes and their offsets. */
export function findHtmlTags(html: string, limit = Number.POSITIVE_INFINITY): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let current: HtmlTag | null = null;
  let attrName = '';
  let attrStart = -1;
  let attrEnd = -1;
  let nameStart = -1;
  let nameEnd = -1;
  const finishTag = (endIndex: number): void => {
    if (!current) return;
    current.end = endIndex + 1;
    let insertAt = endIndex;
    while (insertAt > current.start && /[\s/]/.test(html[insertAt - 1] as string)) insertAt--;
    current.insertAt = insertAt;
    tags.push(current);
    current = null;
    if (tags.length >= limit) tokenizer.pause();
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        current = {
          name: html.slice(start, end).toLowerCase(),
          start: start - 1,
          end: -1,
          insertAt: -1,
          attributes: [],
        };
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        nameStart = start;
        nameEnd = end;
        attrStart = -1;
        attrEnd = -1;
      },
      onattribdata(start, end) {
        if (attrStart < 0) attrStart = start;
        attrEnd = end;
      },
      onattribentity() {},
      onattribend(_quote, endIndex) {
        if (!current) return;
        const start = attrStart < 0 ? (_quote === 0 ? nameEnd : endIndex - 1) : attrStart;
        const end = attrStart < 0 ? start : attrEnd;
        const outerEnd = Math.max(end, endIndex);
        current.attributes.push({
          name: attrName,
          raw: html.slice(start, end),
          start,
          end,
          outerStart: nameStart,
          outerEnd,
        });
      },
      onopentagend(endIndex) {
        finishTag(endIndex);
      },
      onselfclosingtag(endIndex) {
        finishTag(endIndex);
      },
      oncdata() {},
      onclosetag() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onprocessinginstruction() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return tags;
}

/** The URL-bearing attributes in `html` (an HTML block or inline tag of a markdown file, or rendered HTML). */
export function findHtmlReferences(html: string): HtmlReference[] {
  const references: HtmlReference[] = [];
  if (!html.includes('<')) return references;
  for (const tag of findHtmlTags(html)) {
    const wanted = URL_ATTRIBUTES[tag.name];
    if (!wanted) continue;
    for (const attribute of tag.attributes) {
      if (!wanted.includes(attribute.name) || attribute.end <= attribute.start) continue;
      references.push({
        tag: tag.name,
        attribute: attribute.name,
        value: decodeHTMLAttribute(attribute.raw),
        start: attribute.start,
        end: attribute.end,
      });
    }
  }
  return references;
}
