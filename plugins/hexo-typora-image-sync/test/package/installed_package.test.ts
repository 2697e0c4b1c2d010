/**
 * The package as users install it. `npm pack` runs on a copy of the package folder (so `prepack` must build
 * it with nothing else from the repository), and the tarball is installed by `npm ci` into fresh sites for
 * the supported range: Hexo 7.3 + hexo-renderer-marked 6, Hexo 8.1 + hexo-renderer-marked 7, and Hexo 8.1 +
 * hexo-renderer-markdown-it, which the plugin does not support and must leave alone. In the marked sites the
 * real `hexo generate`, `hexo typora check` and `hexo typora sync` run, and every image on the post page and on
 * the index page must give, resolved as a browser does, the bytes of the file the author meant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFromSite, sameBytes } from '../comparison/reader_view';
import { imagesIn, textIn } from '../support/html_images';
import { makePng } from '../support/make_png';
import { treeHashes } from '../sync/sync_site';
import {
  INSTALLED_FIXTURES,
  type InstalledSite,
  installSite,
  makeWorkDir,
  type Packed,
  PLUGIN_DIR,
  packPlugin,
  TARBALL_NAME,
} from './installed_site';

const SITE_URL = 'https://example.github.io/blog/';
const POST_URL = `${SITE_URL}2024/01/02/hello/`;
const POST_PAGE = 'public/2024/01/02/hello/index.html';
const INDEX_PAGE = 'public/index.html';
const MARKDOWN_IT_WARNING = 'hexo-typora-image-sync needs hexo-renderer-marked';

interface Setup {
  hexo: string;
  renderer: string;
  rendererVersion: string;
}
const MARKED_SETUPS: Record<string, Setup> = {
  'hexo-7.3-marked-6': { hexo: '7.3.0', renderer: 'hexo-renderer-marked', rendererVersion: '6.3.0' },
  'hexo-8.1-marked-7': { hexo: '8.1.2', renderer: 'hexo-renderer-marked', rendererVersion: '7.0.1' },
};
const MARKDOWN_IT: Record<string, Setup> = {
  'hexo-8.1-markdown-it': { hexo: '8.1.2', renderer: 'hexo-renderer-markdown-it', rendererVersion: '7.1.1' },
};
const SETUPS = { ...MARKED_SETUPS, ...MARKDOWN_IT };

/** The images of fixtures/installed/site/source/_posts/hello.md: alt text → where the author put the file. */
const IMAGES = {
  'asset folder': 'source/_posts/hello/pasted.png',
  'assets folder': 'source/_posts/hello.assets/older.png',
  zoomed: 'source/_posts/hello/resized.png',
  outside: 'HOME/Desktop/dragged.png',
} as const;
type Alt = keyof typeof IMAGES;
const PIXELS: Record<Alt, Buffer> = {
  'asset folder': makePng(12, 8, [200, 30, 30]),
  'assets folder': makePng(16, 6, [30, 200, 30]),
  // Typora's zoom:50% on a 40×20 image: the page must say 20×10.
  zoomed: makePng(40, 20, [30, 30, 200]),
  outside: makePng(10, 14, [120, 120, 0]),
};

let work: string;
let packed: Packed;
const sites = new Map<string, InstalledSite>();

