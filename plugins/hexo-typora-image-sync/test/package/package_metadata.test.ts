/**
 * What npm, GitHub and hexo.io show about the package agrees with itself. `repository.url` in package.json is
 * the one place that names the GitHub repository; every other link to it (homepage, bugs, README, CHANGELOG,
 * docs/release.md, docs/hexo-plugin-list.yml) must follow it, and every link into the repository must name a
 * file that exists. The changelog keeps Keep a Changelog's form, and the plugin-list entry hexojs/site's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../support/hexo_site';
import { PLUGIN_DIR } from './installed_site';

const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
const repository = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(
  manifest.repository?.url ?? '',
);
const [owner, repo] = [repository?.[1] ?? '', repository?.[2] ?? ''];
const slug = `${owner}/${repo}`;
const directory: string = manifest.repository?.directory ?? '';

/** Files that link to the repository, relative to the repository root. */
const LINKING = [
  `${directory}/package.json`,
  `${directory}/README.md`,
  `${directory}/CHANGELOG.md`,
  'docs/release.md',
  'docs/hexo-plugin-list.yml',
];
/** Other GitHub repositories these files name on purpose. */
const OTHER_REPOSITORIES = new Set(['hexojs/site']);

/** Orders x.y.z versions (prerelease parts are not compared). */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (x?.[i] !== y?.[i]) return (x?.[i] ?? 0) - (y?.[i] ?? 0);
  return 0;
}

const read = (relative: string) => fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const changelog = read(`${directory}/CHANGELOG.md`);

describe('package.json', () => {
  it('names the GitHub repository and the package folder in it', () => {
    expect(manifest.repository.type).toBe('git');
    expect(
      repository,
      `repository.url ${manifest.repository.url}: git+https://github.com/<owner>/<repo>.git`,
    ).not.toBeNull();
    expect(path.join(REPO_ROOT, directory)).toBe(PLUGIN_DIR);
  });

  it('derives homepage and bugs from the repository', () => {
    expect(manifest.homepage).toBe(`https://github.com/${slug}/tree/main/${directory}#readme`);
    expect(manifest.bugs).toEqual({ url: `https://github.com/${slug}/issues` });
  });

  it('has an author, the license of its LICENSE file and a semver version', () => {
    expect(manifest.author).toBeTruthy();
    expect(manifest.license).toBe('MIT');
    expect(fs.readFileSync(path.join(PLUGIN_DIR, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });
});

describe('links to the repository', () => {
  const links = LINKING.flatMap((file) =>
    [
      ...read(file).matchAll(/https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?=[/#)\s'"`]|$)(\S*)/g),
    ].map((match) => ({
      file,
      slug: `${match[1]}/${match[2]}`,
      rest: (match[3] ?? '').replace(/[)`'".,;]+$/, ''),
    })),
  );

  it(`all name ${slug}, the repository in package.json (or a repository named on purpose)`, () => {
    expect(links.filter((link) => link.slug === slug).length).toBeGreaterThanOrEqual(LINKING.length);
    const elsewhere = links
      .filter((link) => link.slug !== slug && !OTHER_REPOSITORIES.has(link.slug))
      .map((link) => `${link.file}: github.com/${link.slug}${link.rest}`);
    expect(elsewhere, 'change these to the repository in package.json').toEqual([]);
  });

  it('name files and folders that exist on main', () => {
    const paths = links
      .filter((link) => link.slug === slug)
      .flatMap((link) => {
        const match = /^\/(?:blob|tree)\/main\/([^#?]*)/.exec(link.rest);
        return match ? [{ file: link.file, target: decodeURIComponent(match[1] ?? '') }] : [];
      });
    expect(paths.length).toBeGreaterThan(3);
    for (const { file, target } of paths)
      expect(fs.existsSync(path.join(REPO_ROOT, target)), `${file} → ${target}`).toBe(true);
  });

  it('docs/release.md names the same repository for trusted publishing', () => {
    const text = read('docs/release.md').replace(/\s+/g, ' ');
    expect(text).toContain(`organization or user \`${owner}\`, repository \`${repo}\``);
  });
});

describe('CHANGELOG.md', () => {
  const headings = [...changelog.matchAll(/^## \[([^\]]+)\] - (.+)$/gm)].map((m) => ({
    version: m[1] ?? '',
    date: m[2] ?? '',
  }));

  it('has a heading for the version in package.json, dated or Unreleased', () => {
    const current = headings.find((heading) => heading.version === manifest.version);
    expect(current, `## [${manifest.version}] - …`).toBeDefined();
    expect(current?.date).toMatch(/^(\d{4}-\d{2}-\d{2}|Unreleased)$/);
  });

  it('lists versions newest first, released ones dated, each with a link', () => {
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < headings.length; i++) {
      const [newer, older] = [headings[i - 1]?.version ?? '', headings[i]?.version ?? ''];
      expect(compareVersions(newer, older), `${newer} before ${older}`).toBeGreaterThan(0);
    }
    for (const heading of headings.slice(1))
      expect(heading.date, heading.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const { version } of headings)
      expect(changelog, `link for ${version}`).toMatch(
        new RegExp(`^\\[${version.replaceAll('.', '\\.')}\\]: https://`, 'm'),
      );
  });

  it('uses only Keep a Changelog sections', () => {
    const sections = [...changelog.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    for (const section of sections)
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(section);
  });
});

describe('README.md', () => {
  it('installs the tarball of the version in package.json', () => {
    const readme = read(`${directory}/README.md`);
    const tarballs = [...readme.matchAll(/hexo-typora-image-sync-(\d[\w.-]*?)\.tgz/g)].map((m) => m[1]);
    expect(tarballs.length).toBeGreaterThan(0);
    for (const version of tarballs) expect(version).toBe(manifest.version);
  });
});

describe('docs/hexo-plugin-list.yml (an entry for hexojs/site source/_data/plugins/)', () => {
  const entry = parseYaml(read('docs/hexo-plugin-list.yml'));

  it('has exactly the fields hexojs/site asks for', () => {
    // The `repository:` block in their files is written by their updater, not by plugin authors.
    expect(Object.keys(entry)).toEqual(['description', 'link', 'tags']);
  });

  it('links to the package folder of the repository', () => {
    expect(entry.link).toBe(`https://github.com/${slug}/tree/main/${directory}`);
  });

  it('describes the plugin in one short plain-text sentence (the list shows it as text)', () => {
    expect(typeof entry.description).toBe('string');
    expect(entry.description.length).toBeLessThanOrEqual(200);
    expect(entry.description).not.toMatch(/[<>`*_[\]]/);
  });

  it('has a few lower-case tags', () => {
    expect(entry.tags.length).toBeGreaterThanOrEqual(2);
    expect(entry.tags.length).toBeLessThanOrEqual(6);
    for (const tag of entry.tags) expect(tag).toMatch(/^[a-z][a-z0-9_-]*$/);
  });
});
