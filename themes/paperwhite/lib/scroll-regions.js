// Wide content scrolls inside its own box on phones instead of widening the page. Such a box must be reachable
// by keyboard (axe: scrollable-region-focusable): tables get a focusable, named wrapper, and the <pre> of a code
// block (Hexo's highlight.js output: <figure class="highlight"><table>…<pre>) gets tabindex="0". The table
// inside a code block is layout, not data, and is left unwrapped.

const { scanTags, applyEdits, attributeInsertionPoint } = require('./html-edits');

const OPEN_TABLE_WRAPPER = '<div class="table" tabindex="0" role="region" aria-label="表格">';

/** @param {string} html @returns {string} */
function makeScrollRegions(html) {
  const edits = [];
  const open = []; // each open <figure>/<table>: { name, code (is or is inside a code block), start, wrap }
  scanTags(html, {
    onOpen(name, attribs, range) {
      const inCode = open.some((o) => o.code);
      if (name === 'pre' && inCode && !('tabindex' in attribs)) {
        const at = attributeInsertionPoint(html, range);
        edits.push({ start: at, end: at, text: ' tabindex="0"' });
      }
      if (name !== 'figure' && name !== 'table') return;
      const code = inCode || (name === 'figure' && /\bhighlight\b/.test(attribs.class || ''));
      const wrap = name === 'table' && !code && !open.some((o) => o.name === 'table');
      open.push({ name, code, wrap, start: range.start });
    },
    onClose(name, range) {
      if (name !== 'figure' && name !== 'table') return;
      const closed = open.pop();
      // Wrap only tables whose end tag is really there, so the wrapper always closes.
      if (closed?.wrap && range) {
        edits.push({ start: closed.start, end: closed.start, text: OPEN_TABLE_WRAPPER });
        edits.push({ start: range.end, end: range.end, text: '</div>' });
      }
    },
  });
  return applyEdits(html, edits);
}

module.exports = { makeScrollRegions };
