/* global hexo */

const { demoteEmptyHeaderCells } = require('../../lib/empty-header-cells');

// Runs after other plugins' after_post_render filters (default priority 10), e.g. the image plugin's sizes.
hexo.extend.filter.register(
  'after_post_render',
  (data) => {
    data.content = demoteEmptyHeaderCells(data.content);
  },
  20,
);
