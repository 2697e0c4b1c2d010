/**
 * The sync engine on a real folder: every outside image ends up in the post's asset folder with its exact
 * bytes, only destination bytes change, originals stay, a second run changes nothing, renamed posts take
 * their folder along, and unused files go to the trash only when asked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReferences } from '../../src/markdown/find_references';
import { checkPosts } from '../../src/sync/check_posts';
import { formatFinding } from '../../src/sync/plan/finding';
import { syncPosts } from '../../src/sync/sync_posts';
import { fixturePng } from '../support/make_png';
import { FIXTURE_FILES, makeSyncSite, PAPER, type SyncSite, sha256, treeHashes } from './sync_site';

let s: SyncSite;
beforeEach(() => {
  s = makeSyncSite();
});
afterEach(() => s.remove());

const HELLO = 'source/_posts/hello.md';
const bytesOf = (file: string) => fs.readFileSync(file);

describe('syncPosts', () => {
  it('copies every outside file into the asset folder and rewrites only those destinations', async () => {
    const before = s.read(HELLO);
    const originals = treeHashes(s.home);
    const report = await syncPosts({ ...s.settings, posts: ['hello'] });
    const after = s.read(HELLO);

    expect(report.problems).toEqual([]);
    const expected: Record<string, string> = {
      'shot%201.png': 'HOME/Desktop/shot 1.png',
      'image-20240102101010.png':
        'HOME/Library/Application Support/typora-user-images/image-20240102101010.png',
      '截图%202.png': 'HOME/Desktop/截图 2.png',
      'shared.png': 'source/_posts/assets/shared.png',
      'pasted.png': 'source/_posts/hello.assets/pasted.png',
      'html.png': 'HOME/Desktop/html.png',
      'bare.png': 'source/_posts/hello/bare.png',
      'case.png': 'source/_posts/hello/case.png',
    };
    for (const [encoded, source] of Object.entries(expected)) {
      expect(after).toMatch(new RegExp(`[("<]hello/${encoded.replace('.', '\\.')}[)" ]`));
      expect(bytesOf(path.join(s.site.dir, 'source/_posts/hello', decodeURIComponent(encoded)))).toEqual(
        bytesOf(s.file(source)),
      );
    }
    // A different picture with the same name gets a name of its own; the same file twice is copied once.
    const other = /\(hello\/(shot%201-[0-9a-f]{8}\.png)\)/.exec(after)?.[1] as string;
    expect(other).toBeDefined();
    expect(bytesOf(path.join(s.site.dir, 'source/_posts/hello', decodeURIComponent(other)))).toEqual(
      bytesOf(s.file('HOME/Pictures/shot 1.png')),
    );
    expect(after).toContain('![desktop again](<hello/shot%201.png>)');
    expect(after).toContain('<img src="hello/html.png" alt="html" style="zoom:50%;" />');
    expect(after).toContain('[the paper](hello/paper.pdf#page=2)');
    expect(s.read('source/_posts/hello/paper.pdf')).toBe(PAPER);
    expect(after).toContain('![typora](hello/image-20240102101010.png "From Typora")');

    // Front matter, code, inline code and external references are the same bytes.
    const keep = (text: string) =>
      text.split('\n').filter((line) => !/!\[|<img|\[the paper\]/.test(line) || line.includes('`'));
    expect(keep(after)).toEqual(keep(before));
    expect(after.slice(0, after.indexOf('Pasted'))).toBe(before.slice(0, before.indexOf('Pasted')));
    expect(after).toContain(`\`\`\`markdown\n![code](${s.home}/Desktop/shot 1.png)\n\`\`\``);

    // Originals are copied, never moved.
    expect(treeHashes(s.home)).toEqual(originals);
    for (const name of ['source/_posts/hello.assets/pasted.png', 'source/_posts/assets/shared.png']) {
      expect(fs.existsSync(s.file(name))).toBe(true);
    }
    expect(report.changed).toEqual([HELLO]);
    expect(report.copied).toHaveLength(8); // shot 1 (once), image-…, 截图 2, other shot 1, pasted, shared, html, paper
  });

  it('changes nothing on a second run, and says so', async () => {
    await syncPosts({ ...s.settings });
    const once = treeHashes(s.site.dir);
    const again = await syncPosts({ ...s.settings });
    expect(treeHashes(s.site.dir)).toEqual(once);
    expect(again).toMatchObject({ changed: [], copied: [], rewritten: 0, problems: [], unchanged: 3 });
    const check = await checkPosts({ ...s.settings });
    expect(check.findings.map(formatFinding)).toEqual([]);
  });

  it('leaves every destination resolvable by the reference finder, one per reference', async () => {
    const before = findReferences(s.read(HELLO));
    await syncPosts({ ...s.settings, posts: ['hello'] });
    const after = findReferences(s.read(HELLO));
    expect(after.map((r) => r.line)).toEqual(before.map((r) => r.line));
    for (const ref of after) {
      if (!/^hello\//.test(ref.destination)) continue;
      const file = path.join(
        s.site.dir,
        'source/_posts',
        decodeURIComponent(ref.destination.replace(/#.*$/, '')),
      );
      expect(fs.existsSync(file), ref.destination).toBe(true);
    }
  });

  it('follows a renamed post: copies the files it uses from its old folder, switches the prefixes and typora-copy-images-to', async () => {
    s.site.write('source/_posts/old-name/notes-private.txt', 'not for the site\n');
    s.site.write('source/_posts/old-name/sub/source.psd', '8BPS');
    s.site.write('source/_posts/old-name/inner.md', '---\ntitle: inner\n---\n');
    const report = await syncPosts({ ...s.settings, posts: ['renamed-post.md'] });
    const text = s.read('source/_posts/renamed-post.md');
    expect(text).toContain('typora-copy-images-to: renamed-post\n');
    expect(text).toContain('![first](renamed-post/first.png)');
    expect(text).toContain('![nested](renamed-post/sub/nested.png)');
    for (const name of ['first.png', 'sub/nested.png']) {
      expect(bytesOf(s.file(`source/_posts/renamed-post/${name}`))).toEqual(
        bytesOf(s.file(`source/_posts/old-name/${name}`)),
      );
    }
    // Only what the post references follows it: no notes, sources or stray posts get published.
    expect(fs.readdirSync(s.file('source/_posts/renamed-post'), { recursive: true }).sort()).toEqual([
      'first.png',
      'sub',
      'sub/nested.png',
    ]);
    expect(report.copied).toHaveLength(2);
    expect(report.fixed.map((f) => f.problem).join('\n')).toMatch(
      /folder old-name\/ of a post that no longer exists/,
    );
    // The old folder stays.
    expect(fs.existsSync(s.file('source/_posts/old-name/first.png'))).toBe(true);
  });

  it('does not take the folder of another existing post for a renamed one', async () => {
    s.site.write(
      'source/_posts/old-name.md',
      '---\ntitle: Old name still here\n---\n\n![x](old-name/first.png)\n',
    );
    await syncPosts({ ...s.settings, posts: ['renamed-post'] });
    const text = s.read('source/_posts/renamed-post.md');
    expect(text).toContain('typora-copy-images-to: old-name\n');
    // The references are still fixed (copied), but the unreferenced file stays where it is.
    expect(text).toContain('![first](renamed-post/first.png)');
    expect(fs.existsSync(s.file('source/_posts/renamed-post/unused.png'))).toBe(false);
  });

  it('reports orphans and moves them to a git-ignored trash only with prune', async () => {
    const first = await syncPosts({ ...s.settings, orphans: 'report' });
    const shown = (files: string[]) => files.map((f) => path.relative(s.site.dir, f)).sort();
    expect(shown(first.orphans)).toEqual([
      'source/_posts/assets/shared.png',
      'source/_posts/clean/orphan.png',
      'source/_posts/hello.assets/pasted.png',
      'source/_posts/old-name/first.png',
      'source/_posts/old-name/sub/nested.png',
      'source/_posts/old-name/unused.png',
    ]);
    expect(fs.existsSync(s.file('source/_posts/clean/orphan.png'))).toBe(true);
    const orphanBytes = bytesOf(s.file('source/_posts/clean/orphan.png'));

    const pruned = await syncPosts({
      ...s.settings,
      orphans: 'prune',
      now: new Date('2026-01-02T03:04:05Z'),
    });
    expect(pruned.pruned).toHaveLength(6);
    const trash = path.join(s.site.dir, '.typora-sync/trash/pruned/2026-01-02T03-04-05.000Z');
    expect(bytesOf(path.join(trash, 'source/_posts/clean/orphan.png'))).toEqual(orphanBytes);
    expect(fs.existsSync(s.file('source/_posts/clean/orphan.png'))).toBe(false);
    expect(fs.readFileSync(path.join(s.site.dir, '.typora-sync/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    // Everything still referenced is still there.
    expect(fs.existsSync(s.file('source/_posts/clean/fine.png'))).toBe(true);
    expect((await syncPosts({ ...s.settings, orphans: 'report' })).orphans).toEqual([]);
  });

  it('never calls a file an orphan when its post names it (front matter, asset_img)', async () => {
    s.site.write('source/_posts/clean/cover.png', 'x');
    s.site.write('source/_posts/clean/tagged.png', 'x');
    const text = s.read('source/_posts/clean.md').replace('title:', 'cover: cover.png\ntitle:');
    s.site.write('source/_posts/clean.md', `${text}\n{% asset_img tagged.png %}\n`);
    const report = await syncPosts({ ...s.settings, posts: ['clean'], orphans: 'report' });
    expect(report.orphans.map((f) => path.basename(f))).toEqual(['orphan.png']);
  });

  it('a dry run writes nothing: the whole tree and the home folder hash the same', async () => {
    const site = treeHashes(s.site.dir);
    const home = treeHashes(s.home);
    const report = await syncPosts({ ...s.settings, dryRun: true, orphans: 'prune' });
    expect(report.diff).toContain('--- a/source/_posts/hello.md\n+++ b/source/_posts/hello.md\n');
    expect(report.diff).toContain('+![desktop](hello/shot%201.png)');
    expect(report.copied.length).toBeGreaterThan(0);
    expect(report.pruned).toEqual([]);
    expect(treeHashes(s.site.dir)).toEqual(site);
    expect(treeHashes(s.home)).toEqual(home);
  });

  it('fixes letter case by rewriting the reference, never by renaming the file', async () => {
    await syncPosts({ ...s.settings, posts: ['hello'] });
    expect(s.read(HELLO)).toContain('![case](hello/case.png)');
    expect(fs.readdirSync(s.file('source/_posts/hello')).filter((n) => /^case\.png$/i.test(n))).toEqual([
      'case.png',
    ]);
  });

  it('rewrites backslash separators to /, and treats a linked file beside the post as the build does', async () => {
    s.site.write(
      'source/_posts/win.md',
      '---\ntitle: Win\n---\n\n![w](win\\sub\\a.png)\n\n[script](run.py)\n',
    );
    s.site.write('source/_posts/win/sub/a.png', fixturePng(40));
    s.site.write('source/_posts/run.py', 'print("hi")\n');
    const check = await checkPosts({ ...s.settings, posts: ['win'] });
    expect(check.findings.map(formatFinding)).toEqual([
      expect.stringMatching(
        /^source\/_posts\/win\.md:5: image "win\\\\sub\\\\a\.png" uses \\ between folders/,
      ),
      // The build publishes a file beside the post (Hexo's privacy rules allow it), so sync copies it.
      expect.stringMatching(/^source\/_posts\/win\.md:7: file "run\.py" is outside the post's asset folder/),
    ]);
    await syncPosts({ ...s.settings, posts: ['win'] });
    expect(s.read('source/_posts/win.md')).toBe(
      '---\ntitle: Win\n---\n\n![w](win/sub/a.png)\n\n[script](win/run.py)\n',
    );
    expect(s.read('source/_posts/win/run.py')).toBe('print("hi")\n');
  });

  it('keeps CRLF line endings and a byte order mark as they are', async () => {
    const crlf = `\uFEFF---\r\ntitle: Windows\r\ndate: 2024-01-05\r\n---\r\n\r\n![w](${s.home}/Desktop/shot 1.png)\r\n\r\ntext\r\n`;
    s.site.write('source/_posts/windows.md', crlf);
    await syncPosts({ ...s.settings, posts: ['windows'] });
    expect(s.read('source/_posts/windows.md')).toBe(
      crlf.replace(`${s.home}/Desktop/shot 1.png`, 'windows/shot%201.png'),
    );
  });

  it('checks report every problem with file and line, and which ones break the site', async () => {
    const report = await checkPosts({ ...s.settings });
    const lines = report.findings.map(formatFinding);
    const lineOf = (needle: string) =>
      s
        .read(HELLO)
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^source/_posts/hello.md:${lineOf('hello/Case.PNG')}: image "hello/Case.PNG" exists only as "source/_posts/hello/case.png" \\(different letter case\\).* — \`hexo typora sync\` rewrites`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^source/_posts/hello.md:${lineOf('Desktop/截图 2.png')}: image ".*截图 2.png" is outside the repository: CI and readers never get it — \`hexo typora sync\` copies it into source/_posts/hello/$`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^source\/_posts\/hello.md:\d+: image "bare.png" is in the asset folder, but Typora does not show it/,
      ),
    );
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.line)).toEqual([10, 12, 14, 16, 18, 28, 30, 32]);
    expect(report.fixable.size).toBe(report.findings.length);
    // Nothing references old-name/unused.png (renamed-post uses the folder's other files).
    expect(report.orphans.map((f) => path.basename(f))).toEqual(['orphan.png', 'unused.png']);
  });

  it('tells which post names are unknown instead of doing nothing', async () => {
    await expect(syncPosts({ ...s.settings, posts: ['nope'] })).rejects.toThrow(/no post matches "nope"/);
  });

  it('fixture sanity: every fixture file exists and differs from the others', () => {
    const hashes = Object.keys(FIXTURE_FILES).map((name) => sha256(bytesOf(s.file(name))));
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
