// Edit rendered HTML in place: a real parser (htmlparser2) finds the tags, and only those byte ranges change.
// Re-serialising a whole post from a DOM would rewrite markup we never meant to touch (MathML, entities, quotes).

const { Parser } = require('htmlparser2');

/**
 * Calls `onOpen(name, attribs, range)`, `onClose(name, range)` and `onText(text)` in document order, where
 * `range` is `{ start, end }`: the tag's first and one-past-last index. Implied close tags (void elements,
 * unclosed <p>) are reported with `range` null.
 */
function scanTags(html, { onOpen = () => {}, onClose = () => {}, onText = () => {} }) {
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        onOpen(name, attribs, { start: parser.startIndex, end: parser.endIndex + 1 });
      },
      onclosetag(name, isImplied) {
        onClose(name, isImplied ? null : { start: parser.startIndex, end: parser.endIndex + 1 });
      },
      ontext: onText,
    },
    { decodeEntities: true },
  );
  parser.end(html);
}

/** Applies `{ start, end, text }` replacements (non-overlapping; `start === end` inserts) to `html`. */
function applyEdits(html, edits) {
  let out = html;
  for (const { start, end, text } of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

/** Escapes text for an HTML attribute value in double quotes (hexo-util's escapeHTML also escapes "/"). */
const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Escapes HTML text content. */
const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Index just before an opening tag's closing `>` (or `/>`): where new attributes go. */
function attributeInsertionPoint(html, range) {
  return html[range.end - 2] === '/' ? range.end - 2 : range.end - 1;
}

module.exports = { scanTags, applyEdits, attributeInsertionPoint, escapeAttribute, escapeText };
