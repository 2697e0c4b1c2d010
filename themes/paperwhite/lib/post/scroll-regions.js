// Wide content scrolls inside its own box on phones instead of widening the page. Such a box must be reachable
// by keyboard (axe: scrollable-region-focusable): tables get a focusable, named wrapper, and the <pre> of a code
// block (Hexo's highlight.js output: <figure class="highlight"><table>…<pre>) gets tabindex="0". The table
// inside a code block is layout, not data, and is left unwrapped. Each wrapper is a landmark, so a post with
// several tables numbers their names ("表格 1", "表格 2"): landmarks with one name cannot be told apart (axe:
// landmark-unique).

const { attributeInsertionPoint, escapeAttribute } = require('../html/edits');
const { closest, hasClass } = require('../html/parse-tree');

const isCodeFigure = (e) => e.name === 'figure' && hasClass(e, 'highlight');

/**
 * @param {import('../html/parse-tree').Tree} tree
 * @param {{ labels: { table: string } }} options `labels.table` names the table wrapper for screen readers
 * @returns {import('../html/edits').Edit[]}
 */
function makeScrollRegions(tree, { labels }) {
  const edits = [];
  for (const pre of tree.elements('pre')) {
    if ('tabindex' in pre.attribs || !closest(pre, isCodeFigure)) continue;
    const at = attributeInsertionPoint(tree.html, pre.open);
    edits.push({ start: at, end: at, text: ' tabindex="0"' });
  }
  // Wrap only tables whose end tag is really there, so the wrapper always closes.
  const tables = tree
    .elements('table')
    .filter((table) => table.close && !closest(table, (e) => e.name === 'table' || isCodeFigure(e)));
  for (const [index, table] of tables.entries()) {
    const name = tables.length > 1 ? `${labels.table} ${index + 1}` : labels.table;
    const wrapper = `<div class="table" tabindex="0" role="region" aria-label="${escapeAttribute(name)}">`;
    edits.push({ start: table.open.start, end: table.open.start, text: wrapper });
    edits.push({ start: table.close.end, end: table.close.end, text: '</div>' });
  }
  return edits;
}

module.exports = { makeScrollRegions };
