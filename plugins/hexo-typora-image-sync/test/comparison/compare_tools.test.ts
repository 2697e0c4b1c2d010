/**
 * The same Typora posts through four setups, each a real `hexo generate` at `root: /` and `root: /blog/`:
 *   (0) hexo-renderer-marked as it comes, for reference,
 *   (a) hexo-renderer-marked with `postAsset: true`,
 *   (b) hexo-asset-image 1.0.0 (installed only in the test/baselines workspace, listed only in this
 *       fixture's package.json, so Hexo loads it here and nowhere else),
 *   (c) this plugin with its defaults.
 * For each image form: does the image reach the reader, i.e. does the `src` on the post page AND on the
 * index page, resolved as a browser would, give a file in public/ with the bytes the author meant?
 * The table is computed here and written to test-output/comparison.md. This plugin must pass every form;
 * of the baselines only documented, stable behaviour is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type HexoRun, REPO_ROOT, type Site } from '../support/hexo_site';
import { imagesIn, linksIn, textIn } from '../support/html_images';
import { fixturePng } from '../support/make_png';
import { fetchFromSite, sameBytes } from './reader_view';

const TOOLS = {
  marked: 'hexo-renderer-marked alone',
  'marked-post-asset': 'hexo-renderer-marked, `postAsset: true`',
  'hexo-asset-image': 'hexo-asset-image 1.0.0',
  'typora-image-sync': 'hexo-typora-image-sync',
  'typora-image-sync-post-asset': 'hexo-typora-image-sync with marked `postAsset: true`',
} as const;
type Tool = keyof typeof TOOLS;
/** The table's columns; the plugin with `postAsset: true` is only checked, it is not an alternative. */
const COMPARED: readonly Tool[] = ['marked', 'marked-post-asset', 'hexo-asset-image', 'typora-image-sync'];
const OURS: readonly Tool[] = ['typora-image-sync', 'typora-image-sync-post-asset'];
const ROOTS = ['/', '/blog/'] as const;
type Root = (typeof ROOTS)[number];
const HOST = 'https://example.github.io';

interface Form {
  /** alt text of the image (or text of the link) in the fixture. */
  name: string;
  /** How the destination is written, for the table. */
  written: string;
  /** The file the author meant: relative to the site, or `HOME/…` under the author's home folder. */
  file: string;
  post: 'hello' | 'root-url';
  link?: true;
}

