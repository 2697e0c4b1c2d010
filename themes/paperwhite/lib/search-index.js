// The search index: one small record per post. Full text would be ~10 KB a post; title, tags, headings and
// the start of the text find the right note for the queries people type, in a file the search page can
// afford to fetch on demand.

/**
 * @param {{ title: string, url: string, date: string, tags: string[], categories: string[],
 *   summary: import('./post/summary').PostSummary }[]} posts
 * @param {{ excerpt_length?: number }} [options]
 */
function buildSearchIndex(posts, options = {}) {
  const { excerpt_length = 120 } = options;
  return posts.map(({ title, url, date, tags, categories, summary }) => ({
    title,
    url,
    date,
    tags: [...tags, ...categories],
    headings: summary.headings.filter((h) => h.level >= 2 && h.level <= 4).map((h) => h.text),
    text: summary.text.slice(0, excerpt_length),
  }));
}

module.exports = { buildSearchIndex };
