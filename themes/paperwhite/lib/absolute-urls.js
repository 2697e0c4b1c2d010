// Feed readers have no base URL: root-relative links and image sources ("/2024/03/12/slug/fig.svg") must become
// absolute ("https://example.github.io/2024/03/12/slug/fig.svg"). Only tags that carry one are rewritten.

const { applyEdits, escapeAttribute } = require('./html/edits');
const { parseTree } = require('./html/parse-tree');

const URL_ATTRIBUTES = { a: 'href', img: 'src', source: 'src', video: 'src', audio: 'src' };
const ROOT_RELATIVE = /^\/(?!\/)/;

/**
 * @param {string} html
 * @param {string} siteUrl the site's `url` (it includes the sub-path of a project site; root-relative URLs
 *   already carry `root`, so only the origin is taken from it)
 */
function absolutizeUrls(html, siteUrl) {
  const tree = parseTree(html);
  const edits = [];
  for (const [name, attribute] of Object.entries(URL_ATTRIBUTES)) {
    for (const { attribs, open } of tree.elements(name)) {
      if (!ROOT_RELATIVE.test(attribs[attribute] || '')) continue;
      const rewritten = { ...attribs, [attribute]: new URL(attribs[attribute], siteUrl).href };
      const attributes = Object.entries(rewritten)
        .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
        .join('');
      const selfClosing = html[open.end - 2] === '/' ? '/' : '';
      edits.push({ ...open, text: `<${name}${attributes}${selfClosing}>` });
    }
  }
  return applyEdits(html, edits);
}

module.exports = { absolutizeUrls };
