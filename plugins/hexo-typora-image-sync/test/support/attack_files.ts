/**
 * Files an attacker plants on the author's machine (or in a pull request), built here from real images:
 * script-capable SVGs a naive check misses, script behind image magic bytes saved as .html, a secret
 * appended after an image's end, a secret in a folder that merely contains Typora's folder names. Each has
 * the alt text a post uses for it and the refusal the build must give. The SVGs log `typora-xss-ran:<name>`
 * when their script runs, which the browser test listens for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './hexo_site';
import { fixturePng } from './make_png';

/** Text that must never reach the site, in every secret below. */
export const SECRET = 'SECRET-TOKEN-7f3a9c-do-not-publish';

export const RAN = 'typora-xss-ran:';

export interface Attack {
  /** The alt text (image) the attack post uses. */
  alt: string;
  /** Path under the attacker's folder (the author's home). */
  file: string;
  content: () => Buffer;
  /** The refusal in the build's warning and in `hexo typora check`. */
  refusal: RegExp;
}

const svg = (body: string, namespaces = '') =>
  Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"${namespaces}>${body}</svg>\n`);
const SVG_REFUSAL = /it is an SVG, which can run script/;
const jpeg = () => fs.readFileSync(path.join(FIXTURES, 'media/baseline.jpg'));

export const SVG_ATTACKS: readonly Attack[] = [
  {
    alt: 'script after a long comment',
    file: 'Downloads/comment.svg',
    // The script starts past the first 4 KiB, where a check of the head stops looking.
    content: () => svg(`<!--${'x'.repeat(5000)}--><script>console.log('${RAN}comment')</script>`),
    refusal: SVG_REFUSAL,
  },
  {
    alt: 'xhtml script',
    file: 'Downloads/xhtml.svg',
    content: () =>
      svg(
        `<h:script>console.log('${RAN}xhtml')</h:script><rect width="10" height="10"/>`,
        ' xmlns:h="http://www.w3.org/1999/xhtml"',
      ),
    refusal: SVG_REFUSAL,
  },
  {
    alt: 'prefixed svg script',
    file: 'Downloads/prefixed.svg',
    content: () =>
      svg(`<s:script>console.log('${RAN}prefixed')</s:script>`, ' xmlns:s="http://www.w3.org/2000/svg"'),
    refusal: SVG_REFUSAL,
  },
  {
    alt: 'entity javascript link',
    file: 'Downloads/href.svg',
    content: () =>
      svg(
        `<a xlink:href="jav&#x61;script:console.log('${RAN}href')"><rect width="300" height="300"/></a>`,
        ' xmlns:xlink="http://www.w3.org/1999/xlink"',
      ),
    refusal: SVG_REFUSAL,
  },
];

export const OUTSIDE_ATTACKS: readonly Attack[] = [
  ...SVG_ATTACKS,
  {
    alt: 'gif magic as html',
    file: 'Downloads/gif.html',
    content: () => Buffer.from(`GIF89a<script>console.log('${RAN}gif-html')</script>`),
    refusal: /its name has "\.html", not that of an image, audio, video or PDF file/,
  },
  {
    alt: 'pdf magic as html',
    file: 'Downloads/pdf.html',
    content: () => Buffer.from(`%PDF-<script>console.log('${RAN}pdf-html')</script>`),
    refusal: /its name has "\.html", not that of an image, audio, video or PDF file/,
  },
  {
    alt: 'png named xml',
    file: 'Downloads/image.xml',
    content: () => fixturePng(61),
    refusal: /its name has "\.xml"/,
  },
  {
    alt: 'png with a secret appended',
    file: 'Pictures/appended.png',
    content: () => Buffer.concat([fixturePng(62), Buffer.from(`\n${SECRET}\n`)]),
    refusal: /it has \d+ bytes after its IEND chunk/,
  },
  {
    alt: 'jpeg with a secret and a fake end',
    file: 'Pictures/appended.jpg',
    content: () => Buffer.concat([jpeg(), Buffer.from(`\n${SECRET}\n`), Buffer.from([0xff, 0xd9])]),
    refusal: /bytes after its end-of-image marker \(EOI\)/,
  },
  {
    alt: 'typora names under ssh',
    file: '.ssh/.config/Typora/typora-user-images/k.png',
    content: () => fixturePng(63),
    refusal: /it is inside a hidden \(dot\) folder/,
  },
  {
    alt: 'ssh key',
    file: '.ssh/id_rsa',
    content: () => Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET}\n`),
    refusal: /it is inside a hidden \(dot\) folder/,
  },
  {
    alt: 'text named png',
    file: 'Desktop/notes.png',
    content: () => Buffer.from(`${SECRET}\n`),
    refusal: /its content is not an image or other media file/,
  },
];

/** Outside files that are fine: the build must publish these (so the test can tell a refusal from a break). */
export const OUTSIDE_ALLOWED = [
  { alt: 'plain outside png', file: 'Pictures/ok.png', content: () => fixturePng(70) },
  {
    alt: 'typora linux folder',
    file: '.config/Typora/typora-user-images/image-20240201.png',
    content: () => fixturePng(71),
  },
] as const;

/** Writes every attack and allowed file under `home`. */
export function plantOutsideFiles(home: string): void {
  for (const { file, content } of [...OUTSIDE_ATTACKS, ...OUTSIDE_ALLOWED]) {
    const full = path.join(home, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content());
  }
}

/** A post that uses every outside file as an image, one per paragraph. */
export function attackPost(home: string, title = 'Attacks'): string {
  const images = [...OUTSIDE_ATTACKS, ...OUTSIDE_ALLOWED].map(
    ({ alt, file }) => `![${alt}](<${path.join(home, file)}>)`,
  );
  return `---\ntitle: ${title}\ndate: 2024-02-01 10:00:00\n---\n\n${images.join('\n\n')}\n`;
}

/** Every file under `dir` (links not followed, neither to files nor to folders) whose bytes contain the secret. */
export function filesWithSecret(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.readFileSync(full).includes(SECRET)) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found;
}
