/** The encoder on real files and a real cache folder: what it decides for each kind of image, and when it re-encodes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ImagesConfig } from '../../src/config';
import { MIN_DETAIL_SSIM, VariantEncoder } from '../../src/variants/encode_variants';
import { VariantCache } from '../../src/variants/variant_cache';
import { makePng } from '../support/make_png';
import { animatedPng, textJpeg, textPng } from '../support/text_image';

let dir: string;
const file = (name: string) => path.join(dir, name);
const encoder = (settings: Partial<ImagesConfig> = {}, cacheName = 'cache') =>
  new VariantEncoder(new VariantCache(file(cacheName)), { ...DEFAULT_CONFIG.images, ...settings });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-variants-'));
  fs.writeFileSync(file('text.png'), await textPng({ width: 1400, height: 800, fontSize: 24 }));
  fs.writeFileSync(file('text.jpg'), await textJpeg({ width: 1400, height: 800, fontSize: 24 }));
  fs.writeFileSync(file('icon.png'), makePng(24, 24, [200, 40, 40]));
  fs.writeFileSync(file('big-text.png'), await textPng({ width: 2400, height: 1400, fontSize: 40 }));
  fs.writeFileSync(file('animated.png'), animatedPng(await textPng({ width: 600, height: 300 })));
  // Stored 800×400, shown 400×800 (EXIF orientation 6: rotate 90°), as phone cameras write.
  fs.writeFileSync(
    file('rotated.jpg'),
    await sharp(await textPng({ width: 800, height: 400 }))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer(),
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('VariantEncoder', () => {
  it('encodes every width of every format, each smaller than the original', async () => {
    const result = await encoder().variantsOf(file('text.png'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.image).toEqual({ width: 1400, height: 800, bytes: fs.statSync(file('text.png')).size });
    const cache = new VariantCache(file('cache'));
    for (const { format, key, manifest } of result.formats) {
      expect(manifest.mode).toBe('lossy');
      expect(manifest.detail).toBeGreaterThanOrEqual(MIN_DETAIL_SSIM);
      expect(manifest.variants.map((v) => v.width)).toEqual([400, 656, 1000, 1312]);
      for (const variant of manifest.variants) {
        const bytes = fs.readFileSync(cache.variantFile(key, format, variant.width));
        const metadata = await sharp(bytes).metadata();
        expect(metadata.format).toBe(format === 'avif' ? 'heif' : 'webp');
        expect([metadata.width, metadata.height]).toEqual([
          variant.width,
          Math.round((800 * variant.width) / 1400),
        ]);
        expect(bytes.length).toBe(variant.bytes);
        expect(bytes.length).toBeLessThan(result.image.bytes);
      }
    }
  });

  it('takes an unchanged image from the cache in a new process, and encodes again what the cache lost', async () => {
    const cold = encoder({}, 'cache-2');
    await cold.variantsOf(file('text.png'));
    expect([cold.encoded, cold.reused]).toEqual([8, 0]);
    const warm = encoder({}, 'cache-2');
    await warm.variantsOf(file('text.png'));
    expect([warm.encoded, warm.reused]).toEqual([0, 2]);
    const avif = fs
      .readdirSync(file('cache-2'), { recursive: true, encoding: 'utf8' })
      .find((f) => f.endsWith('-656.avif'));
    fs.rmSync(path.join(file('cache-2'), avif as string));
    const repaired = encoder({}, 'cache-2');
    await repaired.variantsOf(file('text.png'));
    expect([repaired.encoded, repaired.reused]).toEqual([4, 1]);
  });

  it('gives a PNG whose lossy variants blur its text a lossless WebP, and no AVIF', async () => {
    const result = await encoder({ quality: { avif: 10, webp: 5 } }).variantsOf(file('big-text.png'));
    if (!result.ok) throw new Error(result.reason);
    const [avif, webp] = result.formats.map((f) => f.manifest);
    expect(avif).toMatchObject({ mode: 'none', variants: [] });
    expect(avif?.reason).toMatch(/blurs its text \(detail SSIM 0\.\d+ < 0\.95\)/);
    expect(avif?.detail).toBeLessThan(MIN_DETAIL_SSIM);
    expect(webp?.mode).toBe('lossless');
    expect(webp?.variants.length).toBe(4);
  });

  it('does not check a JPEG: the author already chose a lossy format', async () => {
    const result = await encoder({ quality: { avif: 10, webp: 5 } }).variantsOf(file('text.jpg'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.formats.map((f) => f.manifest.mode)).toEqual(['lossy', 'lossy']);
  });

  it('offers a format only where its variant is smaller than the original (a 24-pixel, 88-byte icon)', async () => {
    const result = await encoder().variantsOf(file('icon.png'));
    if (!result.ok) throw new Error(result.reason);
    const original = fs.statSync(file('icon.png')).size;
    const [avif, webp] = result.formats.map((f) => f.manifest);
    // AVIF's container alone is larger than this PNG; a lossy WebP of a flat icon is not.
    expect(avif).toMatchObject({ mode: 'none', reason: 'its 24 px avif is not smaller than the original' });
    expect(webp?.mode).toBe('lossy');
    expect(webp?.variants[0]?.bytes).toBeLessThan(original);
  });

  it('leaves animations and non-rasters alone', async () => {
    expect(await encoder().variantsOf(file('animated.png'))).toEqual({
      ok: false,
      reason: 'is an animated PNG',
    });
    fs.writeFileSync(file('x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(await encoder().variantsOf(file('x.svg'))).toMatchObject({ ok: false });
  });

  it('draws variants the way browsers draw the original: EXIF orientation applied', async () => {
    const result = await encoder().variantsOf(file('rotated.jpg'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.image).toMatchObject({ width: 400, height: 800 });
    expect(result.formats[0]?.manifest.variants).toEqual([
      expect.objectContaining({ width: 400, height: 800 }),
    ]);
  });

  it('reports a file it cannot decode instead of failing the build', async () => {
    fs.writeFileSync(file('broken.png'), makePng(40, 40, [1, 2, 3]).subarray(0, 60));
    const result = await encoder().variantsOf(file('broken.png'));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^could not be encoded/) });
  });
});