beforeAll(async () => {
  work = makeWorkDir();
  // A compiled file whose source is gone must not reach the tarball: prepack starts from an empty dist/.
  packed = await packPlugin(work, { 'dist/removed_module.js': 'module.exports = "stale";\n' });
  // The installs are mostly waiting on the disk; side by side they take little longer than one.
  const installed = await Promise.all(
    Object.keys(SETUPS).map((setup) => installSite(setup, packed.tarball, work)),
  );
  for (const site of installed) {
    for (const [alt, file] of Object.entries(IMAGES)) {
      const target = fileOf(site, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, PIXELS[alt as Alt]);
    }
    sites.set(site.setup, site);
  }
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function fileOf(site: InstalledSite, file: string): string {
  return file.startsWith('HOME/') ? path.join(site.home, file.slice('HOME/'.length)) : site.file(file);
}

function site(setup: string): InstalledSite {
  const found = sites.get(setup);
  if (!found) throw new Error(`site ${setup} was not installed`);
  return found;
}

describe('the tarball', () => {
  it('holds the compiled plugin, its sources, README, LICENSE, CHANGELOG and package.json, nothing else', () => {
    const sources = packed.files.filter((file) => file.startsWith('src/'));
    expect(sources.length).toBeGreaterThan(10);
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
      ...sources,
      ...sources.flatMap((source) => {
        const base = source.replace(/^src\//, 'dist/').replace(/\.ts$/, '');
        return [`${base}.d.ts`, `${base}.d.ts.map`, `${base}.js`, `${base}.js.map`];
      }),
    ].sort();
    expect(packed.files).toEqual(expected);
    // Every source is a TypeScript module of the plugin (no tests, no fixtures).
    for (const source of sources) expect(source).toMatch(/^src\/[\w/]+\.ts$/);
  });

  it('has source maps and declaration maps that resolve to the shipped sources', () => {
    const maps = packed.files.filter((file) => file.endsWith('.map'));
    expect(maps.length).toBe(packed.files.filter((file) => file.startsWith('src/')).length * 2);
    for (const map of maps) {
      const compiled = map.replace(/\.map$/, '');
      const text = fs.readFileSync(path.join(packed.unpacked, compiled), 'utf8');
      expect(text.trimEnd().endsWith(`//# sourceMappingURL=${path.basename(map)}`), compiled).toBe(true);
      const { sources } = JSON.parse(fs.readFileSync(path.join(packed.unpacked, map), 'utf8'));
      expect(sources, map).toHaveLength(1);
      const source = path.posix.join(path.posix.dirname(map), sources[0]);
      expect(packed.files, `${map} → ${source}`).toContain(source);
      expect(source).toBe(compiled.replace(/^dist\//, 'src/').replace(/(\.d)?\.ts$|\.js$/, '.ts'));
    }
  });

  it('is the package.json of the repository, which names what it supports', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(packed.unpacked, 'package.json'), 'utf8'));
    const source = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
    expect(shipped).toEqual(source);
    expect(shipped.peerDependencies).toEqual({ hexo: '>=7.3.0 <9', 'hexo-renderer-marked': '>=6.0.0 <8' });
    expect(shipped.peerDependenciesMeta).toEqual({ 'hexo-renderer-marked': { optional: true } });
  });
});

describe('the fixture sites', () => {
  it.each(Object.keys(SETUPS))(
    '%s: its lock installs the plugin with the dependencies it has now',
    (setup) => {
      // `npm ci` installs what the lock lists; a lock written for other dependencies of the plugin would test a
      // tree no user gets.
      const lock = JSON.parse(
        fs.readFileSync(path.join(INSTALLED_FIXTURES, setup, 'package-lock.json'), 'utf8'),
      );
      const locked = lock.packages['node_modules/hexo-typora-image-sync'];
      const source = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
      const fields = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta'];
      const pick = (manifest: Record<string, unknown>) => fields.map((field) => manifest[field] ?? {});
      expect(
        pick(locked),
        'run: node plugins/hexo-typora-image-sync/test/package/update_site_locks.mjs',
      ).toEqual(pick(source));
      expect(locked.resolved).toBe(`file:${TARBALL_NAME}`);
      // No integrity: npm ci would install the cached tarball with that hash instead of the one just packed.
      expect(locked.integrity).toBeUndefined();
    },
  );

  it.each(Object.entries(SETUPS))('%s installs the versions it is named for', (setup, expected) => {
    const s = site(setup);
    expect(s.installed('hexo').version).toBe(expected.hexo);
    expect(s.installed(expected.renderer).version).toBe(expected.rendererVersion);
    const source = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
    expect(s.installed('hexo-typora-image-sync')).toEqual(source);
  });
});

describe.each(Object.keys(MARKED_SETUPS))('installed in %s', (setup) => {
  /** Every image on the page, by alt text → whether the browser gets the author's file there. */
  function imagesOnPage(s: InstalledSite, page: string, pageUrl: string) {
    return Object.fromEntries(
      imagesIn(s.file(page)).map((image) => {
        const fetched = fetchFromSite(s.file('public'), SITE_URL, pageUrl, image.src);
        const meant = IMAGES[image.alt as Alt];
        const ok = fetched.ok && meant !== undefined && sameBytes(fetched.file, fileOf(s, meant));
        return [
          image.alt,
          { src: image.src, ok, width: image.attributes.width, height: image.attributes.height },
        ];
      }),
    );
  }

  function expectEveryImageServed(s: InstalledSite): void {
    for (const [page, pageUrl] of [
      [POST_PAGE, POST_URL],
      [INDEX_PAGE, SITE_URL],
    ] as const) {
      const images = imagesOnPage(s, page, pageUrl);
      expect(Object.keys(images).sort(), page).toEqual(Object.keys(IMAGES).sort());
      for (const [alt, image] of Object.entries(images))
        expect(image.ok, `${page}: ${alt} ${image.src}`).toBe(true);
      expect(images.zoomed, page).toMatchObject({ width: '20', height: '10' });
      // The code span is text, not an image.
      expect(textIn(s.file(page))).toContain('![code](hello/pasted.png)');
    }
  }

  it('hexo generate: every image works on the post page and on the index page', async () => {
    const s = site(setup);
    const run = await s.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/hello\.md:\d+/);
    expectEveryImageServed(s);
  });

  it('hexo typora check names the two images outside the asset folder, by line, and fails for CI', async () => {
    const s = site(setup);
    const run = await s.hexo(['typora', 'check']);
    expect(run.code, run.output).toBe(1);
    expect(run.stdout).toMatch(/^source\/_posts\/hello\.md:13: .*hello\.assets\/older\.png/m);
    expect(run.stdout).toMatch(/^source\/_posts\/hello\.md:21: .*Desktop\/dragged\.png/m);
    expect(run.stdout).not.toMatch(/hello\.md:(9|17):/);
  });

  it('hexo typora sync copies them into the asset folder and rewrites only those two references', async () => {
    const s = site(setup);
    const before = s.read('source/_posts/hello.md').split('\n');
    const run = await s.hexo(['typora', 'sync']);
    expect(run.code, run.output).toBe(0);

    expect(sameBytes(s.file('source/_posts/hello/older.png'), fileOf(s, IMAGES['assets folder']))).toBe(true);
    expect(sameBytes(s.file('source/_posts/hello/dragged.png'), fileOf(s, IMAGES.outside))).toBe(true);
    // Copied, not moved.
    expect(fs.existsSync(fileOf(s, IMAGES['assets folder']))).toBe(true);
    expect(fs.existsSync(fileOf(s, IMAGES.outside))).toBe(true);

    const after = s.read('source/_posts/hello.md').split('\n');
    expect(after).toEqual(
      before.map((line, index) => {
        if (index + 1 === 13) return '![assets folder](hello/older.png)';
        if (index + 1 === 21) return '![outside](hello/dragged.png)';
        return line;
      }),
    );
  });

  it('hexo generate after the sync: every image is served from the post asset folder', async () => {
    const s = site(setup);
    const run = await s.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expectEveryImageServed(s);
    for (const page of [POST_PAGE, INDEX_PAGE]) {
      for (const image of imagesIn(s.file(page))) expect(image.src).toMatch(/^\/blog\/2024\/01\/02\/hello\//);
    }
  });
});

describe('installed in hexo-8.1-markdown-it (not supported)', () => {
  it('hexo generate succeeds, says the plugin needs hexo-renderer-marked, and builds what the site builds without it', async () => {
    const s = site('hexo-8.1-markdown-it');
    const run = await s.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(MARKDOWN_IT_WARNING);
    const withPlugin = treeHashes(s.file('public'));
    expect(withPlugin.has('2024/01/02/hello/index.html')).toBe(true);

    // The same site without the plugin in package.json (Hexo loads only the plugins listed there), built from
    // scratch as `hexo clean` would leave it.
    const manifest = JSON.parse(s.read('package.json'));
    delete manifest.dependencies['hexo-typora-image-sync'];
    fs.writeFileSync(s.file('package.json'), JSON.stringify(manifest, null, 2));
    for (const built of ['public', 'db.json']) fs.rmSync(s.file(built), { recursive: true, force: true });
    const alone = await s.hexo(['generate']);
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).not.toContain(MARKDOWN_IT_WARNING);
    expect(withPlugin).toEqual(treeHashes(s.file('public')));
  });
});
