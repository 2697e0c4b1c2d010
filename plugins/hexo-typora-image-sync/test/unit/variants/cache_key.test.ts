import { describe, expect, it } from 'vitest';
import { type CacheKeyInput, contentHash, variantCacheKey } from '../../../src/variants/cache_key';

const BASE: CacheKeyInput = {
  contentHash: contentHash(Buffer.from('a screenshot')),
  format: 'avif',
  widths: [400, 656, 1000, 1312],
  quality: 55,
  encoder: 'sharp 0.35.5',
};

describe('variantCacheKey', () => {
  it('is stable for the same inputs, whatever the order of the widths', () => {
    expect(variantCacheKey(BASE)).toBe(variantCacheKey({ ...BASE }));
    expect(variantCacheKey(BASE)).toBe(variantCacheKey({ ...BASE, widths: [1312, 400, 1000, 656] }));
    expect(variantCacheKey(BASE)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes with each thing that changes the bytes encoded', () => {
    const variations: CacheKeyInput[] = [
      { ...BASE, contentHash: contentHash(Buffer.from('a screenshot!')) },
      { ...BASE, format: 'webp' },
      { ...BASE, widths: [400, 656, 1000] },
      { ...BASE, quality: 56 },
      { ...BASE, encoder: 'sharp 0.35.6' },
    ];
    const keys = new Set([BASE, ...variations].map(variantCacheKey));
    expect(keys.size).toBe(variations.length + 1);
  });

  it('hashes content, not names: the same bytes give the same hash', () => {
    expect(contentHash(Buffer.from('x'))).toBe(contentHash(new Uint8Array([0x78])));
    expect(contentHash(Buffer.from('x'))).toBe(
      '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
    );
  });
});
