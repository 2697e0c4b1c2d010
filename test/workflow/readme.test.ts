/**
 * The README is the author's manual: it starts with the quick start, and every command, setting and path it
 * names exists, so that following it works the first time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/site_copy';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).scripts;

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('starts with the quick start: install and build in one command, then npm test', () => {
    const firstSection = /\n## (.+)\n/.exec(readme)?.[1];
    expect(firstSection).toBe('Quick start');
    const quickStart = section('Quick start');
    expect(quickStart).toContain('npm ci && npm run build');
    expect(quickStart).toMatch(/^npm test\b/m);
    expect(quickStart).toContain('apt-get install -y chromium');
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1] ?? '');
    expect(named).toEqual(
      expect.arrayContaining([
        'build',
        'build:publish',
        'new',
        'dev',
        'deploy',
        'bench',
        'audit',
        'test:unit',
      ]),
    );
    for (const name of named) expect(scripts[name], `npm run ${name}`).toBeDefined();
  });

  it('describes the build, dev and deploy scripts as they are', () => {
    expect(readme).toContain(`\`npm run build\` is \`${scripts.build}\``);
    expect(scripts.build).toBe('npm run build:plugin && hexo clean && hexo generate');
    expect(scripts.prepare).toBe('npm run build:plugin');
    expect(scripts.new).toBe('hexo new');
    expect(scripts.dev).toBe('hexo server --config _config.yml,_config.dev.yml');
    // One switch for strict images: _config.publish.yml, in both builds that are published.
    expect(scripts['build:publish']).toBe(`${scripts.build} --config _config.yml,_config.publish.yml`);
    expect(scripts.deploy).toMatch(/hexo deploy --generate --config _config.yml,_config.publish.yml$/);
    // …and no command line that sets the plugin's environment variables instead.
    expect(readme).not.toMatch(/HEXO_TYPORA_\w+=\S+ (?:npm|npx|hexo)\b/);
  });

  it('lists paths that exist in the repository layout', () => {
    const layout = /## Repository layout\n+```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const paths = layout
      .split('\n')
      .map((line) => line.split(/\s+/)[0] ?? '')
      .filter(Boolean);
    expect(paths.length).toBeGreaterThan(10);
    for (const entry of paths) expect(fs.existsSync(path.join(REPO_ROOT, entry)), entry).toBe(true);
  });

  it('shows the deploy settings _config.yml really has', () => {
    const config = fs.readFileSync(path.join(REPO_ROOT, '_config.yml'), 'utf8');
    for (const line of [
      '  type: git',
      '  branch: gh-pages',
      `  message: 'Site updated: {{ now("yyyy-MM-dd HH:mm:ss") }}'`,
      '  # name: Your Name',
      '  # email: you@example.com',
    ]) {
      expect(config, line).toContain(`\n${line}\n`);
      expect(readme, line).toContain(line);
    }
  });
});
