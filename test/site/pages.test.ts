/**
 * The generated site, read as files: every page the theme promises exists, says what it is (<head>), links only
 * to things that exist, loads nothing from other hosts, and stays inside the byte budgets.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Element,
  elements,
  fileFor,
  hasClass,
  htmlPages,
  listFiles,
  type Page,
  parentOf,
  parseHtml,
  postPages,
  requireSite,
  textOf,
} from '../support/site';

const site = inject('site');
const KB = 1024;

let pages: Page[];
let posts: Page[];
beforeAll(() => {
  requireSite(site);
  pages = htmlPages(site);
  posts = postPages(site);
});

/** A URL attribute that points into this site, as a root-relative path without query or fragment; else null. */
function internalPath(value: string, pageUrlPath: string): string | null {
  const url = new URL(value, new URL(pageUrlPath, site.url));
  const origin = new URL(site.url).origin;
  if (url.origin !== origin || !['http:', 'https:'].includes(url.protocol)) return null;
  return url.pathname;
}

/** Resources the browser fetches on its own (not links a reader may follow). */
function fetchedResources(doc: ReturnType<typeof parseHtml>): string[] {
  const urls: string[] = [];
  for (const el of DomUtils.findAll(() => true, [doc])) {
    const { src, href, rel = '' } = el.attribs;
    if (src && ['img', 'script', 'iframe', 'source', 'video', 'audio', 'embed'].includes(el.name))
      urls.push(src);
    if (el.name === 'link' && href && /\b(stylesheet|icon|preload|modulepreload|prefetch)\b/.test(rel)) {
      urls.push(href);
    }
  }
  return urls;
}

describe('pages', () => {
  it('has at least one post to test the post layout with', () => {
    expect(posts.length, 'no post pages were generated: is source/_posts empty?').toBeGreaterThan(0);
  });

  it('generates home, archives, tag and category indexes, about, search, 404, feed, sitemap and index', () => {
    const files = new Set(listFiles(site.publicDir));
    for (const path of [
      'index.html',
      'archives/index.html',
      'tags/index.html',
      'categories/index.html',
      'about/index.html',
      'search/index.html',
      '404.html',
      'atom.xml',
      'sitemap.xml',
      'search.json',
      'css/paperwhite.css',
      'js/paperwhite.js',
    ]) {
      expect(files, path).toContain(path);
    }
  });

  it('lists every post on the home pages, newest first, with a date and an excerpt', () => {
    const home = pages.filter((p) => p.urlPath === site.root || p.urlPath.startsWith(`${site.root}page/`));
    const listed = home.flatMap((p) =>
      elements(parseHtml(p.html), 'li', (li) => parentOf(li)?.attribs.class === 'posts'),
    );
    expect(listed.length).toBe(posts.length);
    const dates = listed.map((li) => elements(li, 'time')[0]?.attribs.datetime ?? '');
    expect(dates.every(Boolean)).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const li of listed) expect(elements(li, 'p').map(textOf).join('').length).toBeGreaterThan(20);
  });

  it('gives each tag and category used by a post its own page, linked from the indexes', () => {
    const linksIn = (html: string, where: (a: Element) => boolean) =>
      new Set(elements(parseHtml(html), 'a', where).map((a) => a.attribs.href));
    const index = (name: string) => pages.find((p) => p.urlPath === `${site.root}${name}/`)?.html ?? '';
    const tagIndex = linksIn(
      index('tags'),
      (a) => parentOf(parentOf(a) as Element)?.attribs.class === 'terms',
    );
    const categoryIndex = linksIn(
      index('categories'),
      (a) => parentOf(parentOf(a) as Element)?.attribs.class === 'terms',
    );
    for (const post of posts) {
      for (const tag of linksIn(post.html, (a) => a.attribs.rel === 'tag'))
        expect(tagIndex, post.urlPath).toContain(tag);
      const meta = (a: Element) =>
        parentOf(a)?.attribs.class === 'meta' && /\/categories\//.test(a.attribs.href ?? '');
      for (const category of linksIn(post.html, meta))
        expect(categoryIndex, post.urlPath).toContain(category);
    }
    expect(tagIndex.size + categoryIndex.size).toBeGreaterThan(0);
  });
});

