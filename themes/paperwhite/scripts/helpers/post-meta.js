/* global hexo */

// Helpers the post and list layouts call: reading time, table of contents, plain-text excerpt. They read the
// summary the post pipeline kept with the post (lib/post/summary.js), so none of them parses the post again.

const { summaryOf } = require('../../lib/post/summary');
const { readingMinutes } = require('../../lib/reading-time');
const { renderToc } = require('../../lib/toc');

hexo.extend.helper.register('reading_minutes', function (post) {
  return readingMinutes(summaryOf(post).reading, this.theme.reading_time);
});

hexo.extend.helper.register('post_toc', function (post) {
  return renderToc(summaryOf(post).headings, this.theme.toc);
});

/** The post's description, else the text before <!-- more -->, else the start of the post; plain text, ~140 chars. */
function plainExcerpt(post, length = 140) {
  const summary = summaryOf(post);
  const text = post.description || summary.excerpt || summary.text;
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

hexo.extend.helper.register('plain_excerpt', plainExcerpt);

module.exports = { plainExcerpt };
