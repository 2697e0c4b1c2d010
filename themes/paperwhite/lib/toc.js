// A compact nested table of contents: plain <ol>/<li>/<a>, no classes, so long posts stay under the byte budget.

const { escapeAttribute } = require('./html/edits');

/**
 * @param {import('./post/headings').Heading[]} headings the post's headings (lib/post/headings.js)
 * @param {{min_headings?: number, max_depth?: number}} [options]
 * @returns {string} '<ol>…</ol>', or '' when the post is too short to need one
 */
function renderToc(headings, options = {}) {
  const { min_headings = 3, max_depth = 4 } = options;
  const shown = headings.filter((h) => h.level >= 2 && h.level <= max_depth);
  if (shown.length < min_headings) return '';

  const root = { level: 1, children: [] };
  const stack = [root];
  for (const heading of shown) {
    while (stack.length > 1 && stack[stack.length - 1].level >= heading.level) stack.pop();
    const node = { ...heading, children: [] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  }
  // Fragment ids stay raw (not percent-encoded): Chinese ids would triple in size, and raw is valid HTML.
  const render = (nodes) =>
    `<ol>${nodes
      .map(
        (n) =>
          `<li><a href="#${escapeAttribute(n.id)}">${n.html}</a>${n.children.length ? render(n.children) : ''}</li>`,
      )
      .join('')}</ol>`;
  return render(root.children);
}

module.exports = { renderToc };
