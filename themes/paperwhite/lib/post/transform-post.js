// The theme's post pipeline: one parse of the rendered post, every behaviour reads that tree and answers with
// edits, and the edits are applied in one pass. Adding a behaviour costs a walk over the elements it cares
// about, not another parse and another copy of the post.

const { applyEdits } = require('../html/edits');
const { parseTree } = require('../html/parse-tree');
const { captionFigures } = require('./caption-figures');
const { compactCodeBlocks } = require('./compact-code-blocks');
const { demoteEmptyHeaderCells } = require('./empty-header-cells');
const { lazyLoadImages } = require('./lazy-load-images');
const { linkHeadings } = require('./link-headings');
const { markRowHeaders } = require('./row-headers');
const { makeScrollRegions } = require('./scroll-regions');
const { linkImagesToOriginals } = require('./zoom-links');

/** Each reads the untouched post; their edits never overlap (applyEdits throws if they do). */
const BEHAVIOURS = [
  linkHeadings, //            heading text links to itself
  compactCodeBlocks, //       drop highlight.js's table and line spans
  makeScrollRegions, //       tables and code scroll in focusable boxes
  demoteEmptyHeaderCells, //  empty <th> → <td>
  markRowHeaders, //          below an empty corner, each row's first cell → <th scope="row">
  captionFigures, //          lone image → <figure> with caption
  lazyLoadImages, //          every image but the first: lazy, async
  linkImagesToOriginals, //   every image links to its original (tap to zoom)
];

/**
 * @typedef {{ labels: { table: string, zoom: string } }} PostOptions  UI strings the edits write, translated
 * @param {string} html the rendered post
 * @param {PostOptions} options
 * @returns {{ html: string, tree: import('../html/parse-tree').Tree }} the new HTML, and the tree of the old
 */
function transformPost(html, options) {
  const tree = parseTree(html);
  const edits = BEHAVIOURS.flatMap((behaviour) => behaviour(tree, options));
  return { html: applyEdits(html, edits), tree };
}

module.exports = { transformPost, BEHAVIOURS };
