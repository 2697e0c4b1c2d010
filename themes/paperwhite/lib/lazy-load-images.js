// Every post image but the first gets loading="lazy" decoding="async": the first is likely above the fold (and the
// LCP element), the rest should not compete with it. Images that already say how to load are left alone.

const { scanTags, applyEdits, attributeInsertionPoint } = require('./html-edits');

/** @param {string} html @returns {string} */
function lazyLoadImages(html) {
  const edits = [];
  let seen = 0;
  scanTags(html, {
    onOpen(name, attribs, range) {
      if (name !== 'img' || seen++ === 0) return;
      let text = '';
      if (!('loading' in attribs)) text += ' loading="lazy"';
      if (!('decoding' in attribs)) text += ' decoding="async"';
      const at = attributeInsertionPoint(html, range);
      if (text) edits.push({ start: at, end: at, text });
    },
  });
  return applyEdits(html, edits);
}

module.exports = { lazyLoadImages };
