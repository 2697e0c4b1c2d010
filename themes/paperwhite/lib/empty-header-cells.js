// A table whose corner cell is empty (| | A | B |) gets an empty <th>, which tells a screen reader "this column
// is about nothing" (axe: empty-table-header). An empty cell is a <td>: keep its attributes, change its name.

const { scanTags, applyEdits } = require('./html-edits');

/** @param {string} html @returns {string} */
function demoteEmptyHeaderCells(html) {
  const edits = [];
  let cell = null; // the open <th>: { open range, empty so far }
  scanTags(html, {
    onOpen(name, _attribs, range) {
      if (name === 'th') cell = { open: range, empty: true };
      else if (cell) cell.empty = false;
    },
    onText(text) {
      if (cell && text.trim()) cell.empty = false;
    },
    onClose(name, range) {
      if (name !== 'th' || !cell) return;
      const { open, empty } = cell;
      cell = null;
      if (!empty || !range) return;
      edits.push({ start: open.start, end: open.start + '<th'.length, text: '<td' });
      edits.push({ start: range.start, end: range.end, text: '</td>' });
    },
  });
  return applyEdits(html, edits);
}

module.exports = { demoteEmptyHeaderCells };
