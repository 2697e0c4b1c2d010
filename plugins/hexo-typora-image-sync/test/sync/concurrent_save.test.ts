/**
 * Typora may save a post while sync works on it. The author's save always wins: sync notices (size,
 * mtime and hash compared right before its rename), reads the post again and retries, or gives up with
 * a message, and never leaves a half-written post or a temporary file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncPosts } from '../../src/sync/sync_posts';
import { makeSyncSite, type SyncSite, saveLikeTypora } from './sync_site';

let s: SyncSite;
let file: string;
let shot: string;
let other: string;
beforeEach(() => {
  s = makeSyncSite();
  file = s.file('source/_posts/draft.md');
  shot = `${s.home}/Desktop/shot 1.png`;
  other = `${s.home}/Desktop/html.png`;
  fs.writeFileSync(file, `---\ntitle: Draft\ndate: 2024-04-01\n---\n\n![one](${shot})\n`);
});
afterEach(() => s.remove());

const tempFiles = () =>
  fs
    .readdirSync(s.file('source/_posts'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.includes('.typora-sync-'));

describe('a post saved while it is being synced', () => {
  it("is read again and synced with the author's new text", async () => {
    const saved = `---\ntitle: Draft\ndate: 2024-04-01\n---\n\n![one](${shot})\n\nA paragraph typed meanwhile.\n\n![two](${other})\n`;
    const attempts: number[] = [];
    const report = await syncPosts({
      ...s.settings,
      posts: ['draft'],
      beforeReplace(_file, attempt) {
        attempts.push(attempt);
        if (attempt === 1) saveLikeTypora(file, saved);
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(report.problems).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      saved.replace(shot, 'draft/shot%201.png').replace(other, 'draft/html.png'),
    );
    expect(fs.readFileSync(s.file('source/_posts/draft/html.png')).equals(fs.readFileSync(other))).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('is left as the author saved it when it keeps changing, with a message', async () => {
    let last = '';
    const report = await syncPosts({
      ...s.settings,
      posts: ['draft'],
      beforeReplace(_file, attempt) {
        last = `---\ntitle: Draft\n---\n\n![one](${shot})\n\nSave number ${attempt}.\n`;
        saveLikeTypora(file, last);
      },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(last);
    expect(report.changed).toEqual([]);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: 'source/_posts/draft.md',
        problem: 'the post changed on disk while it was being synced (3 times in a row)',
        fix: expect.stringMatching(/your latest save was kept/),
      }),
    ]);
    expect(tempFiles()).toEqual([]);
  });

  it('never loses or mixes a save when the author writes during many syncs', async () => {
    const versions: string[] = [];
    const version = (n: number) =>
      `---\ntitle: Draft\n---\n\n![one](${shot})\n\n${`Line ${n} of a long paragraph. `.repeat(200)}\n\n![two](${other})\n`;
    const synced = (text: string) =>
      text.replace(shot, 'draft/shot%201.png').replace(other, 'draft/html.png');
    let writing = true;
    const seen: string[] = [];
    // Every tenth save the author stops until two more syncs have ended: the second ran while nobody wrote, so
    // a synced post is seen by construction, however slow the machine (a busy one once let every sync lose).
    let syncsEnded = 0;
    let wake: { after: number; done: () => void } | undefined;
    const syncEnded = () => {
      syncsEnded++;
      if (wake && (syncsEnded >= wake.after || !writing)) {
        wake.done();
        wake = undefined;
      }
    };
    const twoMoreSyncs = () =>
      new Promise<void>((done) => {
        wake = { after: syncsEnded + 2, done };
      });
    const author = (async () => {
      for (let n = 0; writing; n++) {
        // Before each save, the post is the author's previous save, synced or not: sync never put an
        // older version back, never mixed two.
        const previous = versions[versions.length - 1];
        if (previous !== undefined)
          seen.push(
            fs.readFileSync(file, 'utf8') === previous
              ? 'as saved'
              : fs.readFileSync(file, 'utf8') === synced(previous)
                ? 'synced'
                : 'LOST OR MIXED',
          );
        versions.push(version(n));
        saveLikeTypora(file, version(n));
        if (n % 10 === 9) await twoMoreSyncs();
        else await new Promise((resolve) => setTimeout(resolve, (n % 4) * 4));
      }
    })();
    for (let i = 0; i < 40; i++) {
      await syncPosts({ ...s.settings, posts: ['draft'] });
      if (i === 39) writing = false;
      syncEnded();
    }
    await author;
    expect(seen.filter((state) => state === 'LOST OR MIXED')).toEqual([]);
    expect(seen).toContain('synced');
    await syncPosts({ ...s.settings, posts: ['draft'] });
    const final = fs.readFileSync(file, 'utf8');
    expect(final).toBe(synced(versions[versions.length - 1] as string));
    expect(tempFiles()).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith('~'))).toEqual([]);
  });
});
