// UI strings come from languages/*.yml through Hexo's i18n. Templates get `__` from Hexo; the build-time edits
// and generators ask for it here, with the fallbacks Hexo's template filter uses: the page's language, then the
// site's, then any language the theme has.

/**
 * @param {{ __(languages: string[]): (key: string, ...args: unknown[]) => string, languages: string[],
 *   list(): string[] }} i18n the theme's (`hexo.theme.i18n`)
 * @param {string | undefined} language the page's `lang` or `language`, if it sets one
 */
function translatorFor(i18n, language) {
  return i18n.__([...new Set([language, ...i18n.languages, ...i18n.list()].filter(Boolean))]);
}

module.exports = { translatorFor };
