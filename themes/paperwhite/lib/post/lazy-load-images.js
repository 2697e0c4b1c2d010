// Every post image but the first gets loading="lazy" decoding="async": the first is likely above the fold (and the
// LCP element), the rest should not compete with it. Images that already say how to load are left alone.

const { attributeInsertionPoint } = require('../html/edits');

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function lazyLoadImages(tree) {
  const edits = [];
  for (const img of tree.elements('img').slice(1)) {
    let text = '';
    if (!('loading' in img.attribs)) text += ' loading="lazy"';
    if (!('decoding' in img.attribs)) text += ' decoding="async"';
    const at = attributeInsertionPoint(tree.html, img.open);
    if (text) edits.push({ start: at, end: at, text });
  }
  return edits;
}

module.exports = { lazyLoadImages };
