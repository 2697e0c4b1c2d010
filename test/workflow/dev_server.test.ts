/**
 * Step 3 of the author's day: `npm run dev` previews the site on 127.0.0.1 with the image watcher on, shows a
 * post with its images, shows an image pasted while it runs after a reload, and stops cleanly on Ctrl+C.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePng } from '../../plugins/hexo-typora-image-sync/test/support/make_png';
import { copySite, type SiteCopy, startInGroup } from './support/site_copy';

const POST = 'source/_posts/dev-preview.md';
const POST_URL = '/2025/01/02/dev-preview/';
const FIRST = fixturePng(11);
const PASTED = fixturePng(12);
const OUTSIDE = fixturePng(13);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('npm run dev configuration', () => {
  let site: SiteCopy;
  beforeAll(() => {
    site = copySite('dev-config');
  });
  afterAll(() => site?.remove());

  let plain: Record<string, string> | undefined;

  /** The `typora:` settings Hexo ends up with when started with these config files. */
  async function typoraSettings(configs: string[]): Promise<Record<string, string>> {
    const run = await site.hexo([
      ...(configs.length ? ['--config', configs.join(',')] : []),
      'config',
      'typora',
    ]);
    expect(run.code, run.output).toBe(0);
    return Object.fromEntries([...run.output.matchAll(/^\s+(\w+): (\w+),?$/gm)].map((m) => [m[1], m[2]]));
  }

  it('turns the image watcher on and keeps every other setting of _config.yml', async () => {
    plain ??= await typoraSettings([]);
    expect(plain.watch).toBe('false');
    // Hexo deep-merges the files: only `watch` changes, its sibling keys stay.
    expect(await typoraSettings(['_config.yml', '_config.dev.yml'])).toEqual({ ...plain, watch: 'true' });
  });

  it('npm run build:publish (the Pages workflow) and npm run deploy build with strict images', async () => {
    const scripts = JSON.parse(site.read('package.json')).scripts;
    for (const name of ['build:publish', 'deploy'])
      expect(scripts[name], name).toMatch(/ --config _config\.yml,_config\.publish\.yml$/);
    plain ??= await typoraSettings([]);
    expect(plain.strict).toBe('false');
    expect(await typoraSettings(['_config.yml', '_config.publish.yml'])).toEqual({
      ...plain,
      strict: 'true',
    });
  });
});

describe('npm run dev', () => {
  let site: SiteCopy;
  let server: ReturnType<typeof startInGroup>;
  let base: string;

  beforeAll(async () => {
    site = copySite('dev');
    site.write(
      POST,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Typora's variable, written as the scaffold writes it
      '---\ntitle: Dev preview\ndate: 2025-01-02 10:00:00\ntypora-copy-images-to: ./${filename}\n---\n\n' +
        'Before.\n\n![first](dev-preview/first.png)\n',
    );
    site.write('source/_posts/dev-preview/first.png', FIRST);
    const port = await freePort();
    server = startInGroup('npm', ['run', 'dev', '--', '--ip', '127.0.0.1', '--port', String(port)], site.dir);
    await server.waitFor(/Hexo is running at/, 90_000);
    // The plugin's watcher (typora.watch from _config.dev.yml) says it is on once it has scanned the posts.
    await server.waitFor(/typora watch: syncing/, 30_000);
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (server) await server.stop('SIGKILL', 5_000);
    site?.remove();
  });

  it('serves a post with its images', async () => {
    const page = await fetch(`${base}${POST_URL}`);
    expect(page.status).toBe(200);
    const sources = imageSources(await page.text());
    expect(sources).toContain('/2025/01/02/dev-preview/first.png');
    const image = await fetch(`${base}/2025/01/02/dev-preview/first.png`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(FIRST)).toBe(true);
  });

  it('serves the existing posts with every image they show', async () => {
    const home = await (await fetch(`${base}/`)).text();
    const posts = [
      ...new Set([...home.matchAll(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"#]+\/)"/g)].map((m) => m[1])),
    ];
    expect(posts.length).toBeGreaterThan(1);
    let images = 0;
    for (const post of posts) {
      const response = await fetch(`${base}${post}`);
      expect(response.status, post).toBe(200);
      for (const src of imageSources(await response.text()).filter((s) => s.startsWith('/'))) {
        const image = await fetch(`${base}${src}`);
        expect(image.status, `${post}: ${src}`).toBe(200);
        images += 1;
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  it('shows an image pasted while it runs, on reload', async () => {
    // What Typora does on paste: the file into ./${filename}, the reference into the post.
    site.write('source/_posts/dev-preview/image-20250102101500000.png', PASTED);
    site.write(
      POST,
      `${site.read(POST)}\n![image-20250102101500000](dev-preview/image-20250102101500000.png)\n`,
    );

    // Hexo processes the post and the image as separate changes: the page may name the image before the
    // image is served. Wait until both are there, as a reader reloading would.
    const src = '/2025/01/02/dev-preview/image-20250102101500000.png';
    const deadline = Date.now() + 60_000;
    let sources: string[] = [];
    let image: Buffer | undefined;
    while (Date.now() < deadline) {
      sources = imageSources(await (await fetch(`${base}${POST_URL}`)).text());
      const response = await fetch(`${base}${src}`);
      image = Buffer.from(await response.arrayBuffer());
      if (sources.includes(src) && response.status === 200) break;
      image = undefined;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(sources).toContain(src);
    expect(image?.equals(PASTED), `${src} is served`).toBe(true);
  });

  it('copies an image pasted outside the post folder into it and rewrites the reference', async () => {
    // Typora's default without the front matter line: ./${filename}.assets/
    const since = server.output().length;
    site.write('source/_posts/dev-preview.assets/outside.png', OUTSIDE);
    site.write(POST, `${site.read(POST)}\n![outside](dev-preview.assets/outside.png)\n`);
    // The watcher logs this line once its sync has returned, i.e. after the copy and the rewrite: wait for
    // it, not for the rewrite (which comes first), then check what the sync did.
    await server.waitFor(/typora watch: source\/_posts\/dev-preview\.md: copied 1 file\(s\)/, 60_000, since);
    expect(site.read(POST)).toContain('![outside](dev-preview/outside.png)');
    expect(fs.readFileSync(site.file('source/_posts/dev-preview/outside.png')).equals(OUTSIDE)).toBe(true);
  });

  it('stops on Ctrl+C and frees the port', async () => {
    const port = Number(new URL(base).port);
    const exit = await server.stop('SIGINT', 15_000);
    expect(exit.forced, server.output()).toBe(false);
    expect(await portIsOpen(port)).toBe(false);
  });
});
