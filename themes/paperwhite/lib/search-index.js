// The search index: one small record per post. Full text would be ~10 KB a post; title, tags, headings and
// the start of the text find the right note for the queries people type, in a file the search page can
// afford to fetch on demand.

const { tocObj, unescapeHTML } = require('hexo-util');
const { plainText } = require('./plain-text');

/**
 * @param {{ title: string, url: string, date: string, tags: string[], categories: string[], html: string }[]} posts
 * @param {{ excerpt_length?: number }} [options]
 */
function buildSearchIndex(posts, options = {}) {
  const { excerpt_length = 120 } = options;
  return posts.map(({ title, url, date, tags, categories, html }) => ({
    title,
    url,
    date,
    tags: [...tags, ...categories],
    headings: tocObj(html, { min_depth: 2, max_depth: 4 }).map((h) => unescapeHTML(h.text)),
    text: plainText(html).slice(0, excerpt_length),
  }));
}

module.exports = { buildSearchIndex };
