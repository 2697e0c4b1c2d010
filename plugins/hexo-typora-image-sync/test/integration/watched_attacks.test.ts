/**
 * The watcher (the engine `hexo typora watch` and `hexo server` run) meets a post that Typora saves with
 * every attack in it: it copies only the allowed images into the asset folder and reports each attack
 * with the same refusal as the build, and no secret lands in the repository; a path that is a pipe, a
 * folder or a device is named for what it is, without hanging the watcher.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type PostWatcher, type WatchedSync, watchPosts } from '../../src/watch/watch_posts';
import { attackPost, filesWithSecret, OUTSIDE_ATTACKS, plantOutsideFiles } from '../support/attack_files';
import { makeSyncSite, type SyncSite, saveLikeTypora } from '../sync/sync_site';

let s: SyncSite;
let watcher: PostWatcher;
const syncs: WatchedSync[] = [];

beforeEach(async () => {
  s = makeSyncSite();
  plantOutsideFiles(s.home);
  syncs.length = 0;
  watcher = watchPosts({ ...s.settings, onSynced: (sync) => syncs.push(sync) });
  await watcher.ready;
});
afterEach(async () => {
  await watcher.close();
  s.remove();
});

it('copies only the allowed images of a saved post and reports every attack', async () => {
  const post = s.file('source/_posts/attacked.md');
  saveLikeTypora(post, attackPost(s.home));
  const until = Date.now() + 20_000;
  while (!syncs.some((sync) => sync.file === post && sync.report.changed.length > 0)) {
    if (Date.now() > until) throw new Error('the watcher did not sync the post');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sync = syncs.find((done) => done.file === post && done.report.changed.length > 0) as WatchedSync;
  const copied = sync.report.copied.map((copy) => copy.to.slice(s.file('source/_posts/attacked/').length));
  expect(copied.sort()).toEqual(['image-20240201.png', 'ok.png']);
  const problems = sync.report.problems.map((p) => `${p.problem} — ${p.fix}`);
  for (const { alt, file, refusal } of OUTSIDE_ATTACKS) {
    const about = problems.filter((p) => p.startsWith(`image ${JSON.stringify(path.join(s.home, file))} `));
    expect(about, `${alt}\n${problems.join('\n')}`).toHaveLength(1);
    expect(about[0], alt).toMatch(refusal);
  }
  expect(sync.report.problems).toHaveLength(OUTSIDE_ATTACKS.length);
  expect(filesWithSecret(s.site.dir)).toEqual([]);
});

it('names what is at a path that is not a file, does not hang on a pipe, and leaves the post as saved', async () => {
  execFileSync('mkfifo', [path.join(s.home, 'pipe.png')]);
  fs.mkdirSync(s.file('source/_posts/odd/dir.png'), { recursive: true });
  const post = s.file('source/_posts/odd.md');
  const text = [
    '---\ntitle: Odd\n---\n',
    `![pipe](${s.home}/pipe.png)\n`,
    '![folder](odd/dir.png)\n',
    '![device](/dev/zero)\n',
    '![plain](odd/%1B[2K%0Dgone.png)\n',
  ].join('\n');
  saveLikeTypora(post, text);
  const until = Date.now() + 20_000;
  while (!syncs.some((sync) => sync.file === post)) {
    if (Date.now() > until) throw new Error('the watcher did not look at the post');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sync = syncs.find((done) => done.file === post) as WatchedSync;
  const problems = sync.report.problems.map((p) => p.problem);
  expect(problems).toHaveLength(4);
  expect(problems[0]).toMatch(/names a named pipe \(FIFO\) \(.*\/pipe\.png\), not a file/);
  expect(problems[1]).toMatch(/names a folder \(source\/_posts\/odd\/dir\.png\), not a file/);
  expect(problems[2]).toMatch(/names a device \(\/dev\/zero\), not a file/);
  expect(problems[3]).toMatch(/\\u001b\[2K\\u000dgone\.png/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a raw ESC or CR would rewrite the terminal line
  expect(problems.join('\n')).not.toMatch(/[\u001b\r]/);
  expect(sync.report.copied).toEqual([]);
  expect(fs.readFileSync(post, 'utf8')).toBe(text);
});
