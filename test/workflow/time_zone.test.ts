/**
 * The same source gives the same site on every machine: `hexo new` and `hexo generate` run as child
 * processes with TZ set to UTC (the Pages workflow), Asia/Shanghai and America/Los_Angeles, and every URL,
 * every page and the date `hexo new` writes must not depend on it. The oracle for dates is the front matter
 * as written (the author's wall clock) and Intl's clock in the site's `timezone:`, not Hexo.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { copySite, listFiles, REPO_ROOT, type SiteCopy } from './support/site_copy';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'] as const;
/** The case from the issue: 05:13 on 1 December in Shanghai is still 30 November in UTC and in Los Angeles. */
const EDGE_POST = 'source/_posts/zone-edge.md';
const EDGE_DATE = '2026-12-01 05:13:31';

const SITE_ZONE = String(
  (parseYaml(fs.readFileSync(`${REPO_ROOT}/_config.yml`, 'utf8')) as { timezone?: string }).timezone,
);

/** `now` as the wall clock of `zone` shows it, as "YYYY-MM-DD HH:mm:ss". */
function wallClock(now: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Seconds between two "YYYY-MM-DD HH:mm:ss" wall-clock times. */
const secondsApart = (a: string, b: string): number =>
  Math.abs(Date.parse(`${a.replace(' ', 'T')}Z`) - Date.parse(`${b.replace(' ', 'T')}Z`)) / 1000;

/** The front matter `date:` exactly as written in the file. */
const writtenDate = (markdown: string): string => /^date: (.+)$/m.exec(markdown)?.[1] ?? '';

interface Build {
  files: string[];
  /** Each HTML page's text, by path. */
  pages: Map<string, string>;
}

describe('a site built in different time zones', () => {
  let site: SiteCopy;
  /** The posts `hexo new` wrote, one per zone it ran in. */
  const created = new Map<string, { file: string; date: string; clock: string }>();
  const builds = new Map<string, Build>();

  beforeAll(async () => {
    expect(SITE_ZONE, '_config.yml sets timezone').toMatch(/\//);
    site = copySite('time-zone');
    // The real posts are dated in the evening, far from midnight anywhere tested: they would only add
    // rendering time. The site (config, theme, pages, archives, feed) stays the real one.
    fs.rmSync(site.file('source/_posts'), { recursive: true });
    site.write(EDGE_POST, `---\ntitle: Zone edge\ndate: ${EDGE_DATE}\n---\n\nWritten just after midnight.\n`);
    let last = '';
    for (const zone of ZONES) {
      // Dates have whole seconds, and Hexo orders posts of the same second (prev/next links) as it happens to
      // read them: each post gets a second of its own, so that only the time zone could change the site.
      while (wallClock(new Date(), SITE_ZONE) <= last)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const before = fs.readdirSync(site.file('source/_posts'));
      const clock = wallClock(new Date(), SITE_ZONE);
      const run = await site.hexo(['new', `Made in ${zone}`], { TZ: zone });
      expect(run.code, run.output).toBe(0);
      const file =
        fs
          .readdirSync(site.file('source/_posts'))
          .find((name) => name.endsWith('.md') && !before.includes(name)) ?? '';
      created.set(zone, { file, date: writtenDate(site.read(`source/_posts/${file}`)), clock });
      last = created.get(zone)?.date ?? '';
    }
    for (const zone of ZONES) {
      // What `hexo clean` removes: every page is rendered again in this zone.
      for (const output of ['public', 'db.json'])
        fs.rmSync(site.file(output), { recursive: true, force: true });
      const run = await site.hexo(['generate'], { TZ: zone });
      expect(run.code, run.output).toBe(0);
      const files = listFiles(site.file('public'));
      const pages = new Map(
        files.filter((f) => f.endsWith('.html')).map((f) => [f, site.read(`public/${f}`)] as const),
      );
      builds.set(zone, { files, pages });
    }
  });
  afterAll(() => site?.remove());

  it('hexo new writes the time of the site’s zone, wherever it runs', () => {
    expect(new Set([...created.values()].map((post) => post.date)).size, 'one second per post').toBe(
      ZONES.length,
    );
    for (const zone of ZONES) {
      const post = created.get(zone);
      expect(post?.file, zone).toMatch(/\.md$/);
      // Taken just before the command ran; the command takes seconds, not minutes.
      expect(secondsApart(post?.date ?? '', post?.clock ?? ''), `${zone}: wrote ${post?.date}`).toBeLessThan(
        120,
      );
    }
  });

  it('publishes a post at the date its front matter says, and shows that date', () => {
    const [year, month, day] = EDGE_DATE.split(' ')[0]?.split('-') ?? [];
    for (const zone of ZONES) {
      const page = builds.get(zone)?.pages.get(`${year}/${month}/${day}/zone-edge/index.html`);
      expect(page, `${zone}: /${year}/${month}/${day}/zone-edge/`).toBeDefined();
      expect(page).toMatch(new RegExp(`<time [^>]*>${year}-${month}-${day}<`));
    }
    for (const [zone, post] of created) {
      const [y, m, d] = post.date.split(' ')[0]?.split('-') ?? [];
      const slug = post.file.replace(/\.md$/, '');
      for (const [builtIn, build] of builds) {
        expect(build.files, `made in ${zone}, built in ${builtIn}`).toContain(
          `${y}/${m}/${d}/${slug}/index.html`,
        );
      }
    }
  });

  it('gives the same files with the same pages in every zone', () => {
    const [first, ...others] = ZONES.map((zone) => ({ zone, build: builds.get(zone) as Build }));
    for (const { zone, build } of others) {
      expect(build.files, `${zone} against ${first?.zone}`).toEqual(first?.build.files);
      for (const [file, html] of build.pages) {
        expect(html === first?.build.pages.get(file), `${file} built in ${zone} differs`).toBe(true);
      }
    }
  });
});
