import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, readConfig } from '../../../src/config';

const images = (section: unknown) => readConfig({ images: section }, {});

describe('typora.images', () => {
  it('defaults to AVIF and WebP at the column widths, on', () => {
    expect(readConfig(undefined, {}).images).toEqual(DEFAULT_CONFIG.images);
    expect(DEFAULT_CONFIG.images).toMatchObject({ enable: true, formats: ['avif', 'webp'] });
    expect(readConfig(undefined, {}).warnings).toEqual([]);
  });

  it('turns off with false or enable: false', () => {
    expect(images(false).images.enable).toBe(false);
    expect(images({ enable: false }).images.enable).toBe(false);
    expect(images(false).warnings).toEqual([]);
  });

  it('reads formats, widths (sorted, distinct), one quality or one per format', () => {
    const config = images({ formats: 'webp', widths: [800, 400, 800], quality: 70, column: 700, gutter: 0 });
    expect(config.images).toMatchObject({
      formats: ['webp'],
      widths: [400, 800],
      quality: { avif: 70, webp: 70 },
      column: 700,
      gutter: 0,
    });
    expect(images({ quality: { webp: 90 } }).images.quality).toEqual({
      avif: DEFAULT_CONFIG.images.quality.avif,
      webp: 90,
    });
    expect(config.warnings).toEqual([]);
  });

  it('says which key is wrong, what it got and what it uses instead', () => {
    const { images: got, warnings } = images({
      enable: 'yes',
      formats: ['avif', 'jxl'],
      widths: [400, -1],
      quality: { avif: 0, png: 50 },
      column: 'wide',
    });
    expect(got).toEqual(DEFAULT_CONFIG.images);
    expect(warnings).toEqual([
      'typora.images.enable: expected true or false, got "yes"; using true',
      'typora.images.formats: expected a list of avif and/or webp, got ["avif","jxl"]; using ["avif","webp"]',
      'typora.images.widths: expected a list of whole numbers of pixels from 16 to 8192, e.g. [400, 656, 1000, 1312], got [400,-1]; using [400,656,1000,1312]',
      'typora.images.quality.avif: expected a whole number from 1 to 100, got 0; using 55',
      'typora.images.quality: "png" is not a format (avif or webp); ignored',
      'typora.images.column: expected a whole number of CSS pixels from 1 to 8192, got "wide"; using 656',
    ]);
    expect(images('on').warnings).toEqual([
      'typora.images: expected a mapping such as { enable: true, formats: [avif, webp] } or false, got "on"; using the defaults',
    ]);
  });
});
