// Plain text of rendered post HTML: for excerpts, reading time and the search index.
// Code blocks and math are skipped: they are not prose, and MathML text reads as noise.

const { Parser } = require('htmlparser2');

const SKIPPED_TAGS = new Set(['figure', 'pre', 'math', 'script', 'style', 'svg']);
const BLOCK_TAGS = /^(?:p|h[1-6]|li|td|th|div|br|blockquote|figcaption|dt|dd)$/;

/** @param {string} html @returns {string} text with whitespace collapsed */
function plainText(html) {
  let skipDepth = 0;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth || SKIPPED_TAGS.has(name) || attribs.class === 'headerlink') skipDepth++;
      },
      // htmlparser2 closes every element it opened, void ones included, so the depth stays balanced.
      onclosetag(name) {
        if (skipDepth) skipDepth--;
        else if (BLOCK_TAGS.test(name)) text += ' ';
      },
      ontext(data) {
        if (!skipDepth) text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return text.replace(/\s+/g, ' ').trim();
}

module.exports = { plainText };
