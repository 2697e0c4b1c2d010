/* global hexo */

// Pages the theme adds by itself: the tag and category indexes (/tags/, /categories/) and the search page.

hexo.extend.generator.register('paperwhite-pages', function (locals) {
  const { tag_dir, category_dir } = this.config;
  return [
    { path: `${tag_dir}/index.html`, layout: ['terms'], data: { title: '标签', terms: locals.tags } },
    {
      path: `${category_dir}/index.html`,
      layout: ['terms'],
      data: { title: '分类', terms: locals.categories },
    },
    { path: 'search/index.html', layout: ['search'], data: { title: '搜索' } },
  ];
});
