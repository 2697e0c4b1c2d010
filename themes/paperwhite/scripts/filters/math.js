/* global hexo */

// Build-time math: marked tokenizes $…$ and $$…$$ and KaTeX renders MathML (see lib/math.js).

const { blockMath, inlineMath, findMathErrors } = require('../../lib/math');

hexo.extend.filter.register('marked:extensions', (extensions) => {
  extensions.push(blockMath, inlineMath);
});

// KaTeX renders a formula it cannot parse as red source text; say which post has it so it gets fixed.
hexo.extend.filter.register('after_post_render', (data) => {
  for (const message of findMathErrors(data.content)) {
    hexo.log.warn('Math error in %s: %s', data.source, message);
  }
});
