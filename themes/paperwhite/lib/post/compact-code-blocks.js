// Hexo's highlight.js wrapper (wrap: true) puts every code block in a one-cell table and every line in
// <span class="line">…</span><br>: ~30 bytes a line that draw nothing. Keep the <figure class="highlight lang">
// and the token spans, drop the table and turn the line wrappers back into newlines. Blocks with line numbers
// (a gutter cell) keep their table, which lays the numbers out.

const { closest, descendants, hasClass } = require('../html/parse-tree');

const TABLE_TAGS = new Set(['table', 'tbody', 'tr', 'td']);
const isCodeFigure = (e) => e.name === 'figure' && hasClass(e, 'highlight');

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function compactCodeBlocks(tree) {
  const edits = [];
  for (const figure of tree.elements('figure')) {
    if (!isCodeFigure(figure) || closest(figure, isCodeFigure)) continue;
    const inside = [...descendants(figure)];
    if (inside.some((e) => e.name === 'td' && e.attribs.class === 'gutter')) continue;
    const removed = (e) => TABLE_TAGS.has(e.name) || (e.name === 'span' && e.attribs.class === 'line');
    const breaks = [];
    for (const e of inside) {
      if (removed(e)) {
        edits.push({ ...e.open, text: '' });
        if (e.close) edits.push({ ...e.close, text: '' });
      } else if (e.name === 'br') {
        breaks.push({ ...e.open, text: '\n' });
      }
    }
    // The newline after the last line would add nothing.
    if (breaks.length) breaks[breaks.length - 1].text = '';
    edits.push(...breaks);
  }
  return edits;
}

module.exports = { compactCodeBlocks };
