/**
 * A real `hexo generate` on a fixture site that uses every image form Typora writes, at `root: /` and
 * `root: /blog/`: every <img src> must reach a file in public/ with the bytes of the file the author meant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type HexoRun, type Site } from '../support/hexo_site';
import { imagesIn, linksIn, publicFileFor, textIn } from '../support/html_images';
import { fixturePng } from '../support/make_png';

/** alt text in the fixture → the file (relative to the site, or absolute under the fake home) it must show. */
const EXPECTED: Record<string, string> = {
  'custom folder': 'source/_posts/hello/x.png',
  'dot slash': 'source/_posts/hello/dot.png',
  'bare name': 'source/_posts/hello/bare.png',
  nested: 'source/_posts/hello/sub/nested.png',
  'windows backslash': 'source/_posts/hello/win/back.png',
  'with title': 'source/_posts/hello/titled.png',
  'upper case extension': 'source/_posts/hello/UPPER.PNG',
  'no extension': 'source/_posts/hello/noext',
  parens: 'source/_posts/hello/shot(1).png',
  'percent encoded cjk': 'source/_posts/hello/图片 1.png',
  'raw cjk with space': 'source/_posts/hello/截图 2.png',
  'angle brackets': 'source/_posts/hello/截图 2.png',
  'dot assets': 'source/_posts/hello.assets/image-20240102.png',
  'shared assets': 'source/_posts/assets/shared.png',
  'beside the post': 'source/_posts/beside.png',
  'up and over': 'source/images/up.png',
  'site root': 'source/images/root.png',
  'typora zoom': 'source/_posts/hello/zoom.png',
  'zoom with other style': 'source/_posts/hello/zoom2.png',
  'raw html sized': 'source/_posts/hello/sized.png',
  'inline html': 'source/_posts/hello/inline.png',
  'reference image': 'source/_posts/hello/ref.png',
  'typora user images': 'HOME/Library/Application Support/typora-user-images/image-20240102101010.png',
  'encoded absolute': 'HOME/Library/Application Support/typora-user-images/enc oded.png',
  'linux typora': 'HOME/.config/Typora/typora-user-images/linux.png',
  'file url': 'HOME/Desktop/file url.png',
  'case mismatch': 'source/_posts/hello/case.png',
  'typora root url': 'source/_posts/root-url/pic.png',
  'same name other file': 'source/_posts/root-url.assets/image.png',
  'same name': 'source/_posts/other.assets/image.png',
  'page asset folder': 'source/about/index/p.png',
  'beside page': 'source/about/page.png',
};

/** Images that must not be shown from a local file (refused or missing): they keep their original src. */
const NOT_PUBLISHED = [
  'missing image',
  'bad percent',
  'another computer',
  'windows',
  'secret env',
  'passwd',
  'hidden folder',
  'fake image',
  'env beside the post',
  'a draft',
  'private folder',
  'unreadable',
];

interface Variant {
  root: string;
  permalink: string;
  /** Where the hello post's page and assets land, relative to public/. */
  postPage: string;
  postDir: string;
  rootUrlPage: string;
}

const VARIANTS: Variant[] = [
  {
    root: '/',
    permalink: ':year/:month/:day/:title/',
    postPage: '2024/01/02/hello/index.html',
    postDir: '2024/01/02/hello/',
    rootUrlPage: '2024/01/03/root-url/index.html',
  },
  {
    root: '/blog/',
    permalink: ':year/:month/:day/:title/',
    postPage: '2024/01/02/hello/index.html',
    postDir: '2024/01/02/hello/',
    rootUrlPage: '2024/01/03/root-url/index.html',
  },
  {
    root: '/blog/',
    permalink: ':year/:title.html',
    postPage: '2024/hello.html',
    postDir: '2024/hello/',
    rootUrlPage: '2024/root-url.html',
  },
];

