// An image alone in its paragraph is a figure: `![alt](src "caption")` becomes <figure><img><figcaption>caption.
// Without a title the alt text is the caption, hidden from screen readers since they already read it as alt,
// unless it is a name Typora made up for a pasted image ("image-20240312101010123") or a file name.

const { scanTags, applyEdits, escapeText } = require('./html-edits');

const MEANINGLESS_ALT = /^(?:image(?:-\d+)?|img_?\d*|截图|\S+\.(?:png|jpe?g|gif|svg|webp|avif))$/i;

/** @param {Record<string, string>} attribs @returns {string} the figcaption element, or '' */
function captionFor(attribs) {
  const title = (attribs.title || '').trim();
  if (title) return `<figcaption>${escapeText(title)}</figcaption>`;
  const alt = (attribs.alt || '').trim();
  if (alt && !MEANINGLESS_ALT.test(alt))
    return `<figcaption aria-hidden="true">${escapeText(alt)}</figcaption>`;
  return '';
}

/** @param {string} html @returns {string} */
function captionFigures(html) {
  const edits = [];
  let paragraph = null; // while inside a <p>: its open tag, its first image, whether anything else is in it
  scanTags(html, {
    onOpen(name, attribs, range) {
      if (name === 'p') paragraph = { open: range, img: null, other: false };
      else if (paragraph && name === 'img' && !paragraph.img) paragraph.img = attribs;
      else if (paragraph) paragraph.other = true;
    },
    onText(text) {
      if (paragraph && text.trim()) paragraph.other = true;
    },
    onClose(name, range) {
      if (name !== 'p' || !paragraph) return;
      const { open, img, other } = paragraph;
      paragraph = null;
      const caption = range && img && !other ? captionFor(img) : '';
      if (!caption) return;
      edits.push({ start: open.start, end: open.end, text: '<figure>' });
      edits.push({ start: range.start, end: range.end, text: `${caption}</figure>` });
    },
  });
  return applyEdits(html, edits);
}

module.exports = { captionFigures };
