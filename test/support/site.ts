/**
 * Helpers for tests that read the site built by build-site.ts (the vitest globalSetup):
 *
 *   const site = requireSite(inject('site'));   // throws with hexo's output if the build failed
 *   for (const page of htmlPages(site)) { ... page.urlPath, page.html ... }
 *   const doc = parseHtml(page.html); elements(doc, 'img')
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { BuiltSite } from './build-site';
import { fileForPath } from './static-server';

export type { BuiltSite } from './build-site';
export type Document = ReturnType<typeof parseDocument>;
export type Element = ReturnType<typeof DomUtils.findAll>[number];

/** The built site, or an error carrying hexo's output when the build failed (so site tests fail, loudly). */
export function requireSite(site: BuiltSite): BuiltSite {
  if (site.error) throw new Error(site.error);
  return site;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

export interface Page {
  /** The URL path a reader would use: root + "2024/03/12/slug/" (no index.html) */
  urlPath: string;
  file: string;
  html: string;
}

/** Every generated HTML page. */
export function htmlPages(site: BuiltSite): Page[] {
  return listFiles(site.publicDir)
    .filter((path) => path.endsWith('.html'))
    .map((path) => ({
      urlPath: site.root + path.replace(/(^|\/)index\.html$/, '$1'),
      file: join(site.publicDir, path),
      html: readFileSync(join(site.publicDir, path), 'utf8'),
    }));
}

/** Post pages: the pages that call themselves articles (og:type). */
export function postPages(site: BuiltSite): Page[] {
  return htmlPages(site).filter((page) => /<meta property="og:type" content="article">/.test(page.html));
}

/** The file a root-relative URL path maps to (null when outside the site), like the static server does. */
export function fileFor(site: BuiltSite, urlPath: string): string | null {
  return fileForPath(site.publicDir, site.root, urlPath);
}

export function parseHtml(html: string): Document {
  return parseDocument(html);
}

/** Elements named `name` (and matching `where`, if given), in document order. */
export function elements(
  node: Document | Element,
  name: string,
  where: (el: Element) => boolean = () => true,
) {
  return DomUtils.findAll((el) => el.name === name && where(el), [node]);
}

export const textOf = DomUtils.textContent;
export const parentOf = (el: Element): Element | null =>
  el.parent && 'attribs' in el.parent ? (el.parent as Element) : null;
export const hasClass = (el: Element, name: string) => (el.attribs.class ?? '').split(/\s+/).includes(name);