const FORMS: readonly Form[] = [
  { name: 'custom folder', written: '`![](hello/x.png)`', file: 'source/_posts/hello/x.png', post: 'hello' },
  { name: 'dot slash', written: '`![](./hello/x.png)`', file: 'source/_posts/hello/dot.png', post: 'hello' },
  {
    name: 'bare name',
    written: '`![](x.png)` (in `hello/`)',
    file: 'source/_posts/hello/bare.png',
    post: 'hello',
  },
  {
    name: 'nested',
    written: '`![](hello/sub/x.png)`',
    file: 'source/_posts/hello/sub/nested.png',
    post: 'hello',
  },
  {
    name: 'with title',
    written: '`![](hello/x.png "title")`',
    file: 'source/_posts/hello/titled.png',
    post: 'hello',
  },
  {
    name: 'upper case extension',
    written: '`![](hello/X.PNG)`',
    file: 'source/_posts/hello/UPPER.PNG',
    post: 'hello',
  },
  { name: 'no extension', written: '`![](hello/x)`', file: 'source/_posts/hello/noext', post: 'hello' },
  {
    name: 'parens',
    written: '`![](hello/shot(1).png)`',
    file: 'source/_posts/hello/shot(1).png',
    post: 'hello',
  },
  {
    name: 'percent encoded cjk',
    written: '`![](hello/%E5%9B%BE%E7%89%87%201.png)`',
    file: 'source/_posts/hello/图片 1.png',
    post: 'hello',
  },
  {
    name: 'raw cjk with space',
    written: '`![](hello/截图 2.png)`',
    file: 'source/_posts/hello/截图 2.png',
    post: 'hello',
  },
  {
    name: 'angle brackets',
    written: '`![](<hello/截图 3.png>)`',
    file: 'source/_posts/hello/截图 3.png',
    post: 'hello',
  },
  {
    name: 'dot assets',
    written: '`![](hello.assets/x.png)` (`.assets` folder)',
    file: 'source/_posts/hello.assets/image-20240102.png',
    post: 'hello',
  },
  {
    name: 'shared assets',
    written: '`![](assets/x.png)`',
    file: 'source/_posts/assets/shared.png',
    post: 'hello',
  },
  {
    name: 'beside the post',
    written: '`![](x.png)` (beside the `.md`)',
    file: 'source/_posts/beside.png',
    post: 'hello',
  },
  { name: 'up and over', written: '`![](../images/x.png)`', file: 'source/images/up.png', post: 'hello' },
  { name: 'site root', written: '`![](/images/x.png)`', file: 'source/images/root.png', post: 'hello' },
  {
    name: 'typora root url',
    written: '`![](/x.png)` + `typora-root-url`',
    file: 'source/_posts/root-url/pic.png',
    post: 'root-url',
  },
  {
    name: 'typora user images',
    written: '`![](/Users/me/Library/Application Support/typora-user-images/x.png)`',
    file: 'HOME/Library/Application Support/typora-user-images/image-20240102101010.png',
    post: 'hello',
  },
  {
    name: 'encoded absolute',
    written: '`![](/Users/me/Library/Application%20Support/…/x.png)`',
    file: 'HOME/Library/Application Support/typora-user-images/enc oded.png',
    post: 'hello',
  },
  {
    name: 'file url',
    written: '`![](file:///Users/me/Desktop/x.png)`',
    file: 'HOME/Desktop/file url.png',
    post: 'hello',
  },
  {
    name: 'typora zoom',
    written: '`<img src="hello/x.png" style="zoom:50%;">`',
    file: 'source/_posts/hello/zoom.png',
    post: 'hello',
  },
  {
    name: 'raw html',
    written: '`<img src="./hello/x.png" width="33">`',
    file: 'source/_posts/hello/sized.png',
    post: 'hello',
  },
  {
    name: 'reference image',
    written: '`![][ref]` + `[ref]: hello/x.png`',
    file: 'source/_posts/hello/ref.png',
    post: 'hello',
  },
  {
    name: 'the paper',
    written: '`[pdf](hello/paper.pdf)` (a link)',
    file: 'source/_posts/hello/paper.pdf',
    post: 'hello',
    link: true,
  },
];

/** Code in the post: it must reach the reader exactly as written. */
const CODE_SAMPLES = [
  '![code sample](hello/x.png)\n<img src="hello/zoom.png">',
  '![inline code](hello/x.png)',
];

const POST_PATHS = { hello: '2024/01/02/hello/', 'root-url': '2024/01/03/root-url/' } as const;

interface Cell {
  ok: boolean;
  /** `src`/`href` on the post page and on the index page, or why the check failed. */
  post: string;
  index: string;
  why: string;
}

interface Build {
  tool: Tool;
  root: Root;
  site: Site;
  home: string;
  run: HexoRun;
  cells: Map<string, Cell>;
  codeUnchanged: boolean;
}

function makeSite(tool: Tool, root: Root): { site: Site; home: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-compare-home-'));
  const encodedHome = home.split('/').map(encodeURIComponent).join('/');
  // AUTHOR_HOME_ENCODED first: AUTHOR_HOME is a prefix of it.
  const site = copyFixture('comparison', { AUTHOR_HOME_ENCODED: encodedHome, AUTHOR_HOME: home });
  const toolDir = site.file(`tools/${tool}`);
  fs.copyFileSync(path.join(toolDir, 'package.json'), site.file('package.json'));
  const config = [
    fs.readFileSync(site.file('_config.yml'), 'utf8'),
    fs.readFileSync(path.join(toolDir, '_config.yml'), 'utf8'),
    `url: ${HOST}${root.replace(/\/$/, '')}`,
    `root: ${root}`,
    '',
  ].join('\n');
  site.write('_config.yml', config);
  FORMS.forEach((form, i) => {
    const file = targetOf(form, site, home);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, form.link ? '%PDF-1.4\n% comparison fixture\n' : fixturePng(i + 1));
  });
  return { site, home };
}

