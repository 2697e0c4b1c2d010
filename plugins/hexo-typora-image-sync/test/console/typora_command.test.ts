/**
 * `hexo typora` through the real Hexo CLI on a temporary site: help text, exit codes for CI, a dry run that
 * prints a diff `patch` applies and changes nothing, refusal of mistyped options, a real sync that a second
 * run finds nothing to do for, and a `hexo generate` in strict mode that serves every synced image.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config';
import type { HexoRun } from '../support/hexo_site';
import { imagesIn, linksIn, publicFileFor } from '../support/html_images';
import { fixturePng } from '../support/make_png';
import { FIXTURE_FILES, makeSyncSite, type SyncSite, treeHashes } from '../sync/sync_site';

let s: SyncSite;
const hexo = (...args: string[]): Promise<HexoRun> => s.site.hexo(args, { HOME: s.home });
const siteTree = () => treeHashes(s.site.dir);

beforeAll(() => {
  s = makeSyncSite();
});
afterAll(() => s.remove());

describe('hexo typora (real CLI), in order', () => {
  it('documents itself in `hexo help typora`, every setting with its default included', async () => {
    const run = await hexo('help', 'typora');
    expect(run.code).toBe(0);
    expect(run.output).toContain('Usage: hexo typora <check|sync|watch> [post ...] [--dry-run] [--prune]');
    for (const word of ['check', 'sync', 'watch', '--dry-run', '--prune', 'Exit code 1'])
      expect(run.output).toContain(word);
    for (const [key, value] of Object.entries(DEFAULT_CONFIG)) {
      if (key === 'warnings') continue;
      // typora.images is a section; its default is "on".
      const shown = key === 'images' ? String((value as { enable: boolean }).enable) : value;
      expect(run.output).toMatch(new RegExp(`^ +typora\\.${key}: ${shown} +\\S`, 'm'));
    }
    // Says what the commands do to the author's files, once and consistently: copies, never moves.
    expect(run.output).toContain('Originals are never moved or deleted');
    expect(run.output).not.toMatch(/commands move/);
  });

  it('prints the usage when run without a command, and does nothing', async () => {
    const before = siteTree();
    const [help, bare] = [await hexo('help', 'typora'), await hexo('typora')];
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain(help.stdout.trim());
    expect(siteTree()).toEqual(before);
  });

  it('check fails (exit 1) with file:line: problem — fix lines when the site would break', async () => {
    const run = await hexo('typora', 'check');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^source\/_posts\/hello\.md:10: image ".*Desktop\/shot 1\.png" is outside the repository: CI and readers never get it — `hexo typora sync` copies it into source\/_posts\/hello\/$/m,
    );
    expect(run.stdout).toMatch(/^source\/_posts\/hello\.md:28: image "hello\/Case\.PNG" exists only as/m);
    expect(run.output).toMatch(
      /typora check: 3 posts, 12 image problem\(s\), 8 of them break the deployed site/,
    );
    const clean = await hexo('typora', 'check', 'clean');
    expect(clean.code, clean.output).toBe(0);
  });

  it('refuses unknown options, commands and posts, doing nothing', async () => {
    const before = siteTree();
    const typo = await hexo('typora', 'sync', '--dryrun');
    expect(typo.code).toBe(1);
    expect(typo.output).toContain('unknown option --dryrun; nothing was done');
    const post = await hexo('typora', 'sync', 'nope');
    expect(post.code).toBe(1);
    expect(post.output).toMatch(/no post matches "nope"/);
    const command = await hexo('typora', 'frobnicate');
    expect(command.code).toBe(1);
    expect(command.output).toMatch(/unknown command "frobnicate"/);
    expect(siteTree()).toEqual(before);
  });

  let dryRun: HexoRun;
  it('sync --dry-run prints the copies and a diff, and changes nothing', async () => {
    const site = siteTree();
    const home = treeHashes(s.home);
    dryRun = await hexo('typora', 'sync', '--dry-run');
    expect(dryRun.code, dryRun.output).toBe(0);
    expect(dryRun.stdout).toMatch(
      /^would copy .*\/Desktop\/shot 1\.png → source\/_posts\/hello\/shot 1\.png$/m,
    );
    expect(dryRun.stdout).toContain('--- a/source/_posts/hello.md\n+++ b/source/_posts/hello.md\n');
    expect(dryRun.stdout).toContain('+![desktop](hello/shot%201.png)');
    expect(dryRun.output).toContain('nothing was changed');
    expect(siteTree()).toEqual(site);
    expect(treeHashes(s.home)).toEqual(home);
  });

  // Every spelling minimist can produce is in typora_args.test.ts; these are the ones the CLI is tried with.
  it('no spelling of --dry-run changes anything: the whole site and home hash the same', async () => {
    const site = siteTree();
    const home = treeHashes(s.home);
    const forms: [string[], number][] = [
      [['sync', '--dry-run=true'], 0],
      [['sync', '--dry-run=yes'], 0],
      [['sync', '--dry-run=1'], 0],
      [['sync', 'hello', '--dry-run', '--prune'], 0],
      [['sync', '--dry-run', 'hello'], 1],
      [['sync', '--prune', '--dry-run', 'a1'], 1],
      [['sync', '--dry-run=a1'], 1],
      [['sync', '--dry-run=false'], 1],
      [['--dry-run', 'sync'], 1],
    ];
    for (let at = 0; at < forms.length; at += 4) {
      const runs = await Promise.all(forms.slice(at, at + 4).map(([args]) => hexo('typora', ...args)));
      runs.forEach((run, i) => {
        const [args, code] = forms[at + i] as [string[], number];
        expect(run.code, `hexo typora ${args.join(' ')}\n${run.output}`).toBe(code);
        if (code === 0) expect(run.output).toContain('nothing was changed');
        else expect(run.output).toMatch(/nothing was done/i);
      });
    }
    expect(siteTree()).toEqual(site);
    expect(treeHashes(s.home)).toEqual(home);
  });

  it('sync copies, rewrites, and its posts equal the dry run diff applied by patch', async () => {
    const patched = path.join(s.site.dir, '..', `${path.basename(s.site.dir)}-patched`);
    fs.cpSync(path.join(s.site.dir, 'source'), path.join(patched, 'source'), { recursive: true });
    execFileSync('patch', ['-p1', '--batch', '--quiet'], {
      cwd: patched,
      input: dryRun.stdout,
      timeout: 10_000,
    });

    const run = await hexo('typora', 'sync');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(
      /typora sync: 3 post\(s\): copy 10 file\(s\), rewrite 13 reference\(s\) in 2 post\(s\); 1 needed nothing; 0 problem\(s\) left/,
    );
    for (const post of ['hello.md', 'renamed-post.md', 'clean.md']) {
      expect(fs.readFileSync(path.join(patched, 'source/_posts', post), 'utf8')).toBe(
        s.read(`source/_posts/${post}`),
      );
    }
    fs.rmSync(patched, { recursive: true, force: true });
  });

  it('a second sync has nothing to do, and check passes', async () => {
    const before = siteTree();
    const again = await hexo('typora', 'sync');
    expect(again.code).toBe(0);
    expect(again.output).toContain(
      'typora sync: nothing to do, 3 post(s) already have every image in their asset folder.',
    );
    expect(siteTree()).toEqual(before);
    const check = await hexo('typora', 'check');
    expect(check.code, check.output).toBe(0);
  });

  it('hexo generate in strict mode serves every synced image with the bytes of its original', async () => {
    const run = await s.site.hexo(['generate'], { HOME: s.home, HEXO_TYPORA_STRICT: '1' });
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/WARN/);
    const publicDir = s.file('public');
    const page = path.join(publicDir, '2024/01/02/hello/index.html');
    const byAlt = new Map(imagesIn(page).map((image) => [image.alt, image.src]));
    const expected: Record<string, string> = {
      desktop: 'HOME/Desktop/shot 1.png',
      typora: 'HOME/Library/Application Support/typora-user-images/image-20240102101010.png',
      cjk: 'HOME/Desktop/截图 2.png',
      'same name, other picture': 'HOME/Pictures/shot 1.png',
      'desktop again': 'HOME/Desktop/shot 1.png',
      'dot assets': 'source/_posts/hello.assets/pasted.png',
      shared: 'source/_posts/assets/shared.png',
      'in place': 'source/_posts/hello/ok.png',
      bare: 'source/_posts/hello/bare.png',
      case: 'source/_posts/hello/case.png',
      html: 'HOME/Desktop/html.png',
    };
    for (const [alt, source] of Object.entries(expected)) {
      expect(source in FIXTURE_FILES).toBe(true);
      const src = byAlt.get(alt) as string;
      expect(src, alt).toMatch(/^\/2024\/01\/02\/hello\//);
      const served = publicFileFor(publicDir, '/', src) as string;
      expect(fs.readFileSync(served).equals(fs.readFileSync(s.file(source))), `${alt}: ${src}`).toBe(true);
    }
    expect(byAlt.get('cjk')).toBe('/2024/01/02/hello/%E6%88%AA%E5%9B%BE%202.png');
    expect(linksIn(page).find((l) => l.text === 'the paper')?.href).toBe(
      '/2024/01/02/hello/paper.pdf#page=2',
    );
    const renamed = imagesIn(path.join(publicDir, '2024/01/03/renamed-post/index.html'));
    expect(renamed.map((i) => i.src)).toEqual([
      '/2024/01/03/renamed-post/first.png',
      '/2024/01/03/renamed-post/sub/nested.png',
    ]);
  });

  it('sync --prune moves unused files to the trash in .git/, which git clean -fdx leaves alone', async () => {
    execFileSync('git', ['init', '-q'], { cwd: s.site.dir });
    const run = await hexo('typora', 'sync', '--prune');
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(
      /^moved source\/_posts\/clean\/orphan\.png → \.git\/typora-sync\/trash\/pruned\/[0-9T.-]+Z\/source\/_posts\/clean\/orphan\.png$/m,
    );
    expect(fs.existsSync(s.file('source/_posts/clean/orphan.png'))).toBe(false);
    const moved = /^moved source\/_posts\/clean\/orphan\.png → (\.git\/\S+)$/m.exec(
      run.stdout,
    )?.[1] as string;
    expect(
      fs
        .readFileSync(s.file(moved))
        .equals(fixturePng(FIXTURE_FILES['source/_posts/clean/orphan.png'] as number)),
    ).toBe(true);
    execFileSync('git', ['clean', '-fdxq'], { cwd: s.site.dir });
    expect(
      fs
        .readFileSync(s.file(moved))
        .equals(fixturePng(FIXTURE_FILES['source/_posts/clean/orphan.png'] as number)),
    ).toBe(true);
  });
});

describe('hexo typora sync on many posts', () => {
  let many: SyncSite;
  beforeAll(() => {
    many = makeSyncSite();
    for (let n = 1; n <= 60; n++) {
      fs.writeFileSync(path.join(many.home, `Desktop/many-${n}.png`), fixturePng(500 + n));
      many.site.write(
        `source/_posts/many-${n}.md`,
        `---\ntitle: Many ${n}\ndate: 2024-04-01\n---\n\n![shot](${many.home}/Desktop/many-${n}.png)\n`,
      );
    }
  });
  afterAll(() => many.remove());

  it('prints progress at every tenth of the posts, then the summary', async () => {
    const run = await many.site.hexo(['typora', 'sync'], { HOME: many.home });
    expect(run.code, run.output).toBe(0);
    const total = 63; // the fixture's 3 posts and these 60
    const progress = run.output.split('\n').filter((line) => /typora sync: \d+\/\d+ posts/.test(line));
    const steps = progress.map((line) => Number(/(\d+)\/63 posts/.exec(line)?.[1]));
    expect(steps).toEqual([7, 13, 19, 26, 32, 38, 45, 51, 57]);
    expect(steps.every((done) => done < total)).toBe(true);
    expect(run.output).toMatch(/typora sync: 63 post\(s\): copy 70 file\(s\)/);
  });
});
