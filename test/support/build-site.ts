/**
 * Vitest globalSetup: builds the real site ONCE per test run and provides where it is.
 *
 * The build runs the real hexo CLI from a throwaway base directory whose entries (_config.yml, package.json,
 * node_modules, source, themes, scripts) are symlinks to the repository. Hexo writes public/ and its cache
 * (db.json) into the base directory, so tests never touch the repository's public/ or db.json, and never race
 * a developer's (or another helper's) `hexo generate` or `hexo server`.
 *
 * Tests read the results with `inject('site')` (see site.ts for helpers):
 *   publicDir  the generated site
 *   root       the site's `root` (URL path prefix, e.g. "/" or "/repo/")
 *   url        the site's `url`
 *   log        what hexo printed (warnings included)
 *   error      set when the build failed or hexo logged an ERROR/FATAL line (a plugin that did not load, say).
 *              The run goes on so that unit tests still report; `requireSite()` in site.ts fails site tests
 *              with this message.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

export interface BuiltSite {
  publicDir: string;
  root: string;
  url: string;
  log: string;
  error?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: BuiltSite;
  }
}

const REPO = resolve(import.meta.dirname, '../..');
const LINKED = ['_config.yml', 'package.json', 'node_modules', 'source', 'themes', 'scripts'];

/** Reads a top-level scalar from _config.yml (enough for `root` and `url`; no YAML dependency). */
function configValue(yaml: string, key: string, fallback: string): string {
  const match = new RegExp(`^${key}:[ \\t]*['"]?([^'"#\\n]*?)['"]?[ \\t]*(?:#.*)?$`, 'm').exec(yaml);
  return match?.[1] || fallback;
}

export async function buildSite(): Promise<{ site: BuiltSite; baseDir: string }> {
  const baseDir = await mkdtemp(join(tmpdir(), 'paperwhite-site-'));
  for (const entry of LINKED) {
    if (existsSync(join(REPO, entry))) await symlink(join(REPO, entry), join(baseDir, entry));
  }
  const hexo = join(REPO, 'node_modules/hexo/bin/hexo');
  let log: string;
  let error: string | undefined;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [hexo, 'generate'], {
      cwd: baseDir,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    log = `${stdout}\n${stderr}`;
    if (/\b(?:FATAL|ERROR)\b/.test(log)) error = `hexo generate reported errors:\n${log}`;
  } catch (failure) {
    const {
      stdout = '',
      stderr = '',
      message,
    } = failure as { stdout?: string; stderr?: string; message: string };
    log = `${stdout}\n${stderr}`;
    error = `hexo generate failed: ${message}\n${log}`;
  }
  const config = await readFile(join(REPO, '_config.yml'), 'utf8');
  const site: BuiltSite = {
    publicDir: join(baseDir, 'public'),
    root: configValue(config, 'root', '/'),
    url: configValue(config, 'url', 'http://localhost'),
    log,
    ...(error ? { error } : {}),
  };
  return { site, baseDir };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { site, baseDir } = await buildSite();
  project.provide('site', site);
  return async () => {
    if (!process.env.KEEP_SITE) await rm(baseDir, { recursive: true, force: true });
  };
}