function targetOf(form: Form, site: Site, home: string): string {
  return form.file.startsWith('HOME/') ? path.join(home, form.file.slice(5)) : site.file(form.file);
}

function findUrl(htmlFile: string, form: Form): string | undefined {
  if (form.link) return linksIn(htmlFile).find((l) => l.text === form.name)?.href;
  return imagesIn(htmlFile).find((i) => i.alt === form.name)?.src;
}

function measure(tool: Tool, root: Root, site: Site, home: string, run: HexoRun): Build {
  const publicDir = site.file('public');
  const siteUrl = `${HOST}${root}`;
  const cells = new Map<string, Cell>();
  for (const form of FORMS) {
    const postPath = POST_PATHS[form.post];
    const pages = [
      { page: path.join(publicDir, postPath, 'index.html'), url: siteUrl + postPath },
      { page: path.join(publicDir, 'index.html'), url: siteUrl },
    ];
    const seen: string[] = [];
    let why = '';
    for (const { page, url } of pages) {
      const src = fs.existsSync(page) ? findUrl(page, form) : undefined;
      seen.push(src ?? '(missing)');
      if (why) continue;
      if (src === undefined) {
        why = `no element on ${url === siteUrl ? 'index' : 'post'} page`;
        continue;
      }
      const fetched = fetchFromSite(publicDir, siteUrl, url, src);
      if (!fetched.ok) why = `${url === siteUrl ? 'index' : 'post'} page: ${fetched.reason}`;
      else if (!sameBytes(fetched.file, targetOf(form, site, home))) why = 'a different file';
    }
    cells.set(form.name, { ok: why === '', post: seen[0] as string, index: seen[1] as string, why });
  }
  const pages = [path.join(publicDir, POST_PATHS.hello, 'index.html'), path.join(publicDir, 'index.html')];
  const codeUnchanged = pages.every(
    (page) => fs.existsSync(page) && CODE_SAMPLES.every((sample) => textIn(page).includes(sample)),
  );
  return { tool, root, site, home, run, cells, codeUnchanged };
}

function versionOf(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

function renderTable(builds: readonly Build[]): string {
  const get = (tool: Tool, root: Root) => builds.find((b) => b.tool === tool && b.root === root) as Build;
  const tools = COMPARED;
  const header = `| Form | ${tools.map((t) => `${TOOLS[t]} (\`/\` · \`/blog/\`)`).join(' | ')} |`;
  const rule = `|---|${tools.map(() => ':-:').join('|')}|`;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const rows = FORMS.map((form) => {
    const cells = tools.map((t) =>
      ROOTS.map((r) => mark(get(t, r).cells.get(form.name)?.ok ?? false)).join(' · '),
    );
    return `| ${form.written} | ${cells.join(' | ')} |`;
  });
  const totals = tools.map((t) =>
    ROOTS.map((r) => `${[...get(t, r).cells.values()].filter((c) => c.ok).length}/${FORMS.length}`).join(
      ' · ',
    ),
  );
  const code = tools.map((t) => ROOTS.map((r) => mark(get(t, r).codeUnchanged)).join(' · '));
  const details = tools.flatMap((t) =>
    ROOTS.flatMap((r) => [
      '',
      `### ${TOOLS[t]}, \`root: ${r}\`: the \`src\` (\`href\`) on the post page and on the index page`,
      '',
      '| Form | post page | index page | |',
      '|---|---|---|---|',
      ...FORMS.map((form) => {
        const cell = get(t, r).cells.get(form.name) as Cell;
        return `| ${form.written} | \`${cell.post}\` | \`${cell.index}\` | ${cell.ok ? '✓' : `✗ ${cell.why}`} |`;
      }),
    ]),
  );
  const versions = ['hexo', 'hexo-renderer-marked', 'hexo-asset-image', 'hexo-typora-image-sync']
    .map((name) => `${name} ${versionOf(name)}`)
    .join(', ');
  return [
    '# Typora image forms: do they reach the reader?',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by test/comparison/compare_tools.test.ts with ${versions}, Node ${process.version}.`,
    `✓: the \`src\` on the post page and on the index page, resolved as a browser would (site at ${HOST}, permalink \`:year/:month/:day/:title/\`), gives a file in public/ with the bytes of the file the author meant.`,
    '',
    header,
    rule,
    ...rows,
    `| **forms that work** | ${totals.join(' | ')} |`,
    `| code blocks and code spans unchanged | ${code.join(' | ')} |`,
    ...details,
    '',
  ].join('\n');
}

