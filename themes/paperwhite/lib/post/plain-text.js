// Plain text of rendered post HTML: for excerpts, reading time and the search index.
// Code blocks and math are skipped: they are not prose, and MathML text reads as noise.

const { parseTree } = require('../html/parse-tree');

const SKIPPED_TAGS = new Set(['figure', 'pre', 'math', 'script', 'style', 'svg']);
const BLOCK_TAGS = /^(?:p|h[1-6]|li|td|th|div|br|blockquote|figcaption|dt|dd)$/;

/**
 * The text of `element`, with a space after each block; `stopAt` (an element inside) ends the text where it
 * starts. White space is not collapsed yet.
 * @param {import('../html/parse-tree').Element} element
 * @param {import('../html/parse-tree').Element | null} [stopAt]
 */
function rawText(element, stopAt = null) {
  const parts = [];
  const walk = (node) => {
    if (node === stopAt) return false;
    if (node.type === 'text') parts.push(node.data);
    else if (SKIPPED_TAGS.has(node.name) || node.attribs.class === 'headerlink') return true;
    else {
      for (const child of node.children) if (!walk(child)) return false;
      if (BLOCK_TAGS.test(node.name)) parts.push(' ');
    }
    return true;
  };
  for (const child of element.children) if (!walk(child)) break;
  return parts.join('');
}

const collapse = (text) => text.replace(/\s+/g, ' ').trim();

/** @param {string} html @returns {string} text with whitespace collapsed */
const plainText = (html) => collapse(rawText(parseTree(html).root));

module.exports = { plainText, rawText, collapse };
