/**
 * The `<img>` tags of rendered HTML with their offsets and decoded attributes, and whether each is already
 * inside a `<picture>`: one pass of htmlparser2's tokenizer, so code blocks (escaped text), comments, raw text
 * and quoted `>` are read as a browser reads them. Only `<img>` attributes are kept and decoded: a post full of
 * MathML has thousands of other tags, and this runs on every post of every build.
 */
import { decodeHTMLAttribute } from 'entities';
import { Tokenizer } from 'htmlparser2';

export interface ImgTag {
  /** Offset of `<` and just past `>`. */
  start: number;
  end: number;
  /** Where new attributes go: before `>` or `/>`. */
  insertAt: number;
  /** Decoded attribute values, by lower-case name (the first of a repeated name, as browsers do). */
  attributes: Record<string, string>;
  inPicture: boolean;
  /** 0 for the first `<img>` of the document. */
  index: number;
}

export function findImgTags(html: string): ImgTag[] {
  const tags: ImgTag[] = [];
  if (!/<img/i.test(html)) return tags;
  let pictures = 0;
  let tagName = '';
  let tagStart = -1;
  let attributes: Record<string, string> = {};
  let attributeName = '';
  let valueStart = -1;
  let valueEnd = -1;
  const finish = (endIndex: number): void => {
    if (tagName === 'picture') pictures++;
    if (tagName !== 'img') return;
    let insertAt = endIndex;
    while (insertAt > tagStart && /[\s/]/.test(html[insertAt - 1] as string)) insertAt--;
    tags.push({
      start: tagStart,
      end: endIndex + 1,
      insertAt,
      attributes,
      inPicture: pictures > 0,
      index: tags.length,
    });
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        tagStart = start - 1;
        if (tagName === 'img') attributes = {};
      },
      onattribname(start, end) {
        if (tagName !== 'img') return;
        attributeName = html.slice(start, end).toLowerCase();
        valueStart = -1;
        valueEnd = -1;
      },
      onattribdata(start, end) {
        if (tagName !== 'img') return;
        if (valueStart < 0) valueStart = start;
        valueEnd = end;
      },
      onattribend() {
        if (tagName !== 'img' || attributeName in attributes) return;
        attributes[attributeName] =
          valueStart < 0 ? '' : decodeHTMLAttribute(html.slice(valueStart, valueEnd));
      },
      onopentagend: finish,
      onselfclosingtag: finish,
      onclosetag(start, end) {
        if (pictures > 0 && html.slice(start, end).toLowerCase() === 'picture') pictures--;
      },
      onattribentity() {},
      oncdata() {},
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