function buildSite(variant: Variant): { site: Site; home: string; expectedFile: (alt: string) => string } {
  let home = '';
  const site = copyFixture('typora-forms', (dir) => {
    home = path.join(dir, 'author-home');
    return { TMPDIR_ENCODED: home.split('/').map(encodeURIComponent).join('/'), TMPDIR: home };
  });
  const expectedFile = (alt: string): string => {
    const target = EXPECTED[alt] as string;
    return target.startsWith('HOME/') ? path.join(home, target.slice(5)) : site.file(target);
  };
  let seed = 1;
  for (const alt of Object.keys(EXPECTED)) {
    const file = expectedFile(alt);
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, fixturePng(seed++));
  }
  site.write('source/_posts/hello/paper.pdf', '%PDF-1.4\n% fixture\n');
  site.write('.env', 'SECRET_TOKEN=do-not-publish\n');
  // Inside source/ but kept private by Hexo: a dot file beside the post, a draft, a _ folder.
  site.write('source/_posts/.env.local', 'SECRET_LOCAL=do-not-publish\n');
  site.write('source/_drafts/secret-draft.md', '---\ntitle: Draft\n---\nSECRET draft text\n');
  site.write('source/_data/keys.png', fixturePng(98));
  site.write('author-home/.ssh/id_rsa.png', fixturePng(99));
  site.write('author-home/Desktop/not-an-image.png', 'SECRET=this is text, not an image\n');
  const config = fs
    .readFileSync(site.file('_config.yml'), 'utf8')
    .replace('root: /', `root: ${variant.root}`)
    .replace(/^permalink: .*$/m, `permalink: ${variant.permalink}`);
  site.write('_config.yml', config);
  return { site, home, expectedFile };
}

