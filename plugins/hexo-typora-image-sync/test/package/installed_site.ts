/**
 * The plugin as a stranger gets it: packed by `npm pack` (which runs `prepack`) from a copy of the package
 * folder, then installed by `npm ci` into a fresh site made from fixtures/installed/: the same posts and theme
 * (`site/`), with the package.json and lock of one supported setup (`<setup>/`). The locks pin every package
 * of the site, so `npm ci --prefer-offline` takes them from the npm cache once it has seen them; they list the
 * plugin as `file:hexo-typora-image-sync.tgz` without an integrity, so each run installs the tarball it packed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type HexoRun, REPO_ROOT, runHexo } from '../support/hexo_site';

export const PLUGIN_DIR = path.resolve(__dirname, '../..');
export const INSTALLED_FIXTURES = path.join(PLUGIN_DIR, 'test/fixtures/installed');
/** The name the fixture sites' package.json depend on (`file:hexo-typora-image-sync.tgz`). */
export const TARBALL_NAME = 'hexo-typora-image-sync.tgz';

export interface Run {
  code: number;
  /** stdout and stderr together. */
  output: string;
}

/**
 * The environment for a child npm: the caller's, minus what `npm test` sets for its own script
 * (`npm_package_*`, `npm_lifecycle_*`, …), which would make the child act on this repository. The cache,
 * registry and config files stay, so a machine's npm settings apply.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const kept = new Set([
    'npm_config_cache',
    'npm_config_registry',
    'npm_config_userconfig',
    'npm_config_globalconfig',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') || kept.has(key.toLowerCase())) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false' };
}

export function npm(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Folders of the package that are not its source: never copied, so the pack starts from a clean clone. */
const NOT_COPIED = new Set(['node_modules', 'test']);

export interface Packed {
  tarball: string;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
  /** The tarball unpacked. */
  unpacked: string;
}

/**
 * `npm pack` in a copy of the package folder under `workDir`, so this test never rebuilds the dist/ other tests
 * load. `extraFiles` are written into the copy first (a stale dist/ file, to see that prepack removes it).
 * The copy sees the repository's installed modules the way the workspace does (its own node_modules, then the
 * root's) and nothing else of the repository.
 */
export async function packPlugin(workDir: string, extraFiles: Record<string, string> = {}): Promise<Packed> {
  const packDir = path.join(workDir, 'pack');
  const copy = path.join(packDir, 'plugin');
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of fs.readdirSync(PLUGIN_DIR)) {
    if (NOT_COPIED.has(entry)) continue;
    fs.cpSync(path.join(PLUGIN_DIR, entry), path.join(copy, entry), { recursive: true });
  }
  for (const [relative, content] of Object.entries(extraFiles)) {
    fs.mkdirSync(path.dirname(path.join(copy, relative)), { recursive: true });
    fs.writeFileSync(path.join(copy, relative), content);
  }
  const ownModules = path.join(PLUGIN_DIR, 'node_modules');
  if (fs.existsSync(ownModules)) fs.symlinkSync(ownModules, path.join(copy, 'node_modules'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(packDir, 'node_modules'));

  const out = path.join(workDir, 'out');
  fs.mkdirSync(out);
  const pack = await npm(copy, ['pack', '--pack-destination', out]);
  if (pack.code !== 0) throw new Error(`npm pack failed (exit ${pack.code}):\n${pack.output}`);
  const [name, ...others] = fs.readdirSync(out).filter((file) => file.endsWith('.tgz'));
  if (!name || others.length > 0) throw new Error(`npm pack made ${others.length + (name ? 1 : 0)} tarballs`);
  const tarball = path.join(out, name);

  const unpacked = path.join(workDir, 'unpacked');
  fs.mkdirSync(unpacked);
  await tar(['-xzf', tarball, '-C', unpacked]);
  const files = fs
    .readdirSync(path.join(unpacked, 'package'), { recursive: true, encoding: 'utf8' })
    .filter((file) => fs.statSync(path.join(unpacked, 'package', file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
  return { tarball, files, unpacked: path.join(unpacked, 'package') };
}

function tar(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('tar', args, (error) => (error ? reject(error) : resolve()));
  });
}

export interface InstalledSite {
  setup: string;
  dir: string;
  /** A home folder of its own: the post's "desktop" image lives in it. */
  home: string;
  file(relative: string): string;
  read(relative: string): string;
  /** The site's own `hexo` (node_modules/hexo/bin/hexo, as `npx hexo` runs it). */
  hexo(args: string[]): Promise<HexoRun>;
  /** The installed package.json of a dependency. */
  installed(name: string): { version: string; [field: string]: unknown };
}

/**
 * A fresh site for `setup` (a folder of fixtures/installed/) with the tarball installed by `npm ci`. In the
 * posts, `HOME` becomes the site's home folder. Throws with npm's output if the install fails.
 */
export async function installSite(setup: string, tarball: string, workDir: string): Promise<InstalledSite> {
  const root = fs.mkdtempSync(path.join(workDir, `${setup}-`));
  const above = modulesAbove(root);
  if (above)
    throw new Error(`${above} would lend the site packages its install did not bring; use another folder`);
  const dir = path.join(root, 'site');
  const home = path.join(root, 'home');
  fs.cpSync(path.join(INSTALLED_FIXTURES, 'site'), dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json'])
    fs.copyFileSync(path.join(INSTALLED_FIXTURES, setup, file), path.join(dir, file));
  fs.copyFileSync(tarball, path.join(dir, TARBALL_NAME));
  fs.mkdirSync(home);
  const post = path.join(dir, 'source/_posts/hello.md');
  fs.writeFileSync(post, fs.readFileSync(post, 'utf8').replaceAll('HOME/', `${home}/`));

  // --prefer-offline: packages already in the npm cache are not looked up again; only a cold cache reaches
  // the registry. No audit or fund requests.
  const install = await npm(dir, ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  if (install.code !== 0) {
    throw new Error(
      `npm ci in ${setup} failed (exit ${install.code}). Packages the npm cache does not have yet come from the ` +
        `registry: the first run needs it. If the lock no longer fits the plugin, run ` +
        `node plugins/hexo-typora-image-sync/test/package/update_site_locks.mjs.\n${install.output}`,
    );
  }

  const bin = path.join(dir, 'node_modules/hexo/bin/hexo');
  return {
    setup,
    dir,
    home,
    file: (relative) => path.join(dir, relative),
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    hexo: (args) => runHexo(dir, args, { HOME: home }, bin),
    installed: (name) =>
      JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')),
  };
}

/** The first node_modules folder in `dir` or above it, which Node would also search from a site in `dir`. */
function modulesAbove(dir: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    const modules = path.join(current, 'node_modules');
    if (fs.existsSync(modules)) return modules;
    if (path.dirname(current) === current) return null;
  }
}

export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'typora-installed-'));
}
