/**
 * What sync must refuse or survive, each with a clear message and no damage: a read-only post, a file where
 * the post's asset folder should be, a full disk (a real 1 MiB tmpfs when the test may mount one), two syncs
 * at once, a sync while a watcher runs, and a post a killed run left held aside.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiteLockedError } from '../../src/sync/apply/site_lock';
import { checkPosts } from '../../src/sync/check_posts';
import { formatFinding } from '../../src/sync/plan/finding';
import { syncPosts } from '../../src/sync/sync_posts';
import { watchPosts } from '../../src/watch/watch_posts';
import { REPO_ROOT } from '../support/hexo_site';
import { fixturePng } from '../support/make_png';
import { FAST, makeSyncSite, type SyncSite, treeHashes } from './sync_site';

const ENGINE = path.join(REPO_ROOT, 'plugins/hexo-typora-image-sync/dist/sync/sync_posts.js');
const TEMP_FILE = /\.typora-sync-\d+-[0-9a-f]{8}\.tmp$/;

let s: SyncSite;
beforeEach(() => {
  s = makeSyncSite();
});
afterEach(() => s.remove());

const HELLO = 'source/_posts/hello.md';

describe('sync refuses, with a message, and changes nothing', () => {
  it('a read-only post (0444)', async () => {
    const post = s.file(HELLO);
    fs.chmodSync(post, 0o444);
    const before = treeHashes(s.site.dir);
    const report = await syncPosts({ ...s.settings, posts: ['hello'] });
    expect(report.problems.map(formatFinding)).toContain(
      'source/_posts/hello.md:1: the post is read-only (mode 0444): sync never rewrites a file you protected — make it writable (chmod u+w source/_posts/hello.md) and run `hexo typora sync` again; nothing was changed',
    );
    expect(report.changed).toEqual([]);
    expect(report.copied).toEqual([]);
    expect(treeHashes(s.site.dir)).toEqual(before);
    expect(fs.statSync(post).mode & 0o777).toBe(0o444);
  });

  it('a file where the asset folder should be', async () => {
    fs.rmSync(s.file('source/_posts/hello'), { recursive: true });
    s.site.write('source/_posts/hello', 'a file, not a folder\n');
    const before = treeHashes(s.site.dir);
    const report = await syncPosts({ ...s.settings, posts: ['hello'] });
    expect(report.problems.map(formatFinding)).toContain(
      "source/_posts/hello.md:1: source/_posts/hello is a file, but it is where the post's asset folder must be: sync cannot copy images into it — rename or move source/_posts/hello, then run `hexo typora sync` again; nothing was changed",
    );
    expect(report.problems.map((p) => p.problem).join('\n')).not.toMatch(/EEXIST|disk space/);
    expect(treeHashes(s.site.dir)).toEqual(before);
  });
});

describe('one sync at a time', () => {
  /** The built engine in a child process, as `hexo typora sync` runs it. */
  function runEngine(site: SyncSite): Promise<{ code: number | null; output: string }> {
    // A long watch of replaced versions keeps the first run (and its lock) alive while the second starts.
    const options = { ...site.settings, graceMs: 3000, orphans: 'report', command: 'hexo typora sync' };
    const script = `require(${JSON.stringify(ENGINE)}).syncPosts(${JSON.stringify(options)}).then((r) => console.log(JSON.stringify({ copied: r.copied.length })), (e) => { console.error(e.message); process.exit(4); })`;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      child.on('close', (code) => resolve({ code, output }));
    });
  }

  /** Every file of the posts' folders (not the posts, whose text names the author's home) with its hash. */
  const assets = (site: SyncSite) =>
    [...treeHashes(site.file('source/_posts'))].filter(([file]) => !file.endsWith('.md'));

  it('a second sync started at the same time stops with a message, and no image is copied twice', async () => {
    const alone = makeSyncSite();
    try {
      expect((await runEngine(alone)).code).toBe(0);
      const [first, second] = await Promise.all([runEngine(s), runEngine(s)]);
      const outcomes = [first, second].sort((a, b) => (a.code ?? 0) - (b.code ?? 0));
      expect(outcomes[0]?.code, outcomes[0]?.output).toBe(0);
      expect(outcomes[1]?.code).toBe(4);
      expect(outcomes[1]?.output).toMatch(
        /^hexo typora sync \(process \d+, since [0-9T:.-]+Z\) is already syncing this site; .* Wait for it to finish or stop it, then run again \(if no such process runs, delete .*\.typora-sync\/lock\); nothing was done\.$/m,
      );
      expect(assets(s)).toEqual(assets(alone));
      expect(fs.existsSync(s.file('.typora-sync/lock'))).toBe(false);
    } finally {
      alone.remove();
    }
  });

  it('sync while a watcher runs on the site stops with a message', async () => {
    const watcher = watchPosts({ ...s.settings });
    await watcher.ready;
    try {
      const attempt = syncPosts({ ...s.settings });
      await expect(attempt).rejects.toBeInstanceOf(SiteLockedError);
      await expect(attempt).rejects.toThrow(
        /^hexo typora watch \(process \d+, since .*\) is already syncing this site/,
      );
      // A dry run (and so `check`) writes nothing and needs no lock.
      expect((await syncPosts({ ...s.settings, dryRun: true })).changed.length).toBeGreaterThan(0);
    } finally {
      await watcher.close();
    }
    // Closed: the lock is free again.
    expect((await syncPosts({ ...s.settings })).problems).toEqual([]);
  });

  it('a lock left by a process that died is taken over', async () => {
    fs.mkdirSync(s.file('.typora-sync'), { recursive: true });
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('close', resolve));
    fs.writeFileSync(
      s.file('.typora-sync/lock'),
      JSON.stringify({
        pid: dead.pid,
        host: os.hostname(),
        command: 'hexo typora sync',
        since: 'then',
        token: 'x',
      }),
    );
    const report = await syncPosts({ ...s.settings, posts: ['hello'] });
    expect(report.changed).toEqual([HELLO]);
    expect(fs.existsSync(s.file('.typora-sync/lock'))).toBe(false);
  });
});

