// An image alone in its paragraph is a figure: `![alt](src "caption")` becomes <figure><img><figcaption>caption.
// The image may be the image plugin's <picture> (its <source>s and one <img>); the <img> carries alt and title.
// Without a title the alt text is the caption, hidden from screen readers since they already read it as alt,
// unless it is a name Typora made up for a pasted image ("image-20240312101010123") or a file name.

const { escapeText } = require('../html/edits');

const MEANINGLESS_ALT = /^(?:image(?:-\d+)?|img_?\d*|截图|\S+\.(?:png|jpe?g|gif|svg|webp|avif))$/i;

/** @param {Record<string, string>} attribs @returns {string} the figcaption element, or '' */
function captionFor(attribs) {
  const title = (attribs.title || '').trim();
  if (title) return `<figcaption>${escapeText(title)}</figcaption>`;
  const alt = (attribs.alt || '').trim();
  if (alt && !MEANINGLESS_ALT.test(alt))
    return `<figcaption aria-hidden="true">${escapeText(alt)}</figcaption>`;
  return '';
}

/** The element children of `element`, or null when it also holds text other than white space. */
function elementChildren(element) {
  const elements = [];
  for (const child of element.children) {
    if (child.type === 'tag') elements.push(child);
    else if (child.data.trim()) return null;
  }
  return elements;
}

/** The <img> of a paragraph that holds one image (bare, or in a <picture>) and nothing else; else null. */
function loneImage(paragraph) {
  const [only, ...rest] = elementChildren(paragraph) ?? [];
  if (!only || rest.length) return null;
  if (only.name === 'img') return only;
  if (only.name !== 'picture') return null;
  const inside = elementChildren(only) ?? [];
  const images = inside.filter((e) => e.name === 'img');
  const onlySources = inside.every((e) => e.name === 'img' || (e.name === 'source' && !e.children.length));
  return images.length === 1 && onlySources ? images[0] : null;
}

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function captionFigures(tree) {
  const edits = [];
  for (const paragraph of tree.elements('p')) {
    const img = paragraph.close && loneImage(paragraph);
    const caption = img ? captionFor(img.attribs) : '';
    if (!caption || !paragraph.close) continue;
    edits.push({ ...paragraph.open, text: '<figure>' });
    edits.push({ ...paragraph.close, text: `${caption}</figure>` });
  }
  return edits;
}

module.exports = { captionFigures };
