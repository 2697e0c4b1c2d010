// hexo-renderer-marked gives each heading an empty anchor with the heading text repeated in its title:
//   <h2 id="x"><a href="#x" class="headerlink" title="Text"></a>Text</h2>
// Make the heading text itself the anchor link instead; it says the same with half the bytes, and its name
// is what a reader sees. Headings that already contain a link keep marked's anchor (links cannot nest).

const { scanTags, applyEdits, escapeAttribute } = require('./html-edits');

const HEADING = /^h[1-6]$/;

/** @param {string} html @returns {string} */
function linkHeadings(html) {
  const edits = [];
  let heading = null; // { anchor: ranges of marked's anchor and its end tag, href, links: other <a> inside }
  let inAnchor = false;
  scanTags(html, {
    onOpen(name, attribs, range) {
      if (HEADING.test(name) && attribs.id) heading = { anchor: [], href: '', links: 0 };
      else if (heading && name === 'a' && attribs.class === 'headerlink' && !heading.anchor.length) {
        heading.anchor.push(range);
        heading.href = attribs.href;
        inAnchor = true;
      } else if (heading && name === 'a') heading.links++;
    },
    onClose(name, range) {
      if (!heading || !range) return;
      if (name === 'a' && inAnchor) {
        heading.anchor.push(range);
        inAnchor = false;
      } else if (HEADING.test(name)) {
        const { anchor, href, links } = heading;
        heading = null;
        if (anchor.length !== 2 || links) return;
        edits.push({
          start: anchor[0].start,
          end: anchor[1].end,
          text: `<a href="${escapeAttribute(href)}">`,
        });
        edits.push({ start: range.start, end: range.start, text: '</a>' });
      }
    },
  });
  return applyEdits(html, edits);
}

module.exports = { linkHeadings };
