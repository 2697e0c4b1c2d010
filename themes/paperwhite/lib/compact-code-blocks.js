// Hexo's highlight.js wrapper (wrap: true) puts every code block in a one-cell table and every line in
// <span class="line">…</span><br>: ~30 bytes a line that draw nothing. Keep the <figure class="highlight lang">
// and the token spans, drop the table and turn the line wrappers back into newlines. Blocks with line numbers
// (a gutter cell) keep their table, which lays the numbers out.

const { scanTags, applyEdits } = require('./html-edits');

const TABLE_TAGS = new Set(['table', 'tbody', 'tr', 'td']);

/** @param {string} html @returns {string} */
function compactCodeBlocks(html) {
  const edits = [];
  let block = null; // inside a code <figure>: { depth, edits, gutter, spans: is-line-wrapper stack, lastBr }
  scanTags(html, {
    onOpen(name, attribs, range) {
      if (!block) {
        if (name === 'figure' && /\bhighlight\b/.test(attribs.class || '')) {
          block = { depth: 0, edits: [], gutter: false, spans: [], lastBr: null };
        }
        return;
      }
      if (name === 'figure') block.depth++;
      if (name === 'td' && attribs.class === 'gutter') block.gutter = true;
      if (TABLE_TAGS.has(name)) block.edits.push({ ...range, text: '' });
      if (name === 'span') {
        const line = attribs.class === 'line';
        block.spans.push(line);
        if (line) block.edits.push({ ...range, text: '' });
      }
      if (name === 'br') {
        block.lastBr = { ...range, text: '\n' };
        block.edits.push(block.lastBr);
      }
    },
    onClose(name, range) {
      if (!block || !range) return;
      if (TABLE_TAGS.has(name)) block.edits.push({ ...range, text: '' });
      if (name === 'span' && block.spans.pop()) block.edits.push({ ...range, text: '' });
      if (name === 'figure' && block.depth-- === 0) {
        if (block.lastBr) block.lastBr.text = ''; // the newline after the last line would add nothing
        if (!block.gutter) edits.push(...block.edits);
        block = null;
      }
    },
  });
  return applyEdits(html, edits);
}

module.exports = { compactCodeBlocks };
