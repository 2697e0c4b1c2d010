// A small, conservative CSS minifier for the theme's own hand-written stylesheet: drops comments and the
// whitespace around punctuation, and never touches strings or the spaces inside values (calc(100% - 1rem)).

const TOKENS = /("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|\/\*[\s\S]*?\*\/|([^"'/]+|\/)/g;

/** @param {string} css @returns {string} */
function minifyCss(css) {
  let out = '';
  for (const [, string, code] of css.matchAll(TOKENS)) {
    if (string) out += string;
    else if (code) out += code.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1');
  }
  // Inside declaration blocks (no nested braces) "prop: value" needs no space after the colon.
  return out
    .replace(/\{[^{}]*\}/g, (block) => block.replace(/: /g, ':'))
    .replace(/;\}/g, '}')
    .trim();
}

module.exports = { minifyCss };
