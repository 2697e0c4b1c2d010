// A table whose corner cell is empty (| | A | B |) gets an empty <th>, which tells a screen reader "this column
// is about nothing" (axe: empty-table-header). An empty cell is a <td>: keep its attributes, change its name.

const { textContent } = require('../html/parse-tree');

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function demoteEmptyHeaderCells(tree) {
  const edits = [];
  for (const cell of tree.elements('th')) {
    const empty = cell.children.every((c) => c.type === 'text') && !textContent(cell).trim();
    if (!empty || !cell.close) continue;
    edits.push({ start: cell.open.start, end: cell.open.start + '<th'.length, text: '<td' });
    edits.push({ ...cell.close, text: '</td>' });
  }
  return edits;
}

module.exports = { demoteEmptyHeaderCells };
