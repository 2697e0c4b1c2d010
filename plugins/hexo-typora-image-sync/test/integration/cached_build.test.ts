/**
 * Every `hexo generate` decides again about what it publishes, though db.json caches rendered posts and
 * nobody runs `hexo clean` in between: a file swapped for a link to a key after one build is not published
 * by the next, and an image a strict build refused is published (and shown) by the next ordinary build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { filesWithSecret, SECRET } from '../support/attack_files';
import { copyFixture, type Site } from '../support/hexo_site';
import { imagesIn, publicFileFor } from '../support/html_images';
import { fixturePng } from '../support/make_png';

const POST = 'source/_posts/cached.md';
const PAGE = 'public/2024/03/01/cached/index.html';

let site: Site;
let home: string;
let picture: string;
let key: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-cached-home-'));
  picture = path.join(home, 'Pictures/shot.png');
  key = path.join(home, '.ssh/id_rsa');
  fs.mkdirSync(path.dirname(picture), { recursive: true });
  fs.mkdirSync(path.dirname(key), { recursive: true });
  fs.writeFileSync(picture, fixturePng(90));
  fs.writeFileSync(key, `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET}\n`);
  site = copyFixture('minimal');
  site.write(
    POST,
    `---\ntitle: Cached\ndate: 2024-03-01 10:00:00\n---\n\n![shot](${picture})\n\n![own](cached/own.png)\n`,
  );
  site.write('source/_posts/cached/own.png', fixturePng(91));
});
afterEach(() => {
  site.remove();
  fs.rmSync(home, { recursive: true, force: true });
});

const generate = (extra: NodeJS.ProcessEnv = {}) => site.hexo(['generate'], { HOME: home, ...extra });

function shown(alt: string): Buffer | undefined {
  const image = imagesIn(site.file(PAGE)).find((i) => i.alt === alt);
  const file = image && publicFileFor(site.file('public'), '/', image.src);
  return file && fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

it('does not publish a key that replaced an image after the last build', async () => {
  const first = await generate();
  expect(first.code, first.output).toBe(0);
  expect(shown('shot')?.equals(fixturePng(90))).toBe(true);

  fs.rmSync(picture);
  fs.symlinkSync(key, picture);
  fs.rmSync(site.file('source/_posts/cached/own.png'));
  fs.symlinkSync(key, site.file('source/_posts/cached/own.png'));
  const second = await generate();
  expect(second.code, second.output).toBe(0);
  expect(second.output).toMatch(
    /source\/_posts\/cached\.md:6: image ".*shot\.png" points at .*id_rsa, which is never/,
  );
  expect(second.output).toMatch(/source\/_posts\/cached\/own\.png: is a symbolic link to .*id_rsa, outside/);
  expect(filesWithSecret(site.file('public'))).toEqual([]);
  expect(fs.existsSync(site.file('public/2024/03/01/cached/shot.png'))).toBe(false);
  expect(fs.existsSync(site.file('public/2024/03/01/cached/own.png'))).toBe(false);
});

it('does not publish a secret written over an image in place after the last build', async () => {
  expect((await generate()).code).toBe(0);
  fs.writeFileSync(picture, `${SECRET}\n`);
  const second = await generate();
  expect(second.output).toMatch(/cached\.md:6: .*its content is not an image/);
  expect(filesWithSecret(site.file('public'))).toEqual([]);
});

it('publishes and shows an image the strict build before refused', async () => {
  const strict = await generate({ HEXO_TYPORA_STRICT: '1' });
  expect(strict.code).not.toBe(0);
  expect(strict.output).toMatch(/cached\.md:6: .*strict mode publishes nothing from there/);
  const ordinary = await generate();
  expect(ordinary.code, ordinary.output).toBe(0);
  expect(shown('shot')?.equals(fixturePng(90))).toBe(true);
  expect(shown('own')?.equals(fixturePng(91))).toBe(true);
});
