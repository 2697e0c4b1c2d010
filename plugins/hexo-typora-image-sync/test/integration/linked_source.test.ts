/**
 * A site whose source/ is a symbolic link (a common way to keep notes in a Typora library folder):
 * files reached through it are inside source/, not "outside", even in strict mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { copyFixture } from '../support/hexo_site';
import { imagesIn, publicFileFor } from '../support/html_images';
import { fixturePng } from '../support/make_png';

const site = copyFixture('minimal');
afterAll(() => {
  site.remove();
  fs.rmSync(`${site.dir}-notes`, { recursive: true, force: true });
});

it('publishes hello.assets/ and files beside the post through a linked source/ in strict mode', async () => {
  site.write('source/_posts/hello.assets/a.png', fixturePng(1));
  site.write('source/_posts/beside.png', fixturePng(2));
  fs.renameSync(site.file('source'), `${site.dir}-notes`);
  fs.symlinkSync(`${site.dir}-notes`, site.file('source'));

  const run = await site.hexo(['generate'], { HEXO_TYPORA_STRICT: '1' });
  expect(run.code, run.output).toBe(0);
  const images = imagesIn(site.file('public/2024/01/02/hello/index.html'));
  expect(images.map((i) => i.src)).toEqual(['/2024/01/02/hello/a.png', '/2024/01/02/hello/beside.png']);
  for (const [image, source] of [
    [images[0], 'hello.assets/a.png'],
    [images[1], 'beside.png'],
  ] as const) {
    const served = publicFileFor(site.file('public'), '/', image?.src ?? '') as string;
    expect(
      fs.readFileSync(served).equals(fs.readFileSync(path.join(`${site.dir}-notes/_posts`, source))),
    ).toBe(true);
  }
});
