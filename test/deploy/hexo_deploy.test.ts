/**
 * `npm run deploy` with hexo-deployer-git, into real local git repositories (`git init --bare`, a file://
 * remote): the deployed branch must hold exactly public/, every image on every page must be in it, and
 * each way a deploy fails (missing image, unreachable remote, refused push, no git identity) must say so.
 * git runs without the user's or the system's git config, and nothing here touches the network.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySite, listFiles, REPO_ROOT, type Run, type SiteCopy } from '../workflow/support/site_copy';

const BRANCH = 'gh-pages';
/** The placeholder _config.yml ships with, which the author replaces with their repository. */
const PLACEHOLDER_REPO = /^(\s+repo:) git@github\.com:your-name\/your-name\.github\.io\.git$/m;

let work: string;
/** git without ~/.gitconfig or /etc/gitconfig, and an identity for the deploy commits. */
let gitEnv: NodeJS.ProcessEnv;

function git(args: string[], cwd = work): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...gitEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function bareRepository(name: string, preReceive?: string): string {
  const dir = path.join(work, name);
  git(['init', '--quiet', '--bare', dir]);
  if (preReceive) {
    const hook = path.join(dir, 'hooks/pre-receive');
    fs.writeFileSync(hook, `#!/bin/sh\n${preReceive}\n`);
    fs.chmodSync(hook, 0o755);
  }
  return dir;
}

function pointDeployAt(site: SiteCopy, url: string): void {
  const config = site.read('_config.yml');
  expect(config, '_config.yml still has the placeholder deploy.repo').toMatch(PLACEHOLDER_REPO);
  site.write('_config.yml', config.replace(PLACEHOLDER_REPO, `$1 ${url}`));
}

/** `npm run deploy`, less its first step (compiling the plugin: the test run has just done it). */
function deployCommand(): string {
  const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
  const [first, ...rest] = String(scripts.deploy).split(' && ');
  expect(first).toBe('npm run build:plugin');
  expect(rest.at(-1)).toMatch(/^hexo deploy --generate\b/);
  return rest.join(' && ');
}

function deploy(site: SiteCopy, env: NodeJS.ProcessEnv = gitEnv): Promise<Run> {
  return site.shell(deployCommand(), env);
}

function clone(bare: string, name: string): string {
  const dir = path.join(work, name);
  git(['clone', '--quiet', '--branch', BRANCH, bare, dir]);
  return dir;
}

function commitCount(bare: string): number {
  try {
    return Number(git(['--git-dir', bare, 'rev-list', '--count', BRANCH]).trim());
  } catch {
    return 0;
  }
}

/** Every <img src> on every page of `dir`, as site paths (the site is served at root `/`). */
function imagesOnPages(dir: string): { page: string; src: string }[] {
  return listFiles(dir, ['.git'])
    .filter((file) => file.endsWith('.html'))
    .flatMap((page) => {
      const document = parseDocument(fs.readFileSync(path.join(dir, page), 'utf8'));
      return DomUtils.getElementsByTagName('img', document).map((img) => ({
        page,
        src: img.attribs.src ?? '',
      }));
    });
}

