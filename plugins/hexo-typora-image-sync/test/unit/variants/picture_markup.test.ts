import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sizesText, sourceElements, srcsetText } from '../../../src/variants/picture_markup';

const LAYOUT = { column: 656, gutter: 32 };

describe('srcsetText', () => {
  it('lists candidates narrowest first with w descriptors', () => {
    expect(
      srcsetText([
        { url: '/a/x-1000w.avif', width: 1000 },
        { url: '/a/x-400w.avif', width: 400 },
      ]),
    ).toBe('/a/x-400w.avif 400w, /a/x-1000w.avif 1000w');
  });
});

describe('sizesText', () => {
  it('is the column on a wide screen and the screen less the gutter on a narrow one', () => {
    expect(sizesText(LAYOUT)).toBe('(max-width: 688px) calc(100vw - 32px), 656px');
    expect(sizesText(LAYOUT, 2560)).toBe('(max-width: 688px) calc(100vw - 32px), 656px');
  });

  it('never says wider than the image is drawn', () => {
    expect(sizesText(LAYOUT, 500)).toBe('(max-width: 532px) calc(100vw - 32px), 500px');
  });
});

describe('sourceElements', () => {
  it('writes one <source> per format with variants, in order, that an HTML parser reads back', () => {
    const html = sourceElements(
      [
        { format: 'avif', variants: [{ url: '/p/a%20b-400w.avif', width: 400 }] },
        { format: 'webp', variants: [] },
        { format: 'webp', variants: [{ url: "/p/it's&-400w.webp", width: 400 }] },
      ],
      sizesText(LAYOUT),
    );
    const sources = parseDocument(html).children as unknown as {
      name: string;
      attribs: Record<string, string>;
    }[];
    expect(sources.map((s) => s.name)).toEqual(['source', 'source']);
    expect(sources.map((s) => s.attribs.type)).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]?.attribs.srcset).toBe('/p/a%20b-400w.avif 400w');
    expect(sources[1]?.attribs.srcset).toBe("/p/it's&-400w.webp 400w");
    expect(sources[1]?.attribs.sizes).toBe('(max-width: 688px) calc(100vw - 32px), 656px');
  });
});
