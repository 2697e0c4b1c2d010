// The theme's scripts are written with comments and served without them: lines that hold only a `//` comment,
// and every line's indentation, go; the line breaks stay, so automatic semicolons mean what they meant. Only
// for the theme's own scripts, which are written for it: no multi-line strings or template literals.

/** @param {string} js @returns {string} */
function minifyJs(js) {
  return js
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .join('\n');
}

module.exports = { minifyJs };
