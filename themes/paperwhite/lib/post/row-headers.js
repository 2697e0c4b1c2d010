// A table whose corner cell is empty (| | A | B |) is a grid with a header on each side: the first row names the
// columns and the first column names the rows. Markdown can only write the first row as headers, so the first
// cell of every other row becomes a row header (<th scope="row">): a screen reader then reads each value with
// both its names, and no data cell is left without a header (axe: td-has-header).

const { closest, hasClass, textContent } = require('../html/parse-tree');

const cellsOf = (row) => row.children.filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function markRowHeaders(tree) {
  /** @type {Map<object, object[]>} each data table's rows, in order */
  const rowsOf = new Map();
  for (const row of tree.elements('tr')) {
    const table = closest(row, (e) => e.name === 'table');
    // A code block's table (highlight.js's line numbers) is layout, not data.
    if (!table || closest(table, (e) => e.name === 'figure' && hasClass(e, 'highlight'))) continue;
    if (!rowsOf.has(table)) rowsOf.set(table, []);
    rowsOf.get(table).push(row);
  }
  const edits = [];
  for (const [head, ...body] of rowsOf.values()) {
    const corner = cellsOf(head)[0];
    const emptyCorner = corner?.children.every((c) => c.type === 'text') && !textContent(corner).trim();
    if (!emptyCorner || cellsOf(head).length < 2) continue;
    for (const row of body) {
      const first = cellsOf(row)[0];
      if (first?.name !== 'td' || !first.close || !textContent(first).trim()) continue;
      edits.push({ start: first.open.start, end: first.open.start + '<td'.length, text: '<th scope="row"' });
      edits.push({ ...first.close, text: '</th>' });
    }
  }
  return edits;
}

module.exports = { markRowHeaders };
