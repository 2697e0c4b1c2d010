import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detailSsim, type GreyImage, lumaOf } from '../../src/variants/text_sharpness';
import { textPng } from '../support/text_image';

async function grey(input: Buffer): Promise<GreyImage> {
  const { data, info } = await sharp(input).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return lumaOf(data, info.width, info.height, info.channels);
}

describe('detailSsim', () => {
  it('is 1 for identical images and falls as text is blurred more', async () => {
    const text = await textPng({ width: 600, height: 300, fontSize: 14 });
    const reference = await grey(text);
    expect(detailSsim(reference, reference)).toBe(1);
    const scores = [];
    for (const sigma of [0.5, 1, 2])
      scores.push(detailSsim(reference, await grey(await sharp(text).blur(sigma).toBuffer())));
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
    expect(scores[2]).toBeLessThan(0.8);
  });

  it('looks at the detail, not at the background: blurring an empty page costs nothing', async () => {
    const blank = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(detailSsim(await grey(blank), await grey(await sharp(blank).blur(3).toBuffer()))).toBe(1);
  });

  it('refuses images of different sizes', () => {
    const a = { data: new Uint8Array(64), width: 8, height: 8 };
    const b = { data: new Uint8Array(128), width: 16, height: 8 };
    expect(() => detailSsim(a, b)).toThrow(/sizes differ/);
  });
});

describe('lumaOf', () => {
  it('weights RGB as BT.601 and sees transparency over white', () => {
    expect([...lumaOf(new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]), 3, 1, 3).data]).toEqual([
      76, 150, 29,
    ]);
    expect([...lumaOf(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255]), 2, 1, 4).data]).toEqual([255, 0]);
  });
});
