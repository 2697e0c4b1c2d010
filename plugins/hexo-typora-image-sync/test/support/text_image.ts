/**
 * Screenshot-like images for variant tests: lines of this repository's real text in a monospace font, drawn
 * by librsvg (through sharp) at a retina scale, light or dark like an editor or a terminal. Not noise, not
 * flat colour: lossy codecs meet them as they meet real screenshots of text.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';

const TEXT = fs
  .readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')
  .split('\n')
  .filter((line) => line.trim());

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface TextImageOptions {
  width: number;
  height: number;
  /** Which line of the README comes first. */
  seed?: number;
  dark?: boolean;
  /** Font size in pixels (26 ≈ 13 CSS px at device scale 2). */
  fontSize?: number;
}

export function textImage(options: TextImageOptions): ReturnType<typeof sharp> {
  const { width, height, seed = 0, dark = false, fontSize = 26 } = options;
  const lineHeight = Math.round(fontSize * 1.45);
  const colours = dark
    ? ['#d4d6da', '#7ec07e', '#6aa7ff', '#e3b341']
    : ['#1f2328', '#cf222e', '#0550ae', '#59636e'];
  const lines: string[] = [];
  for (let i = 0, y = lineHeight; y < height; i++, y += lineHeight) {
    const text = TEXT[(seed + i) % TEXT.length] as string;
    const fill = colours[(seed + i) % colours.length];
    lines.push(
      `<text x="${fontSize}" y="${y}" fill="${fill}" font-family="DejaVu Sans Mono, monospace" font-size="${fontSize}">${escapeXml(text)}</text>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${dark ? '#1e1f22' : '#ffffff'}"/>${lines.join('')}</svg>`;
  return sharp(Buffer.from(svg));
}

export function textPng(options: TextImageOptions): Promise<Buffer> {
  return textImage(options).png().toBuffer();
}

export function textJpeg(options: TextImageOptions): Promise<Buffer> {
  return textImage(options).jpeg({ quality: 90 }).toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A valid APNG: an `acTL` and one `fcTL` before the PNG's image data (one frame, as some tools write). */
export function animatedPng(png: Buffer): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(1, 0);
  const fctl = Buffer.alloc(26);
  fctl.writeUInt32BE(0, 0);
  fctl.writeUInt32BE(width, 4);
  fctl.writeUInt32BE(height, 8);
  fctl.writeUInt16BE(1, 20);
  fctl.writeUInt16BE(10, 22);
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    chunk('acTL', actl),
    chunk('fcTL', fctl),
    png.subarray(ihdrEnd),
  ]);
}
