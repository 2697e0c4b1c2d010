/* global hexo */

// Build-time math: marked tokenizes $…$ and $$…$$ and KaTeX renders MathML (see lib/math.js). Formulas KaTeX
// cannot parse are reported by the post pipeline (transform-post.js).

const { blockMath, inlineMath } = require('../../lib/math');

hexo.extend.filter.register('marked:extensions', (extensions) => {
  extensions.push(blockMath, inlineMath);
});
