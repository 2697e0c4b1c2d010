import { describe, expect, it } from 'vitest';
import { decideOutsideFile, isInside } from '../../src/publish/outside_file_policy';
import { sniffMediaType } from '../../src/publish/sniff_media_type';

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
});
