// Edit rendered HTML in place: behaviours answer with byte ranges of the source (from ./parse-tree.js) and the
// text to put there, and only those ranges change. Re-serialising a whole post from a DOM would rewrite markup
// nobody meant to touch (MathML, entities, quotes).

/**
 * @typedef {{ start: number, end: number, text: string }} Edit  replaces html[start, end) with `text`;
 *   `start === end` inserts
 */

/**
 * Applies non-overlapping edits in one pass: sorted once by position, the output is built from the untouched
 * stretches and the new texts (linear in the size of the post, however many edits; splicing a string once per
 * edit made a post with 10,000 images take 53 s). At one position, insertions come before a replacement that
 * starts there, and insertions keep the order they were given in.
 *
 * @param {string} html @param {Edit[]} edits @returns {string}
 */
function applyEdits(html, edits) {
  if (!edits.length) return html;
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.order - b.order,
    );
  const parts = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at) {
      throw new Error(
        `overlapping HTML edits at ${edit.start}: two post behaviours changed the same tag; make one of them ` +
          `leave it alone (${JSON.stringify(html.slice(edit.start, edit.end + 1).slice(0, 80))})`,
      );
    }
    parts.push(html.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

/** Escapes text for an HTML attribute value in double quotes (hexo-util's escapeHTML also escapes "/"). */
const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Escapes HTML text content. */
const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Index just before an opening tag's closing `>` (or `/>`): where new attributes go.
 * @param {string} html @param {{ end: number }} open the tag's range
 */
function attributeInsertionPoint(html, open) {
  return html[open.end - 2] === '/' ? open.end - 2 : open.end - 1;
}

module.exports = { applyEdits, attributeInsertionPoint, escapeAttribute, escapeText };
