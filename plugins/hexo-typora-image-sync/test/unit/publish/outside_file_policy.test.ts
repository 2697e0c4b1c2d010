import { describe, expect, it } from 'vitest';
import {
  decideHexoFile,
  decideOutsideFile,
  decideSourceFile,
  isInside,
} from '../../../src/publish/outside_file_policy';
import { sniffMediaType } from '../../../src/publish/sniff_media_type';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const policy = {
  baseDir: '/site',
  strict: false,
  maxBytes: 1024 * 1024,
  typoraFolders: ['/home/me/.config/Typora/typora-user-images'],
};
const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => new TextEncoder().encode(s);
const whole = (size: number) => ({ kind: 'ends' as const, at: size });
const unchecked = { kind: 'unchecked' as const };

describe('decideOutsideFile', () => {
  it('allows a real image from Typora folders, inside or outside the repository', () => {
    for (const realPath of [
      '/home/me/.config/Typora/typora-user-images/image-1.png',
      '/Users/me/Library/Application Support/typora-user-images/image-1.png',
      '/site/assets/shared.png',
    ]) {
      expect(decideOutsideFile({ realPath, size: 100, head: PNG, end: whole(100) }, policy)).toEqual({
        allowed: true,
        type: 'image/png',
      });
    }
  });

  it('refuses text, secrets and dot-folders whatever the name says', () => {
    const text = new TextEncoder().encode('SECRET=1\n');
    expect(
      decideOutsideFile({ realPath: '/home/me/environ.png', size: 0, head: text, end: unchecked }, policy),
    ).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/not an image/),
    });
    expect(
      decideOutsideFile({ realPath: '/site/.env', size: 9, head: text, end: unchecked }, policy),
    ).toMatchObject({
      reason: expect.stringMatching(/hidden \(dot\) file/),
    });
    expect(
      decideOutsideFile(
        { realPath: '/home/me/.ssh/id_rsa.png', size: 100, head: PNG, end: whole(100) },
        policy,
      ),
    ).toMatchObject({
      reason: expect.stringMatching(/hidden \(dot\) folder/),
    });
    expect(
      decideOutsideFile({ realPath: '/site/.git/x.png', size: 100, head: PNG, end: whole(100) }, policy),
    ).toMatchObject({
      allowed: false,
    });
  });

  it('refuses files above the size limit', () => {
    expect(
      decideOutsideFile(
        { realPath: '/tmp/big.png', size: 2 * 1024 * 1024, head: PNG, end: unchecked },
        policy,
      ),
    ).toMatchObject({
      reason: expect.stringMatching(/larger than 1 MiB/),
    });
  });

  it('in strict mode refuses everything outside the repository', () => {
    const strict = { ...policy, strict: true };
    expect(
      decideOutsideFile({ realPath: '/tmp/a.png', size: 10, head: PNG, end: whole(10) }, strict),
    ).toMatchObject({
      reason: expect.stringMatching(/strict mode/),
    });
    expect(
      decideOutsideFile({ realPath: '/site/assets/a.png', size: 10, head: PNG, end: whole(10) }, strict),
    ).toMatchObject({
      allowed: true,
    });
  });

  it('refuses every SVG from outside source/, whatever is (or is not) in it', () => {
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
      `<svg xmlns="http://www.w3.org/2000/svg"><!--${'x'.repeat(5000)}--><script>alert(1)</script></svg>`,
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>',
      '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    ];
    for (const svg of svgs) {
      const head = ascii(svg).subarray(0, 4096);
      for (const name of ['x.svg', 'x.png']) {
        expect(
          decideOutsideFile({ realPath: `/tmp/${name}`, size: svg.length, head, end: unchecked }, policy),
          name,
        ).toMatchObject({
          allowed: false,
          reason: expect.stringMatching(/SVG, which can run script/),
        });
      }
    }
  });

  it('publishes a file only under an image, audio, video or PDF name that its content matches', () => {
    const gifScript = ascii('GIF89a<script>alert(1)</script>');
    const pdfScript = ascii('%PDF-<script>alert(1)</script>');
    for (const [name, head] of [
      ['x.html', gifScript],
      ['x.htm', pdfScript],
      ['x.xhtml', PNG],
      ['x.xml', PNG],
      ['x.svgz', PNG],
      ['x.js', PNG],
      ['x', PNG],
    ] as const) {
      expect(
        decideOutsideFile({ realPath: `/tmp/${name}`, size: 100, head, end: unchecked }, policy),
        name,
      ).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/not that of an image, audio, video or PDF file/),
      });
    }
    expect(
      decideOutsideFile({ realPath: '/tmp/x.jpg', size: 100, head: PNG, end: whole(100) }, policy),
    ).toMatchObject({
      reason: 'its content is a PNG image, but its name ends in ".jpg" (browsers go by the name)',
    });
    expect(
      decideOutsideFile(
        { realPath: '/tmp/x.pdf', size: 100, head: ascii('%PDF-1.7\n'), end: unchecked },
        policy,
      ),
    ).toEqual({ allowed: true, type: 'application/pdf' });
    // Hexo serves a linked file under the link's name, not the target's.
    expect(
      decideOutsideFile(
        { realPath: '/site/a.png', name: 'a.html', size: 100, head: PNG, end: whole(100) },
        policy,
      ),
    ).toMatchObject({ allowed: false });
  });

  it('refuses data after the end of an image, and an image cut short', () => {
    expect(
      decideOutsideFile({ realPath: '/tmp/x.png', size: 180, head: PNG, end: whole(100) }, policy),
    ).toMatchObject({
      reason: expect.stringMatching(/^it has 80 bytes after its IEND chunk/),
    });
    expect(
      decideOutsideFile(
        {
          realPath: '/tmp/x.png',
          size: 80,
          head: PNG,
          end: { kind: 'broken', detail: 'it has no IEND chunk' },
        },
        policy,
      ),
    ).toMatchObject({ reason: 'it is a PNG image that does not end properly: it has no IEND chunk' });
  });

  it("makes the dot-folder exception for Typora's own image folder only, not for a path that contains its names", () => {
    const at = (realPath: string) =>
      decideOutsideFile({ realPath, size: 100, head: PNG, end: whole(100) }, policy);
    expect(at('/home/me/.config/Typora/typora-user-images/k.png')).toMatchObject({ allowed: true });
    expect(at('/home/me/.ssh/.config/Typora/typora-user-images/k.png')).toMatchObject({
      reason: 'it is inside a hidden (dot) folder',
    });
    expect(at('/tmp/x/.config/Typora/typora-user-images/k.png')).toMatchObject({ allowed: false });
    expect(at('/home/me/.config/Typora/typora-user-images/.keys/k.png')).toMatchObject({ allowed: false });
    expect(at('/home/me/.config/Typora/typora-user-images/.k.png')).toMatchObject({
      reason: 'it is a hidden (dot) file',
    });
  });

  it('refuses files of the operating system whatever they look like', () => {
    for (const realPath of ['/proc/self/environ', '/proc/1/root/x.png', '/sys/x.png', '/dev/shm/x.png']) {
      expect(
        decideOutsideFile({ realPath, size: 100, head: PNG, end: whole(100) }, policy),
        realPath,
      ).toMatchObject({
        reason: 'it is a file of the operating system, not an image',
      });
    }
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

  it('recognises any SVG (a prefixed root too), and anything else as not media', () => {
    expect(sniffMediaType(ascii('<svg onload="alert(1)"></svg>'))).toEqual({
      ok: true,
      type: 'image/svg+xml',
    });
    expect(sniffMediaType(ascii('<s:svg xmlns:s="http://www.w3.org/2000/svg"/>'))).toMatchObject({
      ok: true,
    });
    expect(sniffMediaType(ascii('#!/bin/sh\necho hi'))).toMatchObject({ ok: false });
    expect(sniffMediaType(ascii('<html><script>alert(1)</script>'))).toMatchObject({ ok: false });
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

describe('decideHexoFile', () => {
  const scope = { sourceDir: '/site/source', realSourceDir: '/site/source', realBaseDir: '/site' };
  const file = '/site/source/_posts/hello/x.png';
  const text = (realPath: string) => ({ realPath, size: 9, head: ascii('SECRET=1\n'), end: unchecked });

  it("publishes the author's own files as Hexo does, and links within source/ by Hexo's privacy rule", () => {
    expect(decideHexoFile(file, file, undefined, scope, policy)).toEqual({ allowed: true });
    expect(decideHexoFile(file, '/site/source/images/a.png', undefined, scope, policy)).toEqual({
      allowed: true,
    });
    expect(decideHexoFile(file, '/site/source/_drafts/d/a.png', undefined, scope, policy)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/draft/),
    });
    expect(decideHexoFile(file, '/site/source/_posts/other.md', undefined, scope, policy)).toMatchObject({
      reason: "it is a post's source text",
    });
  });

  it('refuses a link out of the repository, and a link to a private or non-image file in it', () => {
    for (const real of ['/etc/passwd', '/proc/self/environ', '/home/me/.ssh/id_rsa', '/site-other/a.png']) {
      expect(decideHexoFile(file, real, undefined, scope, policy), real).toMatchObject({
        allowed: false,
        linkOut: true,
      });
    }
    expect(decideHexoFile(file, '/site/.env', text('/site/.env'), scope, policy)).toMatchObject({
      reason: 'it is a hidden (dot) file',
    });
    expect(decideHexoFile(file, '/site/secrets.txt', text('/site/secrets.txt'), scope, policy)).toMatchObject(
      {
        reason: expect.stringMatching(/not an image/),
      },
    );
    const png = { realPath: '/site/img/a.png', size: 100, head: PNG, end: whole(100) };
    expect(decideHexoFile(file, '/site/img/a.png', png, scope, policy)).toEqual({ allowed: true });
    // Served as x.html: the name Hexo gives it counts.
    expect(
      decideHexoFile(file.replace('x.png', 'x.html'), '/site/img/a.png', png, scope, policy),
    ).toMatchObject({
      allowed: false,
    });
  });

  it('compares real paths through a linked source/', () => {
    const linked = { sourceDir: '/site/source', realSourceDir: '/notes', realBaseDir: '/site' };
    expect(decideHexoFile(file, '/notes/_posts/hello/x.png', undefined, linked, policy)).toEqual({
      allowed: true,
    });
  });
});
