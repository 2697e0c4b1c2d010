/**
 * Bad input never costs the author data: each case gives a clear `file:line: problem — fix` and the site
 * (every byte of every file) is exactly as it was after sync.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts } from '../../src/sync/check_posts';
import { formatFinding } from '../../src/sync/plan/finding';
import { syncPosts } from '../../src/sync/sync_posts';
import { fixturePng } from '../support/make_png';
import { makeSyncSite, type SyncSite, treeHashes } from './sync_site';

let s: SyncSite;
const posts: Record<string, string | Buffer> = {};
const post = (name: string, body: string | Buffer) => {
  const front = `---\ntitle: ${name}\ndate: 2024-03-01\n---\n\n`;
  posts[name] = typeof body === 'string' ? front + body : Buffer.concat([Buffer.from(front), body]);
};

beforeAll(() => {
  s = makeSyncSite();
  const home = s.home;
  // Files of posts that cannot be read are never called orphans: nothing knows what those posts use.
  s.site.write('source/_posts/nul/kept.png', fixturePng(40));
  s.site.write('source/_posts/huge/kept.png', fixturePng(42));
  post('percent', '![truncated](percent/%E5%9B.png)\n');
  post('nul', Buffer.from(`![fine](${home}/Desktop/shot 1.png)\n\nbroken \u0000 byte\n`));
  post(
    'latin1',
    Buffer.concat([
      Buffer.from(`![x](${home}/Desktop/shot 1.png)\n`),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    ]),
  );
  post('yaml', '');
  posts.yaml = `---\ntitle: broken\ntags: [unclosed\n---\n\n![x](${home}/Desktop/shot 1.png)\n`;
  post('huge', `![x](${home}/Desktop/shot 1.png)\n\n${'word '.repeat(2_100_000)}\n`);
  post('passwd', '![passwd](../../../../../../../../../../etc/passwd)\n');
  post('ssh', '![key](~/.ssh/id_rsa)\n\n![png key](~/.ssh/key.png)\n\n![gone](~/.ssh/nothing.png)\n');
  post(
    'links',
    '![loop](links/loop.png)\n\n![evil](links/evil.png)\n\n![through desktop](~/Desktop/innocent.png)\n',
  );
  post('fake', '![fake](~/Desktop/not-an-image.png)\n');
  // Inside source/ but private to Hexo: copying them into the asset folder would publish them.
  post('private', '![env](.env.local)\n\n![draft](../_drafts/plan.md)\n');
  s.site.write('source/_posts/.env.local', 'SECRET_LOCAL=1\n');
  s.site.write('source/_drafts/plan.md', '---\ntitle: plan\n---\nSECRET plan\n');
  for (const [name, body] of Object.entries(posts)) s.site.write(`source/_posts/${name}.md`, body);

  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
  fs.writeFileSync(path.join(home, '.ssh/id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n');
  fs.writeFileSync(path.join(home, '.ssh/key.png'), fixturePng(41));
  fs.writeFileSync(path.join(home, 'Desktop/not-an-image.png'), 'SECRET=1\n');
  fs.symlinkSync(path.join(home, '.ssh/key.png'), path.join(home, 'Desktop/innocent.png'));
  const links = s.file('source/_posts/links');
  fs.mkdirSync(links);
  fs.symlinkSync('loop.png', path.join(links, 'loop.png'));
  fs.symlinkSync('/etc/passwd', path.join(links, 'evil.png'));
  // A loop of folders: walking post folders must still end.
  fs.symlinkSync('b', path.join(links, 'a'));
  fs.symlinkSync('a', path.join(links, 'b'));
});
afterAll(() => s.remove());

const names = () => Object.keys(posts);

describe('bad inputs', () => {
  it('sync changes nothing at all, and check names each problem', async () => {
    const before = treeHashes(s.site.dir);
    const home = treeHashes(s.home);
    const report = await syncPosts({ ...s.settings, posts: names(), orphans: 'prune' });
    expect(report.changed).toEqual([]);
    expect(report.copied).toEqual([]);
    expect(report.pruned).toEqual([]);
    expect(treeHashes(s.site.dir)).toEqual(before);
    expect(treeHashes(s.home)).toEqual(home);

    const lines = (await checkPosts({ ...s.settings, posts: names() })).findings.map(formatFinding);
    const expectLine = (pattern: RegExp) => expect(lines).toContainEqual(expect.stringMatching(pattern));
    expectLine(
      /^source\/_posts\/percent\.md:6: image "percent\/%E5%9B\.png" has bad percent-encoding .* — write the file name as it is/,
    );
    expectLine(
      /^source\/_posts\/nul\.md:8: the post contains a NUL byte: .* — restore it from git .*nothing was changed$/,
    );
    expectLine(/^source\/_posts\/latin1\.md:7: the post is not valid UTF-8 text — save it as UTF-8/);
    expectLine(/^source\/_posts\/yaml\.md:4: the front matter cannot be read \(.*\) — fix the YAML/);
    expectLine(
      /^source\/_posts\/huge\.md:8: line 8 is 10\.0 MB long and the markdown reader fails on it \(.*\) — break the line up/,
    );
    expectLine(
      /^source\/_posts\/passwd\.md:6: image ".*etc\/passwd" points at \/etc\/passwd, which is never copied or published: its content is not an image or other media file — /,
    );
    expectLine(
      /^source\/_posts\/ssh\.md:6: image "~\/\.ssh\/id_rsa" points at .*\/\.ssh\/id_rsa, which is never copied or published: it is inside a hidden \(dot\) folder/,
    );
    expectLine(
      /^source\/_posts\/ssh\.md:8: image "~\/\.ssh\/key\.png" points at .* it is inside a hidden \(dot\) folder/,
    );
    expectLine(
      /^source\/_posts\/ssh\.md:10: image "~\/\.ssh\/nothing\.png" is a path on the author's computer and is not on this one — run `hexo typora sync` on the computer that has it/,
    );
    expectLine(
      /^source\/_posts\/links\.md:6: image "links\/loop\.png" is a symbolic link that points to itself, or to a loop of links \(source\/_posts\/links\/loop\.png\) — replace the link/,
    );
    expectLine(
      /^source\/_posts\/links\.md:8: image "links\/evil\.png" is a symbolic link to \/etc\/passwd, outside the repository/,
    );
    expectLine(
      /^source\/_posts\/links\.md:10: image "~\/Desktop\/innocent\.png" points at .*\/\.ssh\/key\.png, which is never copied or published: it is inside a hidden \(dot\) folder/,
    );
    expectLine(
      /^source\/_posts\/fake\.md:6: image "~\/Desktop\/not-an-image\.png" points at .*: its content is not an image or other media file/,
    );
    expectLine(
      /^source\/_posts\/private\.md:6: image "\.env\.local" points at source\/_posts\/\.env\.local, which is never copied or published: it is a hidden \(dot\) file/,
    );
    expectLine(
      /^source\/_posts\/private\.md:8: image "\.\.\/_drafts\/plan\.md" points at source\/_drafts\/plan\.md, which is never copied or published: it is a draft/,
    );
    // Every finding here breaks the site, so CI fails.
    expect(lines.length).toBe(15);
  });
});
