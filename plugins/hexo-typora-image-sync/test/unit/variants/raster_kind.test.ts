import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffRaster } from '../../../src/variants/raster_kind';
import { makePng } from '../../support/make_png';
import { animatedPng } from '../../support/text_image';

describe('sniffRaster', () => {
  it('knows still PNG, JPEG and WebP by their bytes', async () => {
    const png = makePng(20, 10, [10, 20, 30]);
    expect(sniffRaster(png)).toEqual({ kind: 'png' });
    expect(sniffRaster(await sharp(png).jpeg().toBuffer())).toEqual({ kind: 'jpeg' });
    expect(sniffRaster(await sharp(png).webp().toBuffer())).toEqual({ kind: 'webp' });
    expect(sniffRaster(await sharp(png).webp({ lossless: true }).toBuffer())).toEqual({ kind: 'webp' });
  });

  it('leaves out animations: APNG and animated WebP, which libvips reads as animated', async () => {
    const apng = animatedPng(makePng(20, 10, [10, 20, 30]));
    expect(sniffRaster(apng).kind).toBeNull();
    const frame = (background: string) =>
      sharp({ create: { width: 16, height: 16, channels: 3, background } })
        .png()
        .toBuffer();
    const animatedWebp = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
      .webp({ loop: 0 })
      .toBuffer();
    expect((await sharp(animatedWebp, { animated: true }).metadata()).pages).toBe(2);
    expect(sniffRaster(animatedWebp)).toEqual({ kind: null, reason: 'an animated WebP' });
  });

  it('leaves out everything else', async () => {
    expect(sniffRaster(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')).kind).toBeNull();
    expect(sniffRaster(Buffer.from('GIF89a')).kind).toBeNull();
    const avif = await sharp(makePng(20, 10, [1, 2, 3]))
      .avif()
      .toBuffer();
    expect(sniffRaster(avif).kind).toBeNull();
    expect(sniffRaster(new Uint8Array(0)).kind).toBeNull();
  });
});
