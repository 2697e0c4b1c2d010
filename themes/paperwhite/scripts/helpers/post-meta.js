/* global hexo */

// Helpers the post and list layouts call: reading time, table of contents, plain-text excerpt.

const { plainText } = require('../../lib/plain-text');
const { readingMinutes } = require('../../lib/reading-time');
const { renderToc } = require('../../lib/toc');

hexo.extend.helper.register('reading_minutes', function (html) {
  return readingMinutes(plainText(html), this.theme.reading_time);
});

hexo.extend.helper.register('post_toc', function (html) {
  return renderToc(html, this.theme.toc);
});

/** The post's description, else the text before <!-- more -->, else the start of the post; plain text, ~140 chars. */
function plainExcerpt(post, length = 140) {
  const text = post.description || plainText(post.excerpt || post.content || '');
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

hexo.extend.helper.register('plain_excerpt', plainExcerpt);

module.exports = { plainExcerpt };
