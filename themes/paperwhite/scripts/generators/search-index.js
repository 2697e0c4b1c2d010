/* global hexo */

// search.json for the search page (source/js/search.js fetches it when the page opens).

const { summaryOf } = require('../../lib/post/summary');
const { buildSearchIndex } = require('../../lib/search-index');

hexo.extend.generator.register('paperwhite-search-index', function (locals) {
  const { search = {} } = this.theme.config;
  const urlFor = this.extend.helper.get('url_for').bind(this);
  const posts = locals.posts
    .sort('-date')
    .filter((post) => post.published !== false)
    .map((post) => ({
      title: post.title,
      url: urlFor(post.path),
      date: post.date.format('YYYY-MM-DD'),
      tags: post.tags.map((t) => t.name),
      categories: post.categories.map((c) => c.name),
      summary: summaryOf(post),
    }));
  return { path: search.path || 'search.json', data: JSON.stringify(buildSearchIndex(posts, search)) };
});