describe('<head> and landmarks on every page', () => {
  it('says lang="zh-CN", has a title, description, viewport, robots, one <main> and a skip link', () => {
    for (const page of pages) {
      const doc = parseHtml(page.html);
      const where = page.urlPath;
      expect(elements(doc, 'html')[0]?.attribs.lang, where).toBe('zh-CN');
      expect(textOf(elements(doc, 'title')[0] ?? doc).trim(), where).not.toBe('');
      const meta = (name: string) =>
        elements(doc, 'meta', (m) => m.attribs.name === name)[0]?.attribs.content;
      expect(meta('viewport'), where).toContain('width=device-width');
      expect(meta('description'), where).toBeTruthy();
      expect(meta('robots'), where).toBeTruthy();
      expect(elements(doc, 'main').length, where).toBe(1);
      const skip = elements(doc, 'a', (a) => hasClass(a, 'skip'))[0];
      expect(skip?.attribs.href, where).toBe(`#${elements(doc, 'main')[0]?.attribs.id}`);
      expect(elements(doc, 'h1').length, where).toBe(1);
    }
  });

  it('has a canonical URL and Open Graph tags on indexable pages; the 404 page says noindex', () => {
    for (const page of pages) {
      const doc = parseHtml(page.html);
      const robots = elements(doc, 'meta', (m) => m.attribs.name === 'robots')[0]?.attribs.content ?? '';
      const canonical = elements(doc, 'link', (l) => l.attribs.rel === 'canonical')[0]?.attribs.href;
      const og = (p: string) => elements(doc, 'meta', (m) => m.attribs.property === p)[0]?.attribs.content;
      if (page.urlPath.endsWith('404.html')) {
        expect(robots).toContain('noindex');
        continue;
      }
      expect(canonical, page.urlPath).toBe(new URL(page.urlPath, site.url).href);
      expect(og('og:url')).toBe(canonical);
      expect(og('og:title')).toBeTruthy();
      expect(og('og:type')).toMatch(/^(article|website)$/);
    }
  });
});

describe('links and resources', () => {
  it('loads nothing from another host', () => {
    for (const page of pages) {
      for (const url of fetchedResources(parseHtml(page.html))) {
        expect(internalPath(url, page.urlPath), `${page.urlPath} loads ${url}`).not.toBeNull();
      }
    }
  });

  it('has no broken internal link, image or same-page anchor', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const doc = parseHtml(page.html);
      const ids = new Set(DomUtils.findAll((el) => !!el.attribs.id, [doc]).map((el) => el.attribs.id));
      for (const el of DomUtils.findAll((e) => !!(e.attribs.href || e.attribs.src), [doc])) {
        const value = el.attribs.href ?? el.attribs.src ?? '';
        if (el.name === 'link' && el.attribs.rel === 'canonical') continue;
        if (value.startsWith('#')) {
          if (value.length > 1 && !ids.has(decodeURIComponent(value.slice(1))))
            broken.push(`${page.urlPath} ${value}`);
          continue;
        }
        const path = internalPath(value, page.urlPath);
        if (path === null) continue;
        const file = fileFor(site, path);
        const exists = (f: string | null) => !!f && statSync(f, { throwIfNoEntry: false })?.isFile();
        if (!exists(file) && !exists(file && join(file, 'index.html')))
          broken.push(`${page.urlPath} → ${value}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('post pages', () => {
  it('show title, dates, reading time, categories or tags, and prev/next links between posts', () => {
    for (const post of posts) {
      const doc = parseHtml(post.html);
      const article = elements(doc, 'article', (a) => hasClass(a, 'post'))[0];
      expect(article, post.urlPath).toBeDefined();
      const meta = textOf(elements(article as Element, 'p', (p) => hasClass(p, 'meta'))[0] ?? doc);
      expect(meta).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(meta).toMatch(/约 \d+ 分钟读完/);
      if (posts.length > 1) {
        expect(
          elements(doc, 'a', (a) => a.attribs.rel === 'prev' || a.attribs.rel === 'next').length,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('give long posts a table of contents whose links all land on headings', () => {
    for (const post of posts) {
      const doc = parseHtml(post.html);
      const headings = DomUtils.findAll((el) => /^h[2-4]$/.test(el.name) && !!el.attribs.id, [doc]);
      const toc = elements(doc, 'details', (d) => hasClass(d, 'toc'))[0];
      if (headings.length < 3) continue;
      expect(toc, `${post.urlPath} has ${headings.length} headings but no TOC`).toBeDefined();
      const targets = elements(toc as Element, 'a').map((a) =>
        decodeURIComponent((a.attribs.href ?? '').slice(1)),
      );
      expect(targets).toEqual(headings.map((h) => h.attribs.id));
      // Each heading links to itself (anchor links on headings).
      for (const h of headings)
        expect(elements(h, 'a')[0]?.attribs.href, h.attribs.id).toBe(`#${h.attribs.id}`);
    }
  });

  it('size post images and lazy-load all but the first', () => {
    for (const post of posts) {
      const content = elements(parseHtml(post.html), 'div', (d) => hasClass(d, 'content'))[0] as Element;
      elements(content, 'img').forEach((img, i) => {
        const where = `${post.urlPath} ${img.attribs.src}`;
        expect(img.attribs.alt, where).toBeDefined();
        expect(Number(img.attribs.width), where).toBeGreaterThan(0);
        expect(Number(img.attribs.height), where).toBeGreaterThan(0);
        expect(img.attribs.loading, where).toBe(i === 0 ? undefined : 'lazy');
        expect(img.attribs.decoding, where).toBe(i === 0 ? undefined : 'async');
      });
    }
  });

  it('render every formula at build time, with no KaTeX error and no math library', () => {
    expect(site.log).not.toMatch(/Math error/);
    for (const post of posts) {
      expect(post.html, post.urlPath).not.toContain('katex-error');
      expect(post.html).not.toMatch(/katex(\.min)?\.(js|css)/);
    }
  });

  it('wrap data tables in a focusable scroll box and give code blocks a focusable <pre>', () => {
    for (const post of posts) {
      const doc = parseHtml(post.html);
      for (const table of elements(doc, 'table')) {
        const box = DomUtils.getParent(table) as Element;
        expect(
          box.name === 'div' && hasClass(box, 'table') && box.attribs.tabindex === '0',
          post.urlPath,
        ).toBe(true);
      }
      for (const figure of elements(doc, 'figure', (f) => hasClass(f, 'highlight'))) {
        expect(elements(figure, 'pre')[0]?.attribs.tabindex).toBe('0');
      }
    }
  });
});

