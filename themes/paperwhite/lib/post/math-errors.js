// KaTeX renders a formula it cannot parse as red source text (lib/math.js marks it); the build names the post.

/**
 * @param {import('../html/parse-tree').Tree} tree
 * @returns {string[]} messages of the KaTeX errors left in the post (`<span class="katex-error" title="…">`)
 */
function findMathErrors(tree) {
  return tree
    .elements('span')
    .filter((span) => span.attribs.class === 'katex-error')
    .map((span) => span.attribs.title || 'unknown KaTeX error');
}

module.exports = { findMathErrors };
