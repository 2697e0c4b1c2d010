// TeX math rendered to MathML at build time: `$…$` inline, `$$…$$` display. Chromium, Firefox and Safari draw
// MathML Core natively, so readers download no math library, no CSS and no fonts.
//
// Inline rules follow Pandoc's tex_math_dollars, so prices are not formulas: the opening `$` is not followed by
// a space, the closing `$` is not preceded by one nor followed by a digit ("$5 and $6" stays text). `\$` is a
// dollar sign (marked's escape rule). Code spans and code blocks never reach these tokenizers.

const katex = require('katex');
const { compactMathml } = require('./compact-mathml');
const { escapeAttribute, escapeText } = require('./html/edits');

const INLINE_DISPLAY = /^\$\$((?:\\[\s\S]|[^\\$]|\$(?!\$))+?)\$\$/;
const INLINE = /^\$((?:\\[\s\S]|[^\\$])+?)\$(?!\d)/;
const BLOCK = /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/;
const BLOCK_START = /^ {0,3}\$\$/m;
const UNESCAPED_DOLLAR = /(?<!\\)\$/;

/**
 * @param {string} tex
 * @param {boolean} displayMode
 * @returns {string} `<math>…</math>`, or `<span class="katex-error" title="message">tex</span>` when the TeX is
 *   wrong (KaTeX's own non-throwing mode marks unknown commands only with a red colour, which no one notices)
 */
function renderMath(tex, displayMode) {
  let html;
  try {
    html = katex.renderToString(tex, { output: 'mathml', displayMode, throwOnError: true, strict: false });
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    return `<span class="katex-error" title="${escapeAttribute(error.message)}">${escapeText(tex)}</span>`;
  }
  // KaTeX wraps <math> in <span class="katex"> (and "katex-display"); the wrappers only matter to its CSS.
  return compactMathml(html);
}

/** Wide display formulas scroll in their own focusable box instead of widening the page. */
const displayBox = (html) => `<div class="math" tabindex="0">${html}</div>\n`;

const blockMath = {
  name: 'mathBlock',
  level: 'block',
  start(src) {
    return src.match(BLOCK_START)?.index;
  },
  tokenizer(src) {
    const match = BLOCK.exec(src);
    if (match?.[1].trim()) return { type: 'mathBlock', raw: match[0], text: match[1].trim() };
  },
  renderer(token) {
    return displayBox(renderMath(token.text, true));
  },
};

const inlineMath = {
  name: 'mathInline',
  level: 'inline',
  start(src) {
    const index = src.search(UNESCAPED_DOLLAR);
    return index >= 0 ? index : undefined;
  },
  tokenizer(src) {
    const display = INLINE_DISPLAY.exec(src);
    if (display?.[1].trim())
      return { type: 'mathInline', raw: display[0], text: display[1].trim(), display: true };
    const match = INLINE.exec(src);
    if (!match || /^\s|\s$/.test(match[1])) return;
    return { type: 'mathInline', raw: match[0], text: match[1], display: false };
  },
  renderer(token) {
    return renderMath(token.text, token.display);
  },
};

module.exports = { blockMath, inlineMath, renderMath };
