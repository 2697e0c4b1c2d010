import { describe, expect, it } from 'vitest';
import { decideOutsideFile, decideSourceFile, isInside } from '../../../src/publish/outside_file_policy';
import { sniffMediaType } from '../../../src/publish/sniff_media_type';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const policy = { baseDir: '/site', strict: false, maxBytes: 1024 * 1024 };

describe('decideOutsideFile', () => {
  it('allows a real image from Typora folders, inside or outside the repository', () => {
    for (const realPath of [
      '/home/me/.config/Typora/typora-user-images/image-1.png',
      '/Users/me/Library/Application Support/typora-user-images/image-1.png',
      '/site/assets/shared.png',
    ]) {
      expect(decideOutsideFile({ realPath, size: 100, head: PNG }, policy)).toEqual({
        allowed: true,
        type: 'image/png',
      });
    }
  });

  it('refuses text, secrets and dot-folders whatever the name says', () => {
    const text = new TextEncoder().encode('SECRET=1\n');
    expect(decideOutsideFile({ realPath: '/proc/self/environ', size: 0, head: text }, policy)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not an image/),
    });
    expect(decideOutsideFile({ realPath: '/site/.env', size: 9, head: text }, policy)).toMatchObject({
      reason: expect.stringMatching(/hidden \(dot\) file/),
    });
    expect(
      decideOutsideFile({ realPath: '/home/me/.ssh/id_rsa.png', size: 100, head: PNG }, policy),
    ).toMatchObject({
      reason: expect.stringMatching(/hidden \(dot\) folder/),
    });
    expect(decideOutsideFile({ realPath: '/site/.git/x.png', size: 100, head: PNG }, policy)).toMatchObject({
      allowed: false,
    });
  });

  it('refuses files above the size limit', () => {
    expect(
      decideOutsideFile({ realPath: '/tmp/big.png', size: 2 * 1024 * 1024, head: PNG }, policy),
    ).toMatchObject({
      reason: expect.stringMatching(/larger than 1 MiB/),
    });
  });

  it('in strict mode refuses everything outside the repository', () => {
    const strict = { ...policy, strict: true };
    expect(decideOutsideFile({ realPath: '/tmp/a.png', size: 10, head: PNG }, strict)).toMatchObject({
      reason: expect.stringMatching(/strict mode/),
    });
    expect(decideOutsideFile({ realPath: '/site/assets/a.png', size: 10, head: PNG }, strict)).toMatchObject({
      allowed: true,
    });
  });

  it('knows which paths are inside a folder', () => {
    expect(isInside('/site/source/a.png', '/site')).toBe(true);
    expect(isInside('/site', '/site')).toBe(true);
    expect(isInside('/site-other/a.png', '/site')).toBe(false);
    expect(isInside('/a.png', '/site')).toBe(false);
  });
});

describe('decideSourceFile', () => {
  it('allows what Typora writes beside a post', () => {
    for (const file of [
      '_posts/hello.assets/x.png',
      '_posts/x.png',
      '_posts/hello/sub/paper.pdf',
      'images/x.png',
    ]) {
      expect(decideSourceFile(file, false)).toEqual({ allowed: true });
    }
  });

  it('keeps private what Hexo keeps private: dot entries and _ folders', () => {
    expect(decideSourceFile('_posts/.env', false)).toMatchObject({ reason: 'it is a hidden (dot) file' });
    expect(decideSourceFile('_posts/.git/config.png', false)).toMatchObject({
      reason: 'it is inside a hidden (dot) folder',
    });
    expect(decideSourceFile('_data/menu.png', false)).toMatchObject({ allowed: false });
    expect(decideSourceFile('_posts/_private/x.png', false)).toMatchObject({ allowed: false });
    expect(decideSourceFile('_drafts/d.png', false)).toMatchObject({
      reason: expect.stringMatching(/_drafts/),
    });
  });

  it("publishes a draft's own files only for a draft, and never a post's source text", () => {
    expect(decideSourceFile('_drafts/d.assets/x.png', true)).toEqual({ allowed: true });
    expect(decideSourceFile('_drafts/d.md', true)).toMatchObject({ reason: "it is a post's source text" });
    expect(decideSourceFile('_posts/other.md', false)).toMatchObject({ allowed: false });
    expect(decideSourceFile('_posts/Notes.MARKDOWN', false)).toMatchObject({ allowed: false });
  });
});

describe('sniffMediaType', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  const ascii = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['image/png', PNG],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['image/gif', ascii('GIF89a')],
    ['image/webp', ascii('RIFF\0\0\0\0WEBPVP8 ')],
    ['image/avif', ascii('\0\0\0\x1cftypavif')],
    ['video/mp4', ascii('\0\0\0\x18ftypisom')],
    ['application/pdf', ascii('%PDF-1.7')],
    // BITMAPFILEHEADER (size, reserved 0, pixel offset 54) + a 40-byte BITMAPINFOHEADER.
    [
      'image/bmp',
      bytes(0x42, 0x4d, 0x46, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0),
    ],
    // ICONDIR with one image; its entry: 16×16, no palette, reserved 0, 1 plane, 32 bpp, 1,128 bytes.
    ['image/x-icon', bytes(0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 0x04, 0, 0, 22, 0, 0, 0)],
    ['audio/mpeg', bytes(0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x0f, 0x76)],
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz.
    ['audio/mpeg', bytes(0xff, 0xfb, 0x90, 0x64)],
    [
      'image/svg+xml',
      ascii('<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
  ])('recognises %s', (type, head) => {
    expect(sniffMediaType(head)).toEqual({ ok: true, type });
  });

  it('refuses SVG that can run script, and anything else', () => {
    expect(sniffMediaType(ascii('<svg onload="alert(1)"></svg>'))).toMatchObject({ ok: false });
    expect(sniffMediaType(ascii('<svg><script>alert(1)</script></svg>'))).toMatchObject({ ok: false });
    expect(sniffMediaType(ascii('#!/bin/sh\necho hi'))).toMatchObject({ ok: false });
    expect(sniffMediaType(bytes())).toMatchObject({ ok: false });
  });

  it('refuses text that merely starts like a short signature', () => {
    for (const text of [
      'BM25 ranking notes: k1=1.2, b=0.75\n',
      'ID3v2 tags, a summary\n',
      'ID3 PASSWORD=hunter2 ',
    ]) {
      expect(sniffMediaType(ascii(text)), text).toMatchObject({ ok: false });
    }
    // Binary, but not a media header: reserved MPEG version, reserved ICO fields.
    expect(sniffMediaType(bytes(0xff, 0xe9, 0x90, 0x64))).toMatchObject({ ok: false });
    expect(
      sniffMediaType(bytes(0, 0, 1, 0, 0, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ).toMatchObject({
      ok: false,
    });
  });
});