describe('budgets', () => {
  const bytes = (path: string) => statSync(fileFor(site, path) ?? '').size;

  /** HTML + stylesheets + scripts a page fetches before it is usable (images excluded). */
  function upFront(page: Page) {
    const doc = parseHtml(page.html);
    const css = elements(doc, 'link', (l) => l.attribs.rel === 'stylesheet').map((l) =>
      bytes(l.attribs.href ?? ''),
    );
    const scripts = elements(doc, 'script');
    const externalJs = scripts.filter((s) => s.attribs.src).map((s) => bytes(s.attribs.src ?? ''));
    const inlineJs = scripts.filter((s) => !s.attribs.src).map((s) => Buffer.byteLength(textOf(s)));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const html = Buffer.byteLength(page.html);
    const content = elements(doc, 'div', (d) => hasClass(d, 'content'))[0];
    const text = content ? Buffer.byteLength(textOf(content)) : 0;
    return { html, css: sum(css), js: sum(externalJs) + sum(inlineJs), text };
  }

  it('load one stylesheet of at most 7 KB and at most 2 KB of JavaScript up front on every page but search', () => {
    for (const page of pages.filter((p) => !p.urlPath.includes('/search/'))) {
      const { css, js } = upFront(page);
      expect(css, page.urlPath).toBeLessThanOrEqual(7 * KB);
      expect(js, page.urlPath).toBeLessThanOrEqual(2 * KB);
    }
  });

  // The budget is 30 KB up front for a post of ~11 KB of text. Real notes run longer, so the budget
  // scales with the post's text: at most 30 KB per 11 KB of it. What it catches is markup and chrome bloat.
  it('keep post pages within 30 KB up front per 11 KB of text', () => {
    const report = posts.map((post) => {
      const { html, css, js, text } = upFront(post);
      const total = html + css + js;
      const limit = 30 * KB * Math.max(1, text / (11 * KB));
      return { post: post.urlPath, html, css, js, text, total, limit: Math.round(limit) };
    });
    console.table(report);
    for (const r of report) expect(r.total, r.post).toBeLessThanOrEqual(r.limit);
  });

  // Tap-to-zoom has a budget of its own (issue 16: at most 1 KB of script, zoom.test.ts), on posts with images.
  it('spend at most 14 KB on everything around the post text (head, header, TOC, footer, CSS, JS but zoom)', () => {
    for (const post of posts) {
      const { html, css, js } = upFront(post);
      const content = /<div class="content">[\s\S]*<\/div>\s*<footer>/.exec(post.html)?.[0] ?? '';
      expect(content, post.urlPath).not.toBe('');
      const zoom = post.html.includes('/js/zoom.js"') ? bytes(`${site.root}js/zoom.js`) : 0;
      expect(html - Buffer.byteLength(content) + css + js - zoom, post.urlPath).toBeLessThanOrEqual(14 * KB);
    }
  });

  it('keep the search index small: about a kilobyte per post', () => {
    const index = JSON.parse(readFileSync(join(site.publicDir, 'search.json'), 'utf8')) as { url: string }[];
    expect(index.map((e) => e.url).sort()).toEqual(posts.map((p) => p.urlPath).sort());
    expect(bytes(`${site.root}search.json`)).toBeLessThanOrEqual(1.5 * KB * posts.length);
  });
});

describe('feed and sitemap', () => {
  it('publish an Atom feed whose links and images are absolute', () => {
    const doc = parseDocument(readFileSync(join(site.publicDir, 'atom.xml'), 'utf8'), { xmlMode: true });
    const entries = elements(doc, 'entry');
    expect(entries.length).toBe(Math.min(posts.length, 20));
    for (const entry of entries) {
      const html = textOf(elements(entry, 'content')[0] ?? entry);
      const content = parseHtml(html);
      for (const el of [...elements(content, 'img'), ...elements(content, 'a')]) {
        const url = el.attribs.src ?? el.attribs.href ?? '';
        if (!url.startsWith('#')) expect(url, url).toMatch(/^(https?:|mailto:)/);
      }
    }
  });

  it('list every post and no 404 page in the sitemap', () => {
    const sitemap = readFileSync(join(site.publicDir, 'sitemap.xml'), 'utf8');
    for (const post of posts) expect(sitemap).toContain(new URL(post.urlPath, site.url).href);
    expect(sitemap).not.toContain('404.html');
  });
});
