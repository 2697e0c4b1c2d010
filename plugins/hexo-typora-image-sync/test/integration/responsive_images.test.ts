/**
 * A real `hexo generate` on a fixture site with screenshot-like images in every place a post's image can live
 * (resolved by the plugin, published by it from `post.assets/`, Hexo's `asset_img`, `source/images/`), then
 * `hexo clean` and a second build on the same cache: the variants exist, are what their srcset says, are
 * smaller than the originals, are never upscaled, and the second build encodes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type HexoRun, type Site } from '../support/hexo_site';
import { publicFileFor } from '../support/html_images';
import { makePng } from '../support/make_png';
import { animatedPng, textJpeg, textPng } from '../support/text_image';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

let site: Site;
let first: HexoRun;
let second: HexoRun;
let firstBytes: Map<string, Buffer>;

const SHOTS_PAGE = 'public/2024/01/02/shots/index.html';
const SECOND_PAGE = 'public/2024/01/03/second/index.html';

/** The plugin's <picture> elements (the author's own, without typed sources, left out). */
function pictures(page: string): { img: Element; sources: Element[] }[] {
  const document = parseDocument(fs.readFileSync(site.file(page), 'utf8'));
  return DomUtils.getElementsByTagName('picture', document)
    .map((picture) => ({
      img: DomUtils.getElementsByTagName('img', picture)[0] as Element,
      sources: DomUtils.getElementsByTagName('source', picture),
    }))
    .filter(({ sources }) => sources.every((source) => source.attribs.type));
}

function imgs(page: string): Element[] {
  return DomUtils.getElementsByTagName('img', parseDocument(fs.readFileSync(site.file(page), 'utf8')));
}

const publicFile = (url: string) => publicFileFor(site.file('public'), '/', url) as string;
const candidates = (srcset: string) =>
  srcset.split(', ').map((candidate) => {
    const [url, descriptor] = candidate.split(' ');
    return { url: url as string, width: Number(descriptor?.replace(/w$/, '')) };
  });

