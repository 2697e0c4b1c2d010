/* global hexo */

// Pages the theme adds by itself: the tag and category indexes (/tags/, /categories/) and the search page.

const { translatorFor } = require('../../lib/languages');

hexo.extend.generator.register('paperwhite-pages', function (locals) {
  const { tag_dir, category_dir } = this.config;
  const __ = translatorFor(this.theme.i18n);
  return [
    {
      path: `${tag_dir}/index.html`,
      layout: ['terms'],
      data: { title: __('title.tags'), terms: locals.tags },
    },
    {
      path: `${category_dir}/index.html`,
      layout: ['terms'],
      data: { title: __('title.categories'), terms: locals.categories },
    },
    { path: 'search/index.html', layout: ['search'], data: { title: __('title.search') } },
  ];
});
