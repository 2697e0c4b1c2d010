/**
 * The five posts (issues 3 and 13): each builds, each figure is drawn by us (an SVG in the post's asset folder,
 * referenced the way Typora writes it, never shrunk below 100 %), resolves to the same bytes on the site, and has
 * alt text; the prose is long enough and carries the front matter and the sections a reader needs; every
 * reference has a year and a link to a page (not a bare home page); the Chinese prose uses one typography.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { elements, fileFor, parseHtml, postPages } from '../support/site';

const site = inject('site');
const POSTS_DIR = resolve(import.meta.dirname, '../../source/_posts');
const SLUGS = [
  'moe-all-to-all',
  'allreduce-bucketing',
  'typora-hexo-workflow',
  'smartmoe-notes',
  'fastermoe-notes',
];

interface Source {
  slug: string;
  text: string;
  frontMatter: string;
  body: string;
}

function readPost(slug: string): Source {
  const text = readFileSync(join(POSTS_DIR, `${slug}.md`), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${slug}.md has no front matter`);
  return { slug, text, frontMatter: match[1] as string, body: match[2] as string };
}

const FENCED_CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const CJK = /[\u4e00-\u9fff]/;

/** Chinese characters of prose: CJK ideographs outside fenced code. */
function chineseCharacters(body: string): number {
  const prose = body.replace(FENCED_CODE, '');
  return (prose.match(/[\u4e00-\u9fff]/g) ?? []).length;
}

/** The numbered entries under the references heading, one string each. */
function references(body: string): string[] {
  const section = /^##+ .*参考(?:文献|资料)[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(body)?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\d+\. /.test(line))
    .map((line) => line.trim());
}

/**
 * Lines of Chinese prose with what the typography rule forbids in them: straight double quotes, ASCII
 * parentheses next to a Chinese character, and the terms we do not use. Code, math, HTML tags, link targets
 * and table rows are left out (quotes and parentheses are part of their syntax).
 */
function typographyProblems(body: string): string[] {
  const problems: string[] = [];
  const prose = body.replace(FENCED_CODE, '').replace(/^\$\$[\s\S]*?^\$\$/gm, '');
  for (const [index, line] of prose.split('\n').entries()) {
    if (!CJK.test(line) || line.startsWith('|')) continue;
    const text = line
      .replace(/`[^`]*`/g, '')
      .replace(/\$[^$]*\$/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\]\([^)]*\)/g, ']');
    const found = [
      text.includes('"') && 'straight double quote',
      /[\u4e00-\u9fff]\s*[()]|[()]\s*[\u4e00-\u9fff]/.test(text) && 'ASCII parenthesis next to Chinese',
      /集体通信|规约/.test(text) && 'term (write 集合通信, 归约)',
    ].filter(Boolean);
    if (found.length) problems.push(`line ${index + 1}: ${found.join(', ')}: ${line.slice(0, 60)}`);
  }
  return problems;
}

const existing = SLUGS.filter((slug) => readdirSync(POSTS_DIR).includes(`${slug}.md`));

it('has all five posts', () => {
  expect(existing).toEqual(SLUGS);
});

it('built without a single image warning', () => {
  expect(site.log).not.toMatch(/\.md:\d+: /);
});

describe.each(existing)('post %s', (slug) => {
  const post = readPost(slug);
  const page = postPages(site).find((p) => p.html.includes(`${slug}/`) && p.urlPath.includes(slug));

  it('has the front matter, an excerpt and references', () => {
    for (const key of ['title', 'date', 'updated', 'tags', 'categories']) {
      expect(post.frontMatter, key).toMatch(new RegExp(`^${key}:`, 'm'));
    }
    expect(post.body).toContain('<!-- more -->');
    expect(post.body).toMatch(/^##+ .*参考(文献|资料)/m);
    expect(post.body.match(/^## /gm)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });

  it('has at least 3,000 Chinese characters of prose', () => {
    expect(chineseCharacters(post.body)).toBeGreaterThanOrEqual(3000);
  });

  it('lists references that each have a year and a link to a page', () => {
    const entries = references(post.body);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of entries) {
      expect(entry, 'a year').toMatch(/\b(?:19|20)\d\d\b/);
      const links = [...entry.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((m) => new URL(m[1] as string));
      expect(links.length, `a link: ${entry}`).toBeGreaterThan(0);
      for (const link of links)
        expect(link.pathname.length, `not a bare home page: ${link}`).toBeGreaterThan(1);
      expect(entry, 'no entry that leaves the details out').not.toMatch(
        /未逐篇核对|不列出处|details omitted/,
      );
    }
  });

  it('writes Chinese prose in one typography', () => {
    expect(typographyProblems(post.body)).toEqual([]);
  });

  it('turns Nunjucks off in front matter when its prose shows tag syntax, instead of raw blocks', () => {
    const prose = post.body.replace(FENCED_CODE, '');
    if (/\{%|\{\{/.test(prose)) expect(post.frontMatter).toMatch(/^disableNunjucks: true$/m);
    else expect(post.body).not.toMatch(/\{% *raw *%\}/);
  });

  it('references its own figures the way Typora writes them', () => {
    const markdownImages = [...post.body.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    const htmlImages = [...post.body.matchAll(/<img [^>]*src="([^"]+)"[^>]*>/g)].map((m) => m[1] as string);
    const all = [...markdownImages, ...htmlImages].map((src) => src.replace(/\s+"[^"]*"$/, ''));
    const own = all.filter((src) => src.startsWith(`${slug}/`));
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.filter((src) => src.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
    expect(post.body).toMatch(new RegExp(`<img src="${slug}/[^"]+" [^>]*style="zoom:\\d+%;?"`));
    // Typora's zoom below 100 % shrank the figures' text to 7 px on a phone.
    const tags = post.body.replace(FENCED_CODE, '').replace(/`[^`\n]*`/g, '');
    const zooms = [...tags.matchAll(/<img [^>]*style="[^"]*zoom:\s*(\d+)%/g)].map((m) => Number(m[1]));
    expect(zooms.length).toBeGreaterThan(0);
    for (const zoom of zooms) expect(zoom).toBeGreaterThanOrEqual(100);
    expect(own.some((src) => /%20|[\u4e00-\u9fff]/.test(src))).toBe(true);
  });

  it('builds a page where every figure resolves to the same bytes and has alt text', () => {
    expect(page, `no page for ${slug}`).toBeDefined();
    const images = elements(parseHtml(page?.html ?? ''), 'img');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const img of images) {
      const src = img.attribs.src ?? '';
      expect(img.attribs.alt?.trim(), src).toBeTruthy();
      const served = fileFor(site, src);
      expect(served, src).not.toBeNull();
      const name = decodeURIComponent(src.split('/').pop() ?? '');
      const source = readFileSync(join(POSTS_DIR, slug, name));
      expect(readFileSync(served as string).equals(source), src).toBe(true);
    }
  });
});
