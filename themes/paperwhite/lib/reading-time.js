// Reading time for Chinese technical notes: CJK characters at ~400 a minute, Latin words as a few characters each.

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[A-Za-z0-9][\w'.-]*/g;

/** @param {string} text plain text @returns {{ cjk: number, words: number }} what reading time is counted in */
function countReadingUnits(text) {
  return { cjk: (text.match(CJK_CHAR) || []).length, words: (text.match(LATIN_WORD) || []).length };
}

/**
 * @param {{ cjk: number, words: number }} units from countReadingUnits
 * @param {{chars_per_minute?: number, chars_per_latin_word?: number}} [options]
 * @returns {number} whole minutes, at least 1
 */
function readingMinutes({ cjk, words }, options = {}) {
  const { chars_per_minute = 400, chars_per_latin_word = 2 } = options;
  return Math.max(1, Math.round((cjk + words * chars_per_latin_word) / chars_per_minute));
}

module.exports = { countReadingUnits, readingMinutes };