function lineOf(site: Site, relative: string, needle: string): number {
  const lines = fs.readFileSync(site.file(relative), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${relative}`);
  return index + 1;
}

describe.each(VARIANTS)('hexo generate with root $root and permalink $permalink', (variant) => {
  const { root, postDir } = variant;
  let built: ReturnType<typeof buildSite>;
  let run: HexoRun;
  const publicDir = () => built.site.file('public');
  const postPage = () => path.join(publicDir(), variant.postPage);

  beforeAll(async () => {
    built = buildSite(variant);
    // The author's home: Typora's Linux image folder (~/.config/Typora/…) is the one dot-folder allowed.
    run = await built.site.hexo(['generate'], { HOME: built.home });
  });
  afterAll(() => built.site.remove());

  it('builds without failing', () => {
    expect(run.code, run.output).toBe(0);
  });

  it('shows every Typora form with the bytes of the file the author meant', () => {
    const pages = [
      postPage(),
      path.join(publicDir(), variant.rootUrlPage),
      path.join(publicDir(), 'about/index.html'),
    ];
    const seen = new Set<string>();
    for (const page of pages) {
      for (const image of imagesIn(page)) {
        if (!(image.alt in EXPECTED)) continue;
        seen.add(image.alt);
        expect(image.src.startsWith(root), `${image.alt}: ${image.src}`).toBe(true);
        const served = publicFileFor(publicDir(), root, image.src);
        expect(served && fs.existsSync(served), `${image.alt}: ${image.src} is not in public/`).toBe(true);
        expect(
          fs.readFileSync(served as string).equals(fs.readFileSync(built.expectedFile(image.alt))),
          image.alt,
        ).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives the index page excerpt the same working URL', () => {
    const index = imagesIn(path.join(publicDir(), 'index.html')).find((i) => i.alt === 'custom folder');
    expect(index?.src).toBe(`${root}${postDir}x.png`);
    expect(imagesIn(path.join(publicDir(), 'index.html')).some((i) => i.alt === 'dot slash')).toBe(false);
  });

  it('percent-encodes URLs and keeps titles, sizes and attributes', () => {
    const images = new Map(imagesIn(postPage()).map((i) => [i.alt, i]));
    expect(images.get('percent encoded cjk')?.src).toBe(`${root}${postDir}%E5%9B%BE%E7%89%87%201.png`);
    expect(images.get('parens')?.src).toBe(`${root}${postDir}shot%281%29.png`);
    expect(images.get('with title')?.attributes.title).toBe('A title');
    // The raw HTML image keeps the author's width and gets no height added.
    expect(images.get('raw html sized')?.attributes).toMatchObject({ width: '33' });
    expect(images.get('raw html sized')?.attributes.height).toBeUndefined();
    // Typora's zoom:50% becomes half the pixel size of the file.
    const zoomed = images.get('typora zoom');
    const png = fs.readFileSync(built.expectedFile('typora zoom'));
    expect(zoomed?.attributes.width).toBe(String(Math.round(png.readUInt32BE(16) / 2)));
    expect(zoomed?.attributes.height).toBe(String(Math.round(png.readUInt32BE(20) / 2)));
    expect(zoomed?.attributes.style).toBeUndefined();
    const zoom2 = images.get('zoom with other style');
    const png2 = fs.readFileSync(built.expectedFile('zoom with other style'));
    expect(zoom2?.attributes).toMatchObject({
      style: 'border: 1px solid red',
      width: String(Math.max(1, Math.round(png2.readUInt32BE(16) / 4))),
    });
    const plain = images.get('custom folder');
    const x = fs.readFileSync(built.expectedFile('custom folder'));
    expect(plain?.attributes).toMatchObject({
      width: String(x.readUInt32BE(16)),
      height: String(x.readUInt32BE(20)),
    });
  });

  it('links attachments, keeping the fragment', () => {
    const links = linksIn(postPage());
    expect(links.find((l) => l.text === 'the paper')?.href).toBe(`${root}${postDir}paper.pdf`);
    expect(links.find((l) => l.text === 'page two')?.href).toBe(`${root}${postDir}paper.pdf#page=2`);
    expect(fs.existsSync(path.join(publicDir(), postDir, 'paper.pdf'))).toBe(true);
  });

  it('never changes code, external URLs, data URIs or anchors', () => {
    const text = textIn(postPage());
    expect(text).toContain('![code sample](hello/x.png)\n<img src="hello/zoom.png">');
    expect(text).toContain('![inline code](hello/x.png)');
    const images = new Map(imagesIn(postPage()).map((i) => [i.alt, i]));
    expect(images.get('external')?.src).toBe('https://example.com/a.png');
    expect(images.get('data')?.src).toBe('data:image/gif;base64,R0lGODlhAQABAAAAACw=');
    expect(linksIn(postPage()).find((l) => l.text === 'anchor')?.href).toBe('#must-stay-as-written');
  });

  it('publishes nothing that is not an image from outside source/', () => {
    const all = fs.readdirSync(publicDir(), { recursive: true, encoding: 'utf8' });
    expect(all.filter((f) => /passwd|\.env|id_rsa|not-an-image|secret-draft|keys/.test(f))).toEqual([]);
    for (const file of all) {
      const full = path.join(publicDir(), file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full, 'utf8')).not.toContain('SECRET');
    }
    const images = new Map(imagesIn(postPage()).map((i) => [i.alt, i]));
    for (const alt of NOT_PUBLISHED) {
      expect(images.get(alt)?.src ?? '', alt).not.toMatch(new RegExp(`^${root}2024/`));
    }
  });

  it('warns once per problem, naming the file and line', () => {
    const post = 'source/_posts/hello.md';
    const expectLine = (needle: string, pattern: RegExp) => {
      const line = lineOf(built.site, post, needle);
      const matching = run.output.split('\n').filter((l) => l.includes(`${post}:${line}: `));
      expect(matching.length, `${needle}\n${run.output}`).toBe(1);
      expect(matching[0]).toMatch(pattern);
    };
    expectLine(
      '(hello/missing.png)',
      /image "hello\/missing\.png" not found \(looked in: source\/_posts\/hello\/missing\.png\) — put the file in source\/_posts\/hello\/ /,
    );
    expectLine(
      '(hello/Case.PNG)',
      /exists only as "source\/_posts\/hello\/case\.png" \(different letter case\)/,
    );
    expectLine('(hello/%E5%9B.png)', /bad percent-encoding/);
    expectLine('gone.png', /path on the author's computer.*hexo typora sync/);
    expectLine('win.png', /path on the author's computer.*hexo typora sync/);
    expectLine('(../../.env)', /never copied or published: it is a hidden \(dot\) file/);
    expectLine('etc/passwd', /never copied or published: its content is not an image/);
    expectLine('id_rsa.png', /never copied or published: it is inside a hidden \(dot\) folder/);
    expectLine('not-an-image.png', /never copied or published: its content is not an image/);
    // A file of the operating system (it fails to read, EIO at offset 0): a warning, not a crash.
    expectLine('(/proc/self/mem)', /never copied or published: it is a file of the operating system/);
    expectLine('(.env.local)', /never copied or published: it is a hidden \(dot\) file/);
    expectLine('secret-draft.md', /never copied or published: it is a draft \(source\/_drafts\/\)/);
    expectLine(
      'keys.png',
      /never copied or published: Hexo keeps files and folders starting with _ in source\/ private/,
    );
  });

  it('fails the build in strict mode and publishes nothing from outside the site folder', async () => {
    const strict = await built.site.hexo(['generate'], { HEXO_TYPORA_STRICT: '1' });
    expect(strict.code).not.toBe(0);
    expect(strict.output).toMatch(/image problem\(s\) in strict mode/);
    expect(strict.output).toContain('source/_posts/hello.md:');
  });
});
