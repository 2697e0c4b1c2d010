// hexo-renderer-marked gives each heading an empty anchor with the heading text repeated in its title:
//   <h2 id="x"><a href="#x" class="headerlink" title="Text"></a>Text</h2>
// Make the heading text itself the anchor link instead; it says the same with half the bytes, and its name
// is what a reader sees. Headings that already contain a link keep marked's anchor (links cannot nest).

const { escapeAttribute } = require('../html/edits');
const { descendants } = require('../html/parse-tree');

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** @param {import('../html/parse-tree').Tree} tree @returns {import('../html/edits').Edit[]} */
function linkHeadings(tree) {
  const edits = [];
  for (const heading of HEADINGS.flatMap((name) => tree.elements(name))) {
    if (!heading.attribs.id || !heading.close) continue;
    const links = [...descendants(heading)].filter((e) => e.name === 'a');
    const [anchor] = links;
    if (links.length !== 1 || anchor.attribs.class !== 'headerlink' || !anchor.close) continue;
    edits.push({
      start: anchor.open.start,
      end: anchor.close.end,
      text: `<a href="${escapeAttribute(anchor.attribs.href ?? '')}">`,
    });
    edits.push({ start: heading.close.start, end: heading.close.start, text: '</a>' });
  }
  return edits;
}

module.exports = { linkHeadings };
