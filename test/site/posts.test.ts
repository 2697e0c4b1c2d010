/**
 * The five posts (issue 3): each builds, each figure is drawn by us (an SVG in the post's asset folder,
 * referenced the way Typora writes it), resolves to the same bytes on the site, and has alt text; the prose
 * is long enough and carries the front matter and the sections a reader needs.
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

/** Chinese characters of prose: CJK ideographs outside fenced code. */
function chineseCharacters(body: string): number {
  const prose = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  return (prose.match(/[\u4e00-\u9fff]/g) ?? []).length;
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

  it('references its own figures the way Typora writes them', () => {
    const markdownImages = [...post.body.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    const htmlImages = [...post.body.matchAll(/<img [^>]*src="([^"]+)"[^>]*>/g)].map((m) => m[1] as string);
    const all = [...markdownImages, ...htmlImages].map((src) => src.replace(/\s+"[^"]*"$/, ''));
    const own = all.filter((src) => src.startsWith(`${slug}/`));
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.filter((src) => src.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
    expect(post.body).toMatch(new RegExp(`<img src="${slug}/[^"]+" [^>]*style="zoom:\\d+%;?"`));
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
