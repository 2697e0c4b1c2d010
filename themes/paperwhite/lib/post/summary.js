// What the layouts, the home page and the search index need to know about a post, read from the pipeline's one
// parse and kept with the post (Hexo caches it in db.json with the content): its headings, the start of its
// plain text and of its excerpt's, and what its reading time is counted in. Nothing parses the post again.

const { parseTree } = require('../html/parse-tree');
const { countReadingUnits } = require('../reading-time');
const { collectHeadings } = require('./headings');
const { collapse, plainText, rawText } = require('./plain-text');

/** Longer than any excerpt the theme shows (description 90, list 140, search index 120 by default). */
const TEXT_KEPT = 1000;

/**
 * @typedef {{ headings: import('./headings').Heading[], text: string, excerpt: string,
 *   reading: { cjk: number, words: number } }} PostSummary
 *   `text`: the start of the post's plain text; `excerpt`: of the part before <!-- more -->, or '' without one
 * @param {import('../html/parse-tree').Tree} tree the post's content as Hexo's excerpt filter left it
 * @param {string} [excerpt] the post's `excerpt` (HTML), when it has one
 * @returns {PostSummary}
 */
function summarizePost(tree, excerpt = '') {
  const text = collapse(rawText(tree.root));
  // Hexo's excerpt filter replaced <!-- more --> with this span: the excerpt is everything before it.
  const more = tree.elements('span').find((span) => span.attribs.id === 'more');
  let excerptText = '';
  if (more) excerptText = collapse(rawText(tree.root, more));
  else if (excerpt) excerptText = plainText(excerpt); // set in front matter: not part of the content
  return {
    headings: collectHeadings(tree),
    text: text.slice(0, TEXT_KEPT),
    excerpt: excerptText.slice(0, TEXT_KEPT),
    reading: countReadingUnits(text),
  };
}

/**
 * The summary the pipeline kept with `post`; a post rendered by an older version of the theme and still in
 * Hexo's cache has none, and is summarised from its content (the same facts: the pipeline adds no text).
 * @param {{ paperwhite?: PostSummary, content?: string, excerpt?: string }} post
 * @returns {PostSummary}
 */
function summaryOf(post) {
  post.paperwhite ??= summarizePost(parseTree(post.content ?? ''), post.excerpt);
  return post.paperwhite;
}

module.exports = { summarizePost, summaryOf };
