import { describe, expect, it } from 'vitest';
import { findImgTags } from '../../../src/html/find_img_tags';

describe('findImgTags', () => {
  it('finds each <img> with decoded attributes, its offsets and where attributes can be added', () => {
    const html = '<p><img src="a&amp;b.png" alt="x > y"></p>\n<p><IMG SRC=c.png /></p>';
    const [first, second] = findImgTags(html);
    expect(first?.attributes).toEqual({ src: 'a&b.png', alt: 'x > y' });
    expect(html.slice(first?.start, first?.end)).toBe('<img src="a&amp;b.png" alt="x > y">');
    expect(html.slice(first?.insertAt)).toMatch(/^>/);
    expect(second?.attributes.src).toBe('c.png');
    expect(html.slice(second?.insertAt)).toMatch(/^ \/>/);
    expect([first?.index, second?.index]).toEqual([0, 1]);
  });

  it('knows which are inside a <picture>, and ignores escaped HTML in code and comments', () => {
    const html =
      '<picture><source srcset="a.avif"><img src="a.png"></picture><img src="b.png">' +
      '<pre><code>&lt;img src="c.png"&gt;</code></pre><!-- <img src="d.png"> -->';
    const tags = findImgTags(html);
    expect(tags.map((t) => [t.attributes.src, t.inPicture])).toEqual([
      ['a.png', true],
      ['b.png', false],
    ]);
  });

  it('reads tags as a browser does: not in raw text, not in attribute values, the first of repeated attributes', () => {
    const html =
      '<script>let s = "<img src=a.png>";</script><textarea><img src="b.png"></textarea>' +
      '<a title="<img src=c.png>">x</a><img src="d.png" src="e.png" ALT=\'it&#39;s\' hidden>';
    const tags = findImgTags(html);
    expect(tags.map((t) => t.attributes)).toEqual([{ src: 'd.png', alt: "it's", hidden: '' }]);
  });
});
