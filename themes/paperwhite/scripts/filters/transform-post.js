/* global hexo */

// The theme's post pipeline (lib/post/transform-post.js): one parse per post, every behaviour's edits applied
// in one pass, and a summary (headings, text, reading time) kept with the post for the layouts.

const { translatorFor } = require('../../lib/languages');
const { findMathErrors } = require('../../lib/post/math-errors');
const { summarizePost } = require('../../lib/post/summary');
const { transformPost } = require('../../lib/post/transform-post');

// Priority 20: after the image plugin's filter (1) and Hexo's excerpt and external-link filters (10), so the
// pipeline sees the images' final URLs and sizes (<img>, or the plugin's <picture>).
hexo.extend.filter.register(
  'after_post_render',
  (data) => {
    const __ = translatorFor(hexo.theme.i18n, data.lang || data.language);
    const { html, tree } = transformPost(data.content, {
      labels: { table: __('content.table'), zoom: __('content.zoom') },
    });
    // KaTeX renders a formula it cannot parse as red source text; say which post has it so it gets fixed.
    for (const message of findMathErrors(tree)) hexo.log.warn('Math error in %s: %s', data.source, message);
    data.content = html;
    data.paperwhite = summarizePost(tree, data.excerpt);
  },
  20,
);
