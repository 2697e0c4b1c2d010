/**
 * The watcher through the real CLI: `hexo typora watch`, and `hexo server` with `typora.watch: true`, each
 * sync a post Typora saves, and the server then serves the copied image at the post's URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/hexo_site';
import { fixturePng } from '../support/make_png';
import { makeSyncSite, type SyncSite, saveLikeTypora } from '../sync/sync_site';

const HEXO_BIN = path.join(REPO_ROOT, 'node_modules/hexo/bin/hexo');
let s: SyncSite;
let child: ChildProcess | undefined;
let output = '';

beforeEach(() => {
  s = makeSyncSite();
  output = '';
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  child = undefined;
  s.remove();
});

function start(args: string[], env: NodeJS.ProcessEnv = {}): void {
  child = spawn(process.execPath, [HEXO_BIN, ...args], {
    cwd: s.site.dir,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', HOME: s.home, ...env },
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
}

/** Polls `condition`; the time limit is only a safety net for a command that never gets there. */
async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

function savePost(): string {
  fs.writeFileSync(path.join(s.home, 'Desktop/pasted now.png'), fixturePng(500));
  const post = s.file('source/_posts/live.md');
  saveLikeTypora(
    post,
    `---\ntitle: Live\ndate: 2024-07-01 10:00:00\n---\n\n![now](${s.home}/Desktop/pasted now.png)\n`,
  );
  return post;
}

describe('watching through the Hexo CLI', () => {
  it('hexo typora watch syncs a Typora save and stops on Ctrl+C', async () => {
    start(['typora', 'watch']);
    await waitFor(() => output.includes('typora watch: watching'), 'the watcher');
    const post = savePost();
    const copy = s.file('source/_posts/live/pasted now.png');
    await waitFor(
      () => fs.existsSync(copy) && fs.readFileSync(post, 'utf8').includes('(live/pasted%20now.png)'),
      'the sync',
    );
    expect(fs.readFileSync(copy).equals(fixturePng(500))).toBe(true);
    await waitFor(
      () =>
        /typora watch: source\/_posts\/live\.md: copied 1 file\(s\), rewrote 1 reference\(s\)/.test(output),
      'the log line',
    );
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('a sync or a second watcher started while hexo typora watch runs stops with a message', async () => {
    start(['typora', 'watch']);
    await waitFor(() => output.includes('typora watch: watching'), 'the watcher');
    const busy =
      /hexo typora watch \(process \d+, since [0-9T:.-]+Z\) is already syncing this site; .*nothing was done\./;
    const sync = await s.site.hexo(['typora', 'sync'], { HOME: s.home });
    expect(sync.code).toBe(1);
    expect(sync.output).toMatch(busy);
    const second = await s.site.hexo(['typora', 'watch'], { HOME: s.home });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(busy);
    // check writes nothing and needs no lock.
    expect((await s.site.hexo(['typora', 'check'], { HOME: s.home })).output).toMatch(
      /typora check: 3 posts/,
    );
  });

  it('hexo server with typora.watch: true syncs saves and serves the copied image', async () => {
    fs.appendFileSync(s.file('_config.yml'), '\ntypora:\n  watch: true\n');
    const port = await freePort();
    start(['server', '-p', String(port), '-i', '127.0.0.1']);
    await waitFor(() => output.includes('typora watch: syncing'), 'the server watcher');
    savePost();
    // Logged once the sync has copied the image and rewritten the post.
    await waitFor(
      () => /typora watch: source\/_posts\/live\.md: copied 1 file\(s\)/.test(output),
      'the sync',
    );
    // The server picks the new image up through its own watcher, a moment later: wait for what is asserted.
    const url = `http://127.0.0.1:${port}/2024/07/01/live/pasted%20now.png`;
    let response = await get(url);
    for (const until = Date.now() + 60_000; response.status !== 200 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      response = await get(url);
    }
    expect(response.status, output).toBe(200);
    expect(response.body.equals(fixturePng(500))).toBe(true);
  });

  it('hexo server without the setting does not touch posts', async () => {
    const port = await freePort();
    // --debug: the plugin logs its decision about the watcher, and Hexo each file it has processed.
    start(['server', '-p', String(port), '-i', '127.0.0.1', '--debug']);
    await waitFor(() => output.includes('typora.watch is off'), 'the plugin to see the server start');
    const post = savePost();
    const before = fs.readFileSync(post, 'utf8');
    await waitFor(() => /Processed: .*_posts\/live\.md/.test(output), 'hexo server to process the save');
    expect(fs.readFileSync(post, 'utf8')).toBe(before);
    expect(fs.existsSync(s.file('source/_posts/live'))).toBe(false);
    expect(output).not.toContain('typora watch: syncing');
  });
});
