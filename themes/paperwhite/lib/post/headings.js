// The headings of a post, for its table of contents and the search index: read from the same parse as every
// other post behaviour, with the text rule of hexo-util's tocObj (a child link whose whole text is one symbol is
// a permalink mark, not part of the title) and its escaping, so the TOC says what Hexo's toc helper would.

const { escapeHTML } = require('hexo-util');
const { textContent } = require('../html/parse-tree');

const PERMALINK_MARK = /^\s*[^a-zA-Z0-9]\s*$/;
const HEADING = /^h([1-6])$/;

/**
 * @typedef {{ level: number, id: string, text: string, html: string }} Heading  `text` decoded, `html` escaped
 * @param {import('../html/parse-tree').Tree} tree @returns {Heading[]} every h1..h6 with an id, in order
 */
function collectHeadings(tree) {
  const headings = [];
  const visit = (element) => {
    for (const child of element.children) {
      if (child.type !== 'tag') continue;
      const match = HEADING.exec(child.name);
      if (!match) {
        visit(child);
        continue;
      }
      if (!child.attribs.id) continue;
      let text = '';
      let html = '';
      for (const part of child.children) {
        const partText = textContent(part);
        if (part.type === 'tag' && part.name === 'a' && PERMALINK_MARK.test(partText)) continue;
        text += partText;
        html += escapeHTML(partText);
      }
      if (!html) {
        text = textContent(child);
        html = escapeHTML(text);
      }
      headings.push({ level: Number(match[1]), id: child.attribs.id, text, html });
    }
  };
  visit(tree.root);
  return headings;
}

module.exports = { collectHeadings };
