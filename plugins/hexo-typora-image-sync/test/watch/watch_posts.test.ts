/**
 * The watcher against real saves written the way Typora writes (a temporary file renamed over the post):
 * the pasted image lands in the asset folder (how fast is the bench's business: bench/sync.bench.mjs), a
 * burst of saves is one sync, and the watcher's own rewrite never triggers another.
 *
 * "Nothing more happened" is checked after a sentinel: a second post saved afterwards, whose sync proves
 * that the watcher has handled the events before it. A sleep would prove nothing on a loaded machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PostWatcher, type WatchedSync, watchPosts } from '../../src/watch/watch_posts';
import { fixturePng } from '../support/make_png';
import { makeSyncSite, type SyncSite, saveLikeTypora } from '../sync/sync_site';

let s: SyncSite;
let watcher: PostWatcher;
let syncs: WatchedSync[];
let post: string;
let sentinels = 0;

async function startWatcher(options: { debounceMs?: number } = {}): Promise<void> {
  await watcher?.close();
  syncs = [];
  watcher = watchPosts({ ...s.settings, ...options, onSynced: (sync) => syncs.push(sync) });
  await watcher.ready;
}

beforeEach(async () => {
  s = makeSyncSite();
  post = s.file('source/_posts/writing.md');
  await startWatcher();
});
afterEach(async () => {
  await watcher.close();
  s.remove();
});

const text = (images: number[]) =>
  `---\ntitle: Writing\ndate: 2024-06-01\n---\n\n${images.map((n) => `![shot ${n}](${s.home}/Desktop/paste ${n}.png)\n`).join('\n')}`;

function paste(n: number): void {
  fs.writeFileSync(path.join(s.home, `Desktop/paste ${n}.png`), fixturePng(200 + n));
}

/** Polls `condition`; the time limit is only a safety net for a watcher that never acts. */
async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Saves another post with a pasted image and waits for its sync, then for the watcher to be idle: the
 * file system reported the changes made before this call first, so by then the watcher has seen them, and a
 * sync they caused has run (or is running, and `idle` waits for it). Returns the sentinel's file.
 */
async function afterSentinel(): Promise<string> {
  sentinels += 1;
  const image = path.join(s.home, `Desktop/sentinel ${sentinels}.png`);
  fs.writeFileSync(image, fixturePng(900 + sentinels));
  const file = s.file(`source/_posts/sentinel-${sentinels}.md`);
  saveLikeTypora(file, `---\ntitle: Sentinel\ndate: 2024-06-02\n---\n\n![s](${image})\n`);
  await waitFor(() => syncs.some((sync) => sync.file === file), 'the sentinel post to be synced');
  await watcher.idle();
  return file;
}

describe('watchPosts', () => {
  it('copies each pasted image into the asset folder when Typora saves', async () => {
    const images: number[] = [];
    for (let n = 1; n <= 12; n++) {
      paste(n);
      images.push(n);
      saveLikeTypora(post, text(images));
      const copy = s.file(`source/_posts/writing/paste ${n}.png`);
      // Copies are written to a temporary name and renamed: once it exists, it is whole.
      await waitFor(() => fs.existsSync(copy), `paste ${n}.png to be copied`);
      expect(fs.readFileSync(copy).equals(fs.readFileSync(path.join(s.home, `Desktop/paste ${n}.png`)))).toBe(
        true,
      );
      await watcher.idle();
    }
    expect(fs.readFileSync(post, 'utf8')).toBe(
      text(images).replace(/\(.*?Desktop\/paste (\d+)\.png\)/g, '(writing/paste%20$1.png)'),
    );
  });

  it('never syncs its own rewrite again, and never loops', async () => {
    paste(1);
    saveLikeTypora(post, text([1]));
    await waitFor(() => syncs.length === 1, 'the sync');
    await watcher.idle();
    const rewritten = fs.readFileSync(post, 'utf8');
    expect(rewritten).toContain('(writing/paste%201.png)');
    // The rewrite's own change event came before the sentinel's: a loop would show as a second sync of it.
    const sentinel = await afterSentinel();
    expect(syncs.map((sync) => sync.file)).toEqual([post, sentinel]);
    expect(syncs[0]?.report.changed).toEqual(['source/_posts/writing.md']);
    expect(fs.readFileSync(post, 'utf8')).toBe(rewritten);
  });

  it('folds a burst of saves into one sync of the last one', async () => {
    // The burst takes a few milliseconds; a quiet period far longer than that keeps a loaded machine, which
    // may pause this process between two events, from splitting it (the default is tuned by the bench).
    await startWatcher({ debounceMs: 500 });
    for (let n = 1; n <= 5; n++) paste(n);
    for (let n = 1; n <= 5; n++) saveLikeTypora(post, text([1, 2, 3, 4, 5].slice(0, n)));
    await waitFor(() => syncs.length >= 1, 'the sync');
    await watcher.idle();
    const sentinel = await afterSentinel();
    expect(syncs.map((sync) => sync.file)).toEqual([post, sentinel]);
    expect(fs.readdirSync(s.file('source/_posts/writing')).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `paste ${n}.png`).sort(),
    );
  });

  it('does not follow linked folders: a link to /usr is not walked', async () => {
    await watcher.close();
    fs.symlinkSync('/usr', s.file('source/_posts/usr-link'));
    fs.symlinkSync('..', s.file('source/_posts/loop'));
    const started = Date.now();
    watcher = watchPosts({ ...s.settings, onSynced: (sync) => syncs.push(sync) });
    await watcher.ready;
    // Walking /usr takes minutes (it never got ready in 120 s); the post folders alone take well under this.
    expect(Date.now() - started).toBeLessThan(10_000);
    paste(1);
    saveLikeTypora(post, text([1]));
    await waitFor(() => fs.existsSync(s.file('source/_posts/writing/paste 1.png')), 'the paste', 10_000);
  });

  it('ignores images, dot files and files outside the post folders', async () => {
    s.site.write('source/_posts/hello/new.png', fixturePng(300));
    s.site.write('source/_posts/.hidden.md', `![x](${s.home}/Desktop/shot 1.png)\n`);
    s.site.write('source/about/index.md', `![x](${s.home}/Desktop/shot 1.png)\n`);
    const sentinel = await afterSentinel();
    expect(syncs.map((sync) => sync.file)).toEqual([sentinel]);
  });
});
