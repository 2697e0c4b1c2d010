import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageSizeReader, takeZoom } from '../../../src/images/read_image_size';
import { makePng } from '../../support/make_png';

describe('takeZoom', () => {
  it("reads Typora's zoom as a factor and keeps the rest of the style", () => {
    expect(takeZoom('zoom:50%;')).toEqual({ zoom: 0.5, rest: '' });
    expect(takeZoom('zoom: 33%; border: 1px solid red')).toEqual({
      zoom: 0.33,
      rest: 'border: 1px solid red',
    });
    expect(takeZoom('color: red; zoom:0.8')).toEqual({ zoom: 0.8, rest: 'color: red' });
    expect(takeZoom('color: red')).toBeNull();
    expect(takeZoom('zoom: 0%')).toBeNull();
  });
});

describe('ImageSizeReader', () => {
  it('reads PNG and SVG sizes once per build, and re-reads a changed file after clear()', () => {
    const sizes = new ImageSizeReader();
    const readImageSize = (file: string) => sizes.read(file);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-'));
    const png = path.join(dir, 'a.png');
    fs.writeFileSync(png, makePng(12, 7, [1, 2, 3]));
    expect(readImageSize(png)).toEqual({ width: 12, height: 7 });
    fs.writeFileSync(png, makePng(30, 20, [1, 2, 3]));
    expect(readImageSize(png)).toEqual({ width: 12, height: 7 });
    sizes.clear();
    expect(readImageSize(png)).toEqual({ width: 30, height: 20 });
    const svg = path.join(dir, 'b.svg');
    fs.writeFileSync(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" width="640" height="360"></svg>',
    );
    expect(readImageSize(svg)).toEqual({ width: 640, height: 360 });
    fs.writeFileSync(path.join(dir, 'c.png'), 'not an image');
    expect(readImageSize(path.join(dir, 'c.png'))).toBeNull();
    expect(readImageSize(path.join(dir, 'missing.png'))).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });

  it('reads a JPEG whose size comes after more than 64 KiB of metadata', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-'));
    const app = (n: number) =>
      Buffer.concat([Buffer.from([0xff, 0xe1, (n + 2) >> 8, (n + 2) & 0xff]), Buffer.alloc(n)]);
    const sof = Buffer.from([
      0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x2a, 0x01, 0x90, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ]);
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      app(40_000),
      app(40_000),
      sof,
      Buffer.from([0xff, 0xd9]),
    ]);
    fs.writeFileSync(path.join(dir, 'big-exif.jpg'), jpeg);
    // Past the first 4 KiB read, within the 64 KiB one.
    const midExif = Buffer.concat([Buffer.from([0xff, 0xd8]), app(10_000), sof, Buffer.from([0xff, 0xd9])]);
    fs.writeFileSync(path.join(dir, 'mid-exif.jpg'), midExif);
    expect(new ImageSizeReader().read(path.join(dir, 'mid-exif.jpg'))).toEqual({ width: 400, height: 42 });
    expect(new ImageSizeReader().read(path.join(dir, 'big-exif.jpg'))).toEqual({ width: 400, height: 42 });
    fs.rmSync(dir, { recursive: true });
  });
});