describe('a post a killed sync held aside', () => {
  it('is put back by the next run, which says so', async () => {
    const post = s.file(HELLO);
    const bytes = fs.readFileSync(post);
    // As a run killed between taking the post and linking its rewrite leaves it.
    const slot = s.file('.typora-sync/trash/in-flight/999999-deadbeef');
    fs.mkdirSync(slot, { recursive: true });
    fs.renameSync(post, path.join(slot, `1.${Buffer.from(HELLO).toString('base64url')}`));
    expect(fs.existsSync(post)).toBe(false);
    const check = await checkPosts({ ...s.settings });
    expect(check.findings.map(formatFinding)).toContain(
      'source/_posts/hello.md:1: a sync was killed while it held this post aside, so the post is not in its place — `hexo typora sync` (or `hexo typora watch`) puts it back first thing',
    );
    const run = await syncPosts({ ...s.settings });
    expect(run.recovered).toEqual([expect.objectContaining({ file: post, outcome: 'put-back' })]);
    expect(run.changed).toContain(HELLO);
    expect(fs.existsSync(slot)).toBe(false);
    // The version it replaced is the post as it was.
    const versions = s.file('.typora-sync/trash/versions/source/_posts/hello.md');
    expect(
      fs.readdirSync(versions).map((name) => fs.readFileSync(path.join(versions, name)).equals(bytes)),
    ).toEqual([true]);
  });
});

/** A 1 MiB tmpfs, if this test may mount one (root on Linux); otherwise why not. */
function mountSmallDisk(): { dir: string } | { reason: string } {
  if (process.platform !== 'linux') return { reason: `not Linux (${process.platform})` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      reason: `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`,
    };
  }
}

const disk = mountSmallDisk();
if ('reason' in disk) console.log(`disk-full tests skipped: ${disk.reason}`);
afterAll(() => {
  if ('dir' in disk) {
    execFileSync('umount', [disk.dir]);
    fs.rmSync(disk.dir, { recursive: true, force: true });
  }
});

