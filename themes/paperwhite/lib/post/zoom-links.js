// Tap or click to zoom: every post image links to its full-resolution original, so without a script a reader
// still opens it full size (source/js/zoom.js opens the same link in a <dialog> instead). By the contract with
// the image plugin, an image is a bare <img> or a <picture> of <source>s and one <img>, and the <img>'s src is
// always the original; the link wraps the whole <picture>. An image already inside a link keeps the author's
// link, and gets no zoom.

const { escapeAttribute } = require('../html/edits');
const { closest } = require('../html/parse-tree');

/**
 * @param {import('../html/parse-tree').Tree} tree
 * @param {{ labels: { zoom: string } }} options `labels.zoom` names the link of an image without alt text
 * @returns {import('../html/edits').Edit[]}
 */
function linkImagesToOriginals(tree, { labels }) {
  const edits = [];
  for (const img of tree.elements('img')) {
    const src = img.attribs.src;
    if (!src || closest(img, (e) => e.name === 'a')) continue;
    const picture = img.parent?.name === 'picture' ? img.parent : null;
    const end = picture ? picture.close?.end : img.open.end;
    if (end === undefined) continue;
    const start = (picture ?? img).open.start;
    // A link needs a name: the image's alt text, or else a label that says what the link does.
    const name = img.attribs.alt?.trim() ? '' : ` aria-label="${escapeAttribute(labels.zoom)}"`;
    edits.push({ start, end: start, text: `<a class="zoom" href="${escapeAttribute(src)}"${name}>` });
    edits.push({ start: end, end, text: '</a>' });
  }
  return edits;
}

module.exports = { linkImagesToOriginals };
