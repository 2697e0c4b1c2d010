/* global hexo */

// What <head> says about the page: title, description, canonical URL.

const { summaryOf } = require('../../lib/post/summary');

hexo.extend.helper.register('page_title', function () {
  const { page, config } = this;
  const { __ } = this;
  let title = page.title;
  if (this.is_tag()) title = __('title.tag', page.tag);
  else if (this.is_category()) title = __('title.category', page.category);
  else if (this.is_archive()) title = __('title.archives');
  if (page.current > 1) title = __('title.page', title || __('title.posts'), page.current);
  return title ? `${title} · ${config.title}` : config.title;
});

hexo.extend.helper.register('page_description', function () {
  const { page, config } = this;
  if (page.description) return page.description;
  if (this.is_post() || (page.layout === 'page' && page.content)) {
    const summary = summaryOf(page);
    const text = summary.excerpt || summary.text;
    return text.length > 90 ? `${text.slice(0, 90)}…` : text;
  }
  return config.description || '';
});

/** The page's language for <html lang> and og:locale: Hexo's choice for the page (front matter `lang`, else
 * the site's first `language`), or the theme's own, zh-CN, when the site names none ("default"). */
hexo.extend.helper.register('page_language', function () {
  const { lang } = this.page;
  return lang && lang !== 'default' ? lang : 'zh-CN';
});

/** The page's full URL without a trailing index.html; none for pages that say noindex (the 404 page). */
hexo.extend.helper.register('canonical_url', function () {
  const { page } = this;
  if (String(page.robots || '').includes('noindex')) return '';
  return this.full_url_for(page.canonical_path || this.path).replace(/index\.html$/, '');
});