/** Runs `jobs` with at most `limit` at a time (two cores: each `hexo generate` is one busy process). */
async function inPool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

describe('the same Typora posts through marked postAsset, hexo-asset-image and this plugin', () => {
  let builds: Build[] = [];
  const build = (tool: Tool, root: Root) => builds.find((b) => b.tool === tool && b.root === root) as Build;

  beforeAll(async () => {
    const combos = (Object.keys(TOOLS) as Tool[]).flatMap((tool) => ROOTS.map((root) => ({ tool, root })));
    builds = await inPool(
      combos.map(({ tool, root }) => async () => {
        const { site, home } = makeSite(tool, root);
        const run = await site.hexo(['generate']);
        return measure(tool, root, site, home, run);
      }),
      2,
    );
    const out = path.join(REPO_ROOT, 'test-output');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'comparison.md'), renderTable(builds));
  });

  afterAll(() => {
    for (const b of builds) {
      b.site.remove();
      fs.rmSync(b.home, { recursive: true, force: true });
    }
  });

  it.each(Object.keys(TOOLS).flatMap((tool) => ROOTS.map((root) => [tool, root])))(
    '%s builds at root %s',
    (tool, root) => {
      const { run } = build(tool as Tool, root as Root);
      expect(run.code, run.output).toBe(0);
    },
  );

  const oursAtRoots = OURS.flatMap((tool) => ROOTS.map((root) => [tool, root] as const));

  it.each(oursAtRoots)('%s: every form reaches the reader at root %s', (tool, root) => {
    const failing = FORMS.map((form) => [form.name, build(tool, root).cells.get(form.name)] as const)
      .filter(([, cell]) => !cell?.ok)
      .map(([name, cell]) => `${name}: ${JSON.stringify(cell)}`);
    expect(failing).toEqual([]);
  });

  it.each(oursAtRoots)('%s: code blocks and code spans come out as written at root %s', (tool, root) => {
    expect(build(tool, root).codeUnchanged).toBe(true);
  });

  // The baselines: only what their code and documentation promise, so that a change in them shows up here.
  it.each(ROOTS)(
    'marked postAsset adds exactly one form to marked alone: the bare name (root %s)',
    (root) => {
      const works = (tool: Tool) =>
        FORMS.filter((form) => build(tool, root).cells.get(form.name)?.ok).map((form) => form.name);
      const alone = works('marked');
      const withPostAsset = works('marked-post-asset');
      expect(withPostAsset.filter((name) => !alone.includes(name))).toEqual(['bare name']);
      expect(alone.filter((name) => !withPostAsset.includes(name))).toEqual([]);
    },
  );

  it.each(ROOTS)(
    'marked postAsset: the `post/x.png` Typora writes gets url_for of the path as written (root %s)',
    (root) => {
      const cells = build('marked-post-asset', root).cells;
      expect(cells.get('custom folder')?.post).toBe(`${root}hello/x.png`);
    },
  );

  it.each(ROOTS)('hexo-asset-image 1.0.0: images of the post folder land under `.io//` (root %s)', (root) => {
    const cells = build('hexo-asset-image', root).cells;
    // It cuts the permalink at its last ".", here the one in example.github.io.
    expect(cells.get('bare name')?.post).toBe(`${root}.io//bare.png`);
    expect(cells.get('custom folder')?.ok).toBe(false);
  });
});
