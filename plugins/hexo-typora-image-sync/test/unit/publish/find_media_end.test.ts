/**
 * The image-end walker on real files from real encoders (test/fixtures/media, PNGs from zlib), read both
 * from memory and through a file descriptor's 64 KiB window: a clean file ends at its last byte; a secret
 * appended after it, even behind a fake end marker, is found; a cut file is broken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource, fileSource } from '../../../src/fs/byte_source';
import { findMediaEnd } from '../../../src/publish/find_media_end';
import { sniffMediaType } from '../../../src/publish/sniff_media_type';
import { FIXTURES } from '../../support/hexo_site';
import { makePng } from '../../support/make_png';

const MEDIA = path.join(FIXTURES, 'media');
const SECRET = Buffer.from('\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-end-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const samples: [string, Buffer][] = [
  ...fs
    .readdirSync(MEDIA)
    .filter((name) => !name.endsWith('.md'))
    .map((name): [string, Buffer] => [name, fs.readFileSync(path.join(MEDIA, name))]),
  ['zlib.png', makePng(300, 200, [10, 200, 30])],
];

/** The walker's answer for `bytes`, from memory and from a file (through the window), which must agree. */
function endOf(bytes: Buffer) {
  const sniffed = sniffMediaType(bytes.subarray(0, 4096));
  if (!sniffed.ok) throw new Error('not media');
  const inMemory = findMediaEnd(sniffed.type, bytesSource(bytes));
  const file = path.join(dir, 'sample');
  fs.writeFileSync(file, bytes);
  const fd = fs.openSync(file, 'r');
  try {
    expect(findMediaEnd(sniffed.type, fileSource(fd, bytes.length))).toEqual(inMemory);
  } finally {
    fs.closeSync(fd);
  }
  return inMemory;
}

describe('findMediaEnd', () => {
  it.each(samples)('finds that %s ends at its last byte', (_name, bytes) => {
    expect(endOf(bytes)).toEqual({ kind: 'ends', at: bytes.length });
  });

  it('has a JPEG whose scan data crosses the 64 KiB window, and a progressive one with many scans', () => {
    expect(fs.statSync(path.join(MEDIA, 'large.jpg')).size).toBeGreaterThan(64 * 1024);
    const progressive = fs.readFileSync(path.join(MEDIA, 'progressive.jpg'));
    const scans = progressive.reduce((n, b, i) => n + (b === 0xff && progressive[i + 1] === 0xda ? 1 : 0), 0);
    expect(scans).toBeGreaterThan(1);
  });

  it.each(samples)('finds a secret appended to %s', (_name, bytes) => {
    expect(endOf(Buffer.concat([bytes, SECRET]))).toEqual({ kind: 'ends', at: bytes.length });
  });

  it('is not fooled by a fake end marker after the secret', () => {
    const png = makePng(20, 10, [1, 2, 3]);
    const iend = png.subarray(png.length - 12);
    expect(endOf(Buffer.concat([png, SECRET, iend]))).toEqual({ kind: 'ends', at: png.length });
    const jpeg = fs.readFileSync(path.join(MEDIA, 'baseline.jpg'));
    expect(endOf(Buffer.concat([jpeg, SECRET, Buffer.from([0xff, 0xd9])]))).toEqual({
      kind: 'ends',
      at: jpeg.length,
    });
    const gif = fs.readFileSync(path.join(MEDIA, 'animated.gif'));
    expect(endOf(Buffer.concat([gif, SECRET, Buffer.from([0x3b])]))).toEqual({
      kind: 'ends',
      at: gif.length,
    });
  });

  it.each(samples)('calls %s broken when it is cut short', (_name, bytes) => {
    expect(endOf(bytes.subarray(0, bytes.length - 3))).toMatchObject({ kind: 'broken' });
  });

  it('does not look for an end in other formats', () => {
    expect(findMediaEnd('application/pdf', bytesSource(Buffer.from('%PDF-1.4\n')))).toEqual({
      kind: 'unchecked',
    });
  });
});
