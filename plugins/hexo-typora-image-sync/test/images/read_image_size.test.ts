import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImageSize, takeZoom } from '../../src/images/read_image_size';
import { makePng } from '../support/make_png';

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

describe('readImageSize', () => {
  it('reads PNG and SVG sizes, and re-reads a file that changed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-'));
    const png = path.join(dir, 'a.png');
    fs.writeFileSync(png, makePng(12, 7, [1, 2, 3]));
    expect(readImageSize(png)).toEqual({ width: 12, height: 7 });
    fs.writeFileSync(png, makePng(30, 20, [1, 2, 3]));
    fs.utimesSync(png, new Date(), new Date(Date.now() + 5000));
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
});
