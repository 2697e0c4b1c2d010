import { describe, expect, it } from 'vitest';
import { EAGER_MARK, keepOneEagerImage } from '../../../../src/filter/after_render/one_eager_image';

const img = (src: string, mark = EAGER_MARK) =>
  `<picture><source srcset="${src}.avif"><img src="${src}"${mark}></picture>`;

describe('keepOneEagerImage', () => {
  it('keeps the first marked image of a page eager and lets the later ones load lazily', () => {
    const page = `<article>${img('a.png')}${img('b.png', ' loading="lazy" decoding="async"')}</article><article>${img('c.png')}</article><article>${img('d.png')}</article>`;
    expect(keepOneEagerImage(page)).toBe(
      `<article>${img('a.png')}${img('b.png', ' loading="lazy" decoding="async"')}</article><article>${img('c.png', ' loading="lazy"')}</article><article>${img('d.png', ' loading="lazy"')}</article>`,
    );
  });

  it('leaves a page with one marked image or none as it is', () => {
    for (const page of [`<p>${img('a.png')}</p>`, '<p><img src="a.png" fetchpriority="high"></p>', '']) {
      expect(keepOneEagerImage(page)).toBe(page);
    }
  });

  it('does not touch what the author wrote: only the mark the plugin inserts', () => {
    const authors = '<img src="b.png" loading="eager"><img src="c.png" fetchpriority="high">';
    expect(keepOneEagerImage(`${img('a.png')}${authors}${img('d.png')}`)).toBe(
      `${img('a.png')}${authors}${img('d.png', ' loading="lazy"')}`,
    );
  });
});