function variantFiles(): string[] {
  return fs
    .readdirSync(site.file('public'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(avif|webp)$/.test(f))
    .sort();
}

beforeAll(async () => {
  site = copyFixture('responsive-images');
  site.write(
    'source/_posts/shots/terminal wide.png',
    await textPng({ width: 2400, height: 1400, dark: true, fontSize: 40 }),
  );
  site.write(
    'source/_posts/shots.assets/editor.png',
    await textPng({ width: 1800, height: 1100, seed: 7, fontSize: 32 }),
  );
  site.write(
    'source/_posts/shots/narrow.png',
    await textPng({ width: 500, height: 300, seed: 3, fontSize: 16 }),
  );
  site.write(
    'source/images/site-wide.jpg',
    await textJpeg({ width: 1600, height: 1000, seed: 11, fontSize: 28 }),
  );
  site.write(
    'source/_posts/shots/figure.svg',
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>',
  );
  site.write('source/_posts/shots/animated.png', animatedPng(await textPng({ width: 900, height: 400 })));
  site.write('source/_posts/second/icon.png', makePng(24, 24, [200, 40, 40]));
  first = await site.hexo(['generate']);
  firstBytes = new Map(variantFiles().map((f) => [f, fs.readFileSync(path.join(site.file('public'), f))]));
  await site.hexo(['clean']);
  second = await site.hexo(['generate']);
}, 600_000);

afterAll(() => site?.remove());

describe('responsive variants on a real site', () => {
  it('builds without warnings and says what it encoded', () => {
    expect(first.code, first.output).toBe(0);
    expect(first.output).not.toMatch(/\bWARN\b/);
    expect(first.output).toMatch(
      /image variants: [1-9]\d* encoded, 0 from the cache \(\.cache\/typora-images\)/,
    );
  });

  it('wraps each local raster image in a <picture> whose <img> keeps the original URL, alt and size', () => {
    const found = pictures(SHOTS_PAGE).map(({ img }) => img.attribs.alt ?? img.attribs.title);
    // Resolved by the plugin; published by it from shots.assets/; Hexo's asset_img; a file under source/images/.
    expect(found).toEqual(['终端 截图', 'editor', 'a narrow one', 'from source/images']);
    for (const { img, sources } of pictures(SHOTS_PAGE)) {
      const original = publicFile(img.attribs.src as string);
      expect(fs.existsSync(original), img.attribs.src).toBe(true);
      expect(img.attribs.src).not.toMatch(/\.(avif|webp)$/);
      expect(Number(img.attribs.width)).toBeGreaterThan(0);
      expect(Number(img.attribs.height)).toBeGreaterThan(0);
      expect(sources.map((s) => s.attribs.type)).toEqual(['image/avif', 'image/webp']);
    }
  });

  it('serves variants that are what their srcset says, smaller than the original and never upscaled', async () => {
    let checked = 0;
    for (const { img, sources } of [...pictures(SHOTS_PAGE), ...pictures(SECOND_PAGE)]) {
      const original = publicFile(img.attribs.src as string);
      const { width, height } = await sharp(original).metadata();
      const originalBytes = fs.statSync(original).size;
      for (const source of sources) {
        expect(source.attribs.sizes).toMatch(/^\(max-width: \d+px\) calc\(100vw - 32px\), \d+px$/);
        for (const candidate of candidates(source.attribs.srcset as string)) {
          const file = publicFile(candidate.url);
          const metadata = await sharp(file).metadata();
          expect(metadata.format).toBe(source.attribs.type === 'image/avif' ? 'heif' : 'webp');
          expect(metadata.width).toBe(candidate.width);
          expect(candidate.width).toBeLessThanOrEqual(width as number);
          expect(
            Math.abs(
              (metadata.height as number) - ((height as number) * candidate.width) / (width as number),
            ),
          ).toBeLessThan(1);
          expect(fs.statSync(file).size).toBeLessThan(originalBytes);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('gives an image narrower than the widest width its own width as the largest variant', () => {
    const narrow = pictures(SHOTS_PAGE).find(({ img }) => img.attribs.title === 'a narrow one');
    for (const source of narrow?.sources ?? []) {
      expect(candidates(source.attribs.srcset as string).map((c) => c.width)).toEqual([400, 500]);
      expect(source.attribs.sizes).toBe('(max-width: 532px) calc(100vw - 32px), 500px');
    }
  });

  it('loads the first image of a post eagerly at high priority and the others lazily', () => {
    const [firstImg, ...rest] = pictures(SHOTS_PAGE).map(({ img }) => img.attribs);
    expect(firstImg).toMatchObject({ loading: 'eager', fetchpriority: 'high' });
    for (const attributes of rest) expect(attributes).toMatchObject({ loading: 'lazy', decoding: 'async' });
  });

  it('keeps one eager, high-priority image on an index page that shows both posts, the first', () => {
    const imgs = pictures('public/index.html').map(({ img }) => img.attribs);
    expect(imgs.length).toBeGreaterThan(2);
    expect(imgs.filter((attributes) => attributes.fetchpriority !== undefined)).toEqual([imgs[0]]);
    expect(imgs[0]).toMatchObject({ loading: 'eager', fetchpriority: 'high' });
    for (const attributes of imgs.slice(1)) expect(attributes.loading).toBe('lazy');
    // The posts' own pages still start with their eager image.
    expect(pictures(SECOND_PAGE)[0]?.img.attribs).toMatchObject({ loading: 'eager', fetchpriority: 'high' });
  });

  it('leaves alone SVG, animated PNG, other hosts, the author’s own <picture> and srcset, and code', () => {
    const html = fs.readFileSync(site.file(SHOTS_PAGE), 'utf8');
    const byAlt = new Map(imgs(SHOTS_PAGE).map((img) => [img.attribs.alt, img]));
    for (const alt of ['svg', 'apng', 'remote', 'own srcset']) {
      const img = byAlt.get(alt) as Element;
      expect(img, alt).toBeDefined();
      expect((img.parent as Element).name, alt).not.toBe('picture');
    }
    const own = byAlt.get('own picture') as Element;
    expect(DomUtils.getElementsByTagName('source', own.parent as Element)).toHaveLength(1);
    expect(html).toContain('&lt;<span class="name">img</span>');
    expect(
      fs.readdirSync(site.file('public/2024/01/02/shots')).filter((f) => f.startsWith('animated-')),
    ).toEqual([]);
  });

  it('keeps the original where no variant of a format is smaller, and shares one encoding between posts', () => {
    const [again, icon] = pictures(SECOND_PAGE);
    const shared = pictures(SHOTS_PAGE)[0];
    expect(again?.sources.map((s) => s.attribs.srcset)).toEqual(shared?.sources.map((s) => s.attribs.srcset));
    // The 88-byte icon: AVIF's container alone is larger, so only WebP is offered.
    expect(icon?.img.attribs.alt).toBe('tiny icon');
    expect(icon?.sources.map((s) => s.attribs.type)).toEqual(['image/webp']);
  });

  it('builds again after `hexo clean` from the cache: nothing encoded, the same files', () => {
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/image variants: 0 encoded, \d+ from the cache/);
    expect(fs.existsSync(site.file('.cache/typora-images'))).toBe(true);
    const files = variantFiles();
    expect(files).toEqual([...firstBytes.keys()]);
    for (const f of files)
      expect(fs.readFileSync(path.join(site.file('public'), f)).equals(firstBytes.get(f) as Buffer)).toBe(
        true,
      );
  });

  it('publishes every variant on a build without hexo clean, encoding nothing (db.json cache or not)', async () => {
    fs.rmSync(site.file('public'), { recursive: true });
    const run = await site.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    // Posts whose files the plugin publishes are rendered again on every build (publish boundary); the
    // others keep their cached content and their variants from db.json.
    expect(run.output).not.toMatch(/image variants: [1-9]\d* encoded/);
    expect(variantFiles()).toEqual([...firstBytes.keys()]);
  });

  it('hits the cache from another checkout (a restored CI cache) and follows root: /blog/', async () => {
    const other = copyFixture('responsive-images', { 'root: /': 'root: /blog/' });
    try {
      for (const file of fs.readdirSync(site.file('source'), { recursive: true, encoding: 'utf8' })) {
        if (/\.(png|jpg|svg)$/.test(file))
          other.write(`source/${file}`, fs.readFileSync(site.file(`source/${file}`)));
      }
      fs.cpSync(site.file('.cache'), other.file('.cache'), { recursive: true });
      const run = await other.hexo(['generate']);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toMatch(/image variants: 0 encoded, \d+ from the cache/);
      const html = fs.readFileSync(other.file(SHOTS_PAGE), 'utf8');
      const srcsets = [...html.matchAll(/srcset="([^"]+)"/g)].map((m) => m[1] as string);
      const urls = srcsets
        .flatMap((srcset) => candidates(srcset).map((c) => c.url))
        .filter((u) => /\.(avif|webp)$/.test(u));
      expect(urls.length).toBeGreaterThan(10);
      for (const url of urls) {
        expect(url).toMatch(/^\/blog\//);
        expect(fs.existsSync(publicFileFor(other.file('public'), '/blog/', url) as string), url).toBe(true);
      }
    } finally {
      other.remove();
    }
  });

  it('renders a cached post again when the author replaces a screenshot under the same name', async () => {
    site.write(
      'source/_posts/shots/narrow.png',
      await textPng({ width: 480, height: 320, seed: 9, fontSize: 16 }),
    );
    const run = await site.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/image variants: 4 encoded/);
    const narrow = pictures(SHOTS_PAGE).find(({ img }) => img.attribs.title === 'a narrow one');
    expect(narrow?.img.attribs).toMatchObject({ width: '480', height: '320' });
    for (const source of narrow?.sources ?? []) {
      const widest = candidates(source.attribs.srcset as string).at(-1);
      expect(widest?.width).toBe(480);
      expect((await sharp(publicFile(widest?.url as string)).metadata()).height).toBe(320);
    }
  });

  it('is off with typora.images: false: plain <img>, no variants', async () => {
    fs.appendFileSync(site.file('_config.yml'), '\ntypora:\n  images: false\n');
    await site.hexo(['clean']);
    const run = await site.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expect(fs.readFileSync(site.file(SHOTS_PAGE), 'utf8')).not.toContain('<picture><source type');
    expect(variantFiles()).toEqual([]);
  });
});