describe.skipIf('reason' in disk)('a full disk (a real 1 MiB tmpfs)', () => {
  const dir = 'dir' in disk ? disk.dir : '';
  const home = () => path.join(os.tmpdir(), `typora-full-home-${process.pid}`);
  const settings = () => ({
    baseDir: path.join(dir, 'site'),
    sourceDir: path.join(dir, 'site/source'),
    homeDir: home(),
    maxBytes: 50 * 1024 * 1024,
    publishOutside: true,
    ...FAST,
  });
  /** A valid PNG about `size` bytes long: a private ancillary chunk of padding before IEND. */
  const bigPng = (size: number, seed: number) => {
    const png = fixturePng(seed);
    const iend = png.length - 12;
    const data = Buffer.alloc(size, seed);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write('prVt', 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([png.subarray(0, iend), head, data, crc, png.subarray(iend)]);
  };
  const siteFiles = () => [...treeHashes(path.join(dir, 'site')).keys()];

  beforeEach(() => {
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'site/source/_posts'), { recursive: true });
    fs.mkdirSync(path.join(home(), 'Desktop'), { recursive: true });
  });
  afterAll(() => fs.rmSync(home(), { recursive: true, force: true }));

  it('a copy that does not fit leaves no partial file, and the copies made are counted', async () => {
    fs.writeFileSync(path.join(home(), 'Desktop/small.png'), bigPng(300_000, 1));
    fs.writeFileSync(path.join(home(), 'Desktop/large.png'), bigPng(800_000, 2));
    const post = path.join(dir, 'site/source/_posts/full.md');
    const text = `---\ntitle: Full\n---\n\n![s](${home()}/Desktop/small.png)\n\n![l](${home()}/Desktop/large.png)\n`;
    fs.writeFileSync(post, text);
    const report = await syncPosts({ ...settings(), posts: ['full'] });
    expect(report.copied.map((c) => path.basename(c.to))).toEqual(['small.png']);
    expect(report.problems.map(formatFinding)).toEqual([
      expect.stringMatching(
        /^source\/_posts\/full\.md:1: could not copy .*large\.png to source\/_posts\/full\/large\.png \(ENOSPC\) — free some disk space, then run `hexo typora sync` again; the post was not changed$/,
      ),
    ]);
    expect(fs.readFileSync(post, 'utf8')).toBe(text);
    expect(siteFiles().filter((f) => TEMP_FILE.test(f))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'site/source/_posts/full/small.png')).length).toBe(
      fs.statSync(path.join(home(), 'Desktop/small.png')).size,
    );
  });

  it('a post whose rewrite does not fit stays as it was, with no temporary file', async () => {
    const post = path.join(dir, 'site/source/_posts/tight.md');
    fs.mkdirSync(path.join(dir, 'site/source/_posts/tight'));
    fs.writeFileSync(path.join(dir, 'site/source/_posts/tight/bare.png'), fixturePng(3));
    const text = `---\ntitle: Tight\n---\n\n![b](bare.png)\n\n${'words '.repeat(4000)}\n`;
    fs.writeFileSync(post, text);
    // Fill the disk, then free two pages: room for the lock, none for a second copy of the post.
    const filler = path.join(dir, 'filler');
    const handle = fs.openSync(filler, 'w');
    try {
      for (;;) fs.writeSync(handle, Buffer.alloc(4096, 1));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(handle);
    }
    fs.truncateSync(filler, fs.statSync(filler).size - 8192);
    const report = await syncPosts({ ...settings(), posts: ['tight'] });
    expect(report.problems.map(formatFinding)).toEqual([
      'source/_posts/tight.md:1: could not rewrite the post (ENOSPC) — free some disk space, then run `hexo typora sync` again; the post was not changed',
    ]);
    expect(report.changed).toEqual([]);
    expect(fs.readFileSync(post, 'utf8')).toBe(text);
    expect(siteFiles().filter((f) => TEMP_FILE.test(f))).toEqual([]);
  });
});
