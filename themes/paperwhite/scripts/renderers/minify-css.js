/* global hexo */

// Stylesheets are written readable and served small: every .css file the site publishes is minified.

const { minifyCss } = require('../../lib/minify-css');

hexo.extend.renderer.register('css', 'css', (data) => minifyCss(data.text), true);
