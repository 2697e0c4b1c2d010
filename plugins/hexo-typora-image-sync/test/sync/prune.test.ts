/**
 * `--prune` moves only what nothing could use. Each way a site names a file of a post folder is tried: a
 * page, front matter, a site URL (by the post's name or its slug), an HTML page, a data file, a theme, a
 * post that sync cannot read, a permalink that does not show the post's name. Each such file stays where it
 * is, with its reason; a file nothing names is moved, so the test also shows that pruning happens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncPosts } from '../../src/sync/sync_posts';
import { fixturePng } from '../support/make_png';
import { makeSyncSite, type SyncSite } from './sync_site';

let s: SyncSite;
beforeEach(async () => {
  s = makeSyncSite();
  // Everything in its final form first, so that only the files added below are in question.
  await syncPosts({ ...s.settings, orphans: 'prune' });
});
afterEach(() => s.remove());

let seed = 700;
const image = (relative: string) => s.site.write(relative, fixturePng(seed++));
const kept = (report: Awaited<ReturnType<typeof syncPosts>>) =>
  Object.fromEntries(report.kept.map((k) => [path.relative(s.site.dir, k.file), k.reason]));
const moved = (report: Awaited<ReturnType<typeof syncPosts>>) =>
  report.pruned.map((m) => path.relative(s.site.dir, m.from)).sort();

describe('sync --prune keeps every file something names', () => {
  it('keeps files named by pages, front matter, site URLs, HTML, data files and themes; moves the rest', async () => {
    const files = {
      page: 'source/_posts/hello/gallery.png',
      cover: 'source/_posts/hello/cover.png',
      thumbnail: 'source/_posts/hello/thumb.png',
      banner: 'source/_posts/hello/banner.png',
      url: 'source/_posts/hello/by-url.png',
      html: 'source/_posts/hello/in-html.png',
      data: 'source/_posts/hello/in-data.png',
      theme: 'source/_posts/hello/in-theme.png',
      encoded: 'source/_posts/hello/图 1.png',
      slug: 'source/_posts/clean/slugged.png',
      shared: 'source/_posts/assets/logo.png',
      orphan: 'source/_posts/hello/orphan-2.png',
    };
    for (const file of Object.values(files)) image(file);
    s.site.write(
      'source/gallery/index.md',
      '---\ntitle: Gallery\n---\n\n![g](../_posts/hello/gallery.png)\n',
    );
    const hello = s.read('source/_posts/hello.md');
    s.site.write(
      'source/_posts/hello.md',
      hello.replace('tags: [typora]', 'tags: [typora]\ncover: cover.png\nthumbnail: hello/thumb.png'),
    );
    const clean = s
      .read('source/_posts/clean.md')
      .replace('title:', 'slug: clean-slug\nbanner: /2024/01/02/hello/banner.png\ntitle:');
    s.site.write(
      'source/_posts/clean.md',
      `${clean}\nSee [it](https://example.com/2024/01/02/hello/by-url.png).\n`,
    );
    s.site.write('source/demo.html', '<p><img src="/2024/01/02/hello/in-html.png"></p>\n');
    s.site.write('source/_data/gallery.yml', 'photos:\n  - /2024/01/02/hello/in-data.png\n');
    s.site.write(
      'themes/plain/layout/page.njk',
      '{{ page.content }}<img src="/2024/01/02/hello/in-theme.png">\n',
    );
    s.site.write(
      'source/about/index.md',
      '![x](/2024/01/02/hello/%E5%9B%BE%201.png)\n\n![y](/2024/01/04/clean-slug/slugged.png)\n',
    );
    s.site.write('source/links/index.md', '[logo](../_posts/assets/logo.png)\n');

    const report = await syncPosts({ ...s.settings, orphans: 'prune' });
    expect(moved(report)).toEqual([files.orphan]);
    const reasons = kept(report);
    expect(reasons[files.page]).toBe('source/gallery/index.md names it (as hello/gallery.png)');
    expect(reasons[files.cover]).toBe('source/_posts/hello.md names it (as cover.png)');
    expect(reasons[files.thumbnail]).toBe('source/_posts/hello.md names it (as hello/thumb.png)');
    expect(reasons[files.banner]).toBe('source/_posts/clean.md names it (as hello/banner.png)');
    expect(reasons[files.url]).toBe('source/_posts/clean.md names it (as hello/by-url.png)');
    expect(reasons[files.html]).toBe('source/demo.html names it (as hello/in-html.png)');
    expect(reasons[files.data]).toBe('source/_data/gallery.yml names it (as hello/in-data.png)');
    expect(reasons[files.theme]).toBe('themes/plain/layout/page.njk names it (as hello/in-theme.png)');
    expect(reasons[files.encoded]).toBe('source/about/index.md names it (as hello/图 1.png)');
    expect(reasons[files.slug]).toBe('source/about/index.md names it (as clean-slug/slugged.png)');
    expect(reasons[files.shared]).toBe('source/links/index.md names it (as assets/logo.png)');
    for (const [name, file] of Object.entries(files)) {
      expect(fs.existsSync(s.file(file)), name).toBe(name !== 'orphan');
    }
  });

  it('keeps what a post it cannot read might use, and says why', async () => {
    // A Latin-1 post: its bytes spell café.png otherwise than the UTF-8 file name, and its own folder is unknown.
    image('source/_posts/assets/café.png');
    image('source/_posts/latin1/own.png');
    image('source/_posts/assets/ascii-name.png');
    s.site.write(
      'source/_posts/latin1.md',
      Buffer.concat([
        Buffer.from('---\ntitle: Latin-1\n---\n\n![c](assets/caf'),
        Buffer.from([0xe9]),
        Buffer.from('.png)\n\n![a](assets/ascii-name.png)\n'),
      ]),
    );
    const report = await syncPosts({ ...s.settings, orphans: 'prune' });
    expect(report.problems.map((p) => `${p.file}: ${p.problem}`)).toContain(
      'source/_posts/latin1.md: the post is not valid UTF-8 text',
    );
    expect(moved(report)).toEqual([]);
    expect(kept(report)).toEqual({
      'source/_posts/assets/café.png':
        'source/_posts/latin1.md is not UTF-8 text and may name it in another encoding',
      'source/_posts/latin1/own.png':
        'its post source/_posts/latin1.md cannot be read as a post, so what it uses is unknown',
      'source/_posts/assets/ascii-name.png': 'source/_posts/latin1.md names it (as assets/ascii-name.png)',
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'moves nothing while a text of the site cannot be read',
    async () => {
      image('source/_posts/hello/unnamed.png');
      // A page whose read fails (EIO): it could name anything.
      fs.mkdirSync(s.file('source/notes'), { recursive: true });
      fs.symlinkSync('/proc/self/mem', s.file('source/notes/mem.md'));
      const report = await syncPosts({ ...s.settings, orphans: 'prune' });
      expect(report.pruned).toEqual([]);
      expect(kept(report)).toEqual({
        'source/_posts/hello/unnamed.png': 'source/notes/mem.md cannot be read, so what it names is unknown',
      });
    },
  );

  it('keeps a post folder file a URL may name when the permalink does not show the post', async () => {
    image('source/_posts/hello/abbr.png');
    image('source/_posts/hello/really-unused.png');
    s.site.write('source/about/index.md', '![x](/p/4a17b156/abbr.png)\n');
    const report = await syncPosts({ ...s.settings, permalink: 'p/:abbrlink/', orphans: 'prune' });
    expect(kept(report)['source/_posts/hello/abbr.png']).toBe(
      "source/about/index.md names it (as …/abbr.png), and the site's permalink does not show which post a URL belongs to",
    );
    expect(moved(report)).toEqual(['source/_posts/hello/really-unused.png']);
  });

  it('never moves what is not an image or other media', async () => {
    s.site.write('source/_posts/hello/notes-private.txt', 'notes\n');
    s.site.write('source/_posts/hello/source.psd', '8BPS');
    const report = await syncPosts({ ...s.settings, orphans: 'prune' });
    expect(report.pruned).toEqual([]);
    expect(fs.existsSync(s.file('source/_posts/hello/notes-private.txt'))).toBe(true);
    expect(fs.existsSync(s.file('source/_posts/hello/source.psd'))).toBe(true);
  });
});