/** gitEnv without an identity, and no guessing one from the host name (which works on some machines only). */
function anonymousGitEnv(): NodeJS.ProcessEnv {
  return {
    ...gitEnv,
    GIT_AUTHOR_NAME: undefined,
    GIT_AUTHOR_EMAIL: undefined,
    GIT_COMMITTER_NAME: undefined,
    GIT_COMMITTER_EMAIL: undefined,
    EMAIL: undefined,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'user.useConfigOnly',
    GIT_CONFIG_VALUE_0: 'true',
  };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
  const home = path.join(work, 'home');
  fs.mkdirSync(home);
  gitEnv = {
    HOME: home,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Deploy Test',
    GIT_AUTHOR_EMAIL: 'deploy@example.invalid',
    GIT_COMMITTER_NAME: 'Deploy Test',
    GIT_COMMITTER_EMAIL: 'deploy@example.invalid',
  };
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('npm run deploy to a git repository', () => {
  let site: SiteCopy;
  let bare: string;
  let first: Run;
  let deployed: string;

  beforeAll(async () => {
    site = copySite('deploy');
    bare = bareRepository('site.git');
    pointDeployAt(site, `file://${bare}`);
    first = await deploy(site);
    if (first.code === 0) deployed = clone(bare, 'clone-1');
  });
  afterAll(() => site?.remove());

  it('succeeds', () => {
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('Deploy done: git');
  });

  it(`pushes exactly public/ to the ${BRANCH} branch, byte for byte`, () => {
    const published = listFiles(site.file('public'));
    expect(published.length).toBeGreaterThan(10);
    expect(listFiles(deployed, ['.git'])).toEqual(published);
    for (const file of published) {
      expect(
        fs.readFileSync(path.join(deployed, file)).equals(fs.readFileSync(site.file(`public/${file}`))),
        file,
      ).toBe(true);
    }
  });

  it('deploys every image every page shows', () => {
    const images = imagesOnPages(deployed).filter(({ src }) => src.startsWith('/'));
    // The posts' figures, at least, are local images.
    expect(images.length).toBeGreaterThan(5);
    for (const { page, src } of images) {
      const file = path.join(deployed, decodeURIComponent(src.replace(/[?#].*$/, '')));
      expect(fs.existsSync(file), `${page}: <img src="${src}">`).toBe(true);
    }
  });

  it('writes a dated commit message', () => {
    expect(git(['--git-dir', bare, 'log', '-1', '--format=%s', BRANCH]).trim()).toMatch(
      /^Site updated: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
  });

  it('replaces the whole branch on the next deploy: a removed post is gone', async () => {
    const removed = listFiles(site.file('source/_posts')).find((file) => file.endsWith('.md')) ?? '';
    const slug = removed.replace(/\.md$/, '');
    expect(listFiles(deployed, ['.git']).some((file) => file.includes(`/${slug}/`))).toBe(true);
    fs.rmSync(site.file(`source/_posts/${removed}`));
    fs.rmSync(site.file(`source/_posts/${slug}`), { recursive: true, force: true });
    const again = await deploy(site);
    expect(again.code, again.output).toBe(0);
    const redeployed = clone(bare, 'clone-2');
    expect(listFiles(redeployed, ['.git'])).toEqual(listFiles(site.file('public')));
    expect(listFiles(redeployed, ['.git']).some((file) => file.includes(`/${slug}/`))).toBe(false);
  });
});

describe('npm run deploy without a repository to push to', () => {
  let site: SiteCopy;
  beforeAll(() => {
    site = copySite('deploy-unset');
  });
  afterAll(() => site?.remove());

  /**
   * `npm run deploy` with `deploy:` edited by `change` (from the pristine _config.yml); `lastStepOnly` runs
   * only its last command, `hexo deploy --generate …`, where the check is.
   */
  async function deployWith(change: (config: string) => string, lastStepOnly = false): Promise<Run> {
    const pristine = fs.readFileSync(path.join(REPO_ROOT, '_config.yml'), 'utf8');
    site.write('_config.yml', change(pristine));
    return lastStepOnly ? site.shell(deployCommand().split(' && ').at(-1) as string, gitEnv) : deploy(site);
  }

  function expectStoppedBeforeBuilding(run: Run): void {
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain('Nothing was built or pushed.');
    expect(run.output).not.toMatch(/Generated:|Deploying:/);
    expect(fs.existsSync(site.file('public')), 'public/ was built').toBe(false);
  }

  it('stops before building while deploy.repo is the example, and says what to put there', async () => {
    const run = await deployWith((config) => config);
    expectStoppedBeforeBuilding(run);
    expect(run.output).toContain(
      '`deploy.repo` in _config.yml is still the example, git@github.com:your-name/your-name.github.io.git.',
    );
    expect(run.output).toContain('Replace it with the git repository the site is pushed to');
  });

  it('stops before building when deploy.repo is empty', async () => {
    const run = await deployWith((config) => config.replace(PLACEHOLDER_REPO, '$1'), true);
    expectStoppedBeforeBuilding(run);
    expect(run.output).toContain('`deploy.repo` in _config.yml is empty');
  });

  it('stops before building when there is no deploy: section', async () => {
    const run = await deployWith((config) => config.replace(/^deploy:\n(?: .*\n)*/m, ''), true);
    expectStoppedBeforeBuilding(run);
    expect(run.output).toContain('there is no `deploy:` section with a `type:` in _config.yml');
  });
});

describe('a deploy that fails says why', () => {
  let site: SiteCopy;
  beforeAll(async () => {
    site = copySite('deploy-fail');
    const build = await site.hexo(['generate']);
    expect(build.code, build.output).toBe(0);
  });
  afterAll(() => site?.remove());

  /** The deploy step alone: public/ is already built, and these failures are about the push. */
  const push = (env: NodeJS.ProcessEnv = gitEnv): Promise<Run> => site.hexo(['deploy'], env);

  /** Points the copy at `url` (from the pristine _config.yml) and starts from no .deploy_git/. */
  function retarget(url: string): void {
    fs.copyFileSync(path.join(REPO_ROOT, '_config.yml'), site.file('_config.yml'));
    fs.rmSync(site.file('.deploy_git'), { recursive: true, force: true });
    pointDeployAt(site, url);
  }

  function expectClearFailure(run: Run): void {
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('hexo deploy failed: ');
    // hexo-deployer-git's own words, which say nothing, and a stack trace into it.
    expect(run.output).not.toContain('Spawn failed');
    expect(run.output).not.toMatch(/^\s+at .*hexo-deployer-git/m);
  }

  it('names the repository it cannot reach and the setting to fix', async () => {
    const missing = `file://${path.join(work, 'no-such-repo.git')}`;
    retarget(missing);
    const run = await push();
    expectClearFailure(run);
    expect(run.output).toContain(`hexo deploy failed: cannot reach ${missing}`);
    expect(run.output).toContain('deploy.repo');
  });

  it('says the push was refused, keeping git’s reason', async () => {
    const bare = bareRepository('closed.git', 'echo "this repository takes no pushes" >&2; exit 1');
    retarget(`file://${bare}`);
    const run = await push();
    expectClearFailure(run);
    expect(run.output).toContain('this repository takes no pushes');
    expect(run.output).toContain('pre-receive hook declined');
    expect(run.output).toContain(
      `hexo deploy failed: the push to file://${bare} (branch ${BRANCH}) was refused`,
    );
    expect(commitCount(bare)).toBe(0);
  });

  it('tells how to set the commit author when git has none', async () => {
    const bare = bareRepository('anonymous.git');
    retarget(`file://${bare}`);
    const run = await push(anonymousGitEnv());
    expectClearFailure(run);
    expect(run.output).toContain('hexo deploy failed: git could not commit');
    expect(run.output).toContain('deploy.name');
    expect(commitCount(bare)).toBe(0);
  });

  it('deploys once deploy.name and deploy.email are set', async () => {
    const bare = bareRepository('named.git');
    retarget(`file://${bare}`);
    site.write(
      '_config.yml',
      site
        .read('_config.yml')
        .replace('  # name: Your Name\n  # email: you@example.com', '  name: A\n  email: a@example.invalid'),
    );
    expect(site.read('_config.yml')).toContain('  name: A\n');
    const run = await push(anonymousGitEnv());
    expect(run.code, run.output).toBe(0);
    expect(git(['--git-dir', bare, 'log', '-1', '--format=%an <%ae>', BRANCH]).trim()).toBe(
      'A <a@example.invalid>',
    );
  });

  // Last: its clean build fails and leaves no public/.
  it('stops before pushing when an image would break (strict build)', async () => {
    const bare = bareRepository('strict.git');
    retarget(`file://${bare}`);
    const post = listFiles(site.file('source/_posts')).find((file) => file.endsWith('.md')) ?? '';
    const markdown = site.read(`source/_posts/${post}`);
    site.write(`source/_posts/${post}`, `${markdown}\n![gone](${post.replace(/\.md$/, '')}/not-there.png)\n`);
    const line = `${markdown}\n`.split('\n').length;

    const run = await deploy(site);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(`source/_posts/${post}:${line}: image "`);
    expect(run.output).toContain('strict mode');
    expect(run.output).not.toContain('Deploying: git');
    expect(commitCount(bare)).toBe(0);
    site.write(`source/_posts/${post}`, markdown);
  });
});
