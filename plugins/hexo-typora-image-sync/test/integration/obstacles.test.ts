/**
 * What is at an image's path when it is not a file, through the real `hexo generate` and `hexo typora
 * check`: a named pipe (mkfifo), a folder named like an image, a device, a folder the build may not list,
 * and a name with terminal control characters. Each message names what is there, at the path where it is,
 * never "not found". The unlistable folder needs a user without root's bypass of permissions: as root, the
 * commands run as `nobody` (setpriv), otherwise as the current user.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type HexoRun, REPO_ROOT, type Site } from '../support/hexo_site';
import { fixturePng } from '../support/make_png';

const HEXO_BIN = path.join(REPO_ROOT, 'node_modules/hexo/bin/hexo');
const POST = 'source/_posts/obstacles.md';
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let site: Site;
let home: string;

/** Runs the real CLI in the site, as `nobody` when the tests run as root. */
function hexo(args: string[]): Promise<HexoRun> {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', HOME: home };
  const command = asRoot ? 'setpriv' : process.execPath;
  const prefix = asRoot ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [];
  return new Promise((resolve) => {
    execFile(command, [...prefix, HEXO_BIN, ...args], { cwd: site.dir, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Gives a tree to `nobody` (links themselves, never what they point to). */
function chownTree(dir: string): void {
  fs.lchownSync(dir, NOBODY, NOBODY);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full);
    else fs.lchownSync(full, NOBODY, NOBODY);
  }
}

const LINES = {
  outsideFifo: 'home pipe',
  repoFifo: 'repository pipe',
  folder: 'folder named like an image',
  device: 'a device',
  locked: 'in a locked folder',
  control: 'control characters',
};

function lineOf(alt: string): number {
  const index = fs
    .readFileSync(site.file(POST), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(`![${alt}]`));
  return index + 1;
}

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-obstacles-home-'));
  site = copyFixture('minimal');
  execFileSync('mkfifo', [path.join(home, 'pipe.png')]);
  fs.mkdirSync(site.file('pipes'));
  execFileSync('mkfifo', [site.file('pipes/pipe.png')]);
  site.write('source/_posts/obstacles/dir.png/inside.png', fixturePng(1));
  // Hexo itself stops on a folder it cannot list under source/: the build's one is outside source/.
  site.write('shots/locked/x.png', fixturePng(2));
  site.write(
    POST,
    [
      '---\ntitle: Obstacles\ndate: 2024-04-01 10:00:00\n---\n',
      `![${LINES.outsideFifo}](${home}/pipe.png)\n`,
      `![${LINES.repoFifo}](../../pipes/pipe.png)\n`,
      `![${LINES.folder}](obstacles/dir.png)\n`,
      `![${LINES.device}](/dev/null)\n`,
      `![${LINES.locked}](../../shots/locked/x.png)\n`,
      `![${LINES.control}](obstacles/%1B[2K%0Dgone.png)\n`,
    ].join('\n'),
  );
  if (asRoot) {
    chownTree(site.dir);
    chownTree(home);
  }
  fs.chmodSync(site.file('shots/locked'), 0o000);
});
afterAll(() => {
  for (const dir of ['shots/locked', 'source/_posts/obstacles/locked']) {
    if (fs.existsSync(site.file(dir))) fs.chmodSync(site.file(dir), 0o755);
  }
  site.remove();
  fs.rmSync(home, { recursive: true, force: true });
});

/** The messages every command must give, by alt text. */
const EXPECTED: Record<string, RegExp> = {
  [LINES.outsideFifo]: /names a named pipe \(FIFO\) \(.*\/pipe\.png\), not a file/,
  [LINES.repoFifo]: /names a named pipe \(FIFO\) \(pipes\/pipe\.png\), not a file/,
  [LINES.folder]: /names a folder \(source\/_posts\/obstacles\/dir\.png\), not a file/,
  [LINES.device]: /names a device \(\/dev\/null\), not a file/,
  [LINES.locked]: /cannot be read: shots\/locked\/x\.png \(EACCES\) — check the permissions/,
  [LINES.control]: /not found \(looked in: source\/_posts\/obstacles\/\\u001b\[2K\\u000dgone\.png\)/,
};

function expectMessages(output: string): void {
  for (const [alt, pattern] of Object.entries(EXPECTED)) {
    const prefix = `${POST}:${lineOf(alt)}: `;
    const lines = output.split('\n').filter((l) => l.replace(/^(WARN|ERROR)\s+/, '').startsWith(prefix));
    expect(lines, `${alt}\n${output}`).toHaveLength(1);
    expect(lines[0], alt).toMatch(pattern);
    if (alt !== LINES.control) expect(lines[0], alt).not.toMatch(/not found|not here/);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a raw ESC or CR would rewrite the terminal line
  expect(output).not.toMatch(/[\u001b\r]/);
}

describe('what is at the path, when it is not a file', () => {
  it('hexo generate names it, and does not hang on a pipe', async () => {
    const run = await hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expectMessages(run.output);
  });

  it('hexo typora check names it the same way, in the asset folder too', async () => {
    // Hexo itself hangs on a named pipe under source/ (it reads every file there) and stops on a folder it
    // cannot list: only check sees these two.
    execFileSync('mkfifo', [site.file('source/_posts/obstacles/inner.png')]);
    site.write('source/_posts/obstacles/locked/y.png', fixturePng(3));
    if (asRoot) chownTree(site.file('source/_posts/obstacles'));
    fs.chmodSync(site.file('source/_posts/obstacles/locked'), 0o000);
    fs.appendFileSync(
      site.file(POST),
      '\n![inner pipe](obstacles/inner.png)\n\n![inner lock](obstacles/locked/y.png)\n',
    );
    const check = await hexo(['typora', 'check']);
    expect(check.code).toBe(1);
    expectMessages(check.stdout);
    expect(check.stdout).toMatch(
      new RegExp(
        `${POST}:${lineOf('inner pipe')}: image "obstacles/inner.png" names a named pipe \\(FIFO\\)`,
      ),
    );
  });

  it('hexo typora sync names it the same way, copies none of it and leaves the post as it was', async () => {
    const before = fs.readFileSync(site.file(POST));
    const sync = await hexo(['typora', 'sync']);
    expect(sync.code, sync.output).toBe(1);
    expectMessages(sync.stdout);
    expect(sync.stdout).toMatch(
      new RegExp(
        `${POST}:${lineOf('inner pipe')}: image "obstacles/inner.png" names a named pipe \\(FIFO\\)`,
      ),
    );
    expect(sync.stdout).not.toMatch(/^copied /m);
    expect(fs.readFileSync(site.file(POST)).equals(before)).toBe(true);
  });
});
