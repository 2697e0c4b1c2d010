/* global hexo */

// The theme's scripts (source/js/) are served without their comments and indentation (lib/minify-js.js); other
// scripts a site publishes are left as they are.

const { join, sep } = require('node:path');
const { minifyJs } = require('../../lib/minify-js');

const THEME_SOURCE = join(hexo.theme_dir, 'source') + sep;

hexo.extend.renderer.register(
  'js',
  'js',
  (data) => (data.path?.startsWith(THEME_SOURCE) ? minifyJs(data.text) : data.text),
  true,
);
