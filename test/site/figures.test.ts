/// <reference lib="dom" />
/**
 * Figures readable on a phone (issue 13): every post opened at 412 px in real Chromium. For each SVG figure the
 * smallest text must still be at least 11 px on the screen, computed from the SVG's own font sizes and the scale
 * the page draws it at (rendered width / viewBox width). No image may be drawn smaller than it would be at
 * 100 % (Typora's zoom below 100 % is what once shrank the text to 7 px). At 1280 px, each figure fits the post
 * column without being scaled and its text is at least 14 px. Screenshots of every figure at 412 px go to
 * test-output/figures/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { postPages, requireSite } from '../support/site';
import { type StaticServer, startStaticServer } from '../support/static-server';

const site = inject('site');
const SCREENSHOTS = join(resolve(import.meta.dirname, '../..'), 'test-output/figures');
const PHONE = { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** On a phone, nothing a reader must read may be drawn smaller than this. */
const MIN_PHONE_TEXT_PX = 11;
/** At 100 %, the SVG's own text is at least this big. */
const MIN_SVG_TEXT_PX = 14;

interface Drawn {
  src: string;
  /** Width the page lays the image out at, in CSS px. */
  rendered: number;
  /** The image's own width (the SVG's width attribute), which 100 % zoom would draw. */
  natural: number;
  /** Width of the block the image sits in: what max-width: 100% caps it to. */
  column: number;
}

interface SvgText {
  /** The SVG's width attribute in px. */
  width: number;
  /** The viewBox width: font sizes are in its units. */
  viewBoxWidth: number;
  /** The smallest computed font size of any text that shows characters, with that text. */
  smallest: { size: number; text: string };
}

let server: StaticServer;
let browser: Browser;
/**
 * The SVG documents open in a context of their own: a second tab in the post's context would put the post's tab
 * in the background, where Chromium holds its frames back and each screenshot waits seconds. What an SVG says
 * about its own text does not depend on the screen, so each is opened once for both tests.
 */
let svgContext: BrowserContext;
let svgPage: Page;
const measured = new Map<string, Promise<SvgText>>();
const svgTextOf = (src: string) => {
  if (!measured.has(src)) measured.set(src, svgText(svgPage, src));
  return measured.get(src) as Promise<SvgText>;
};
const posts = () => postPages(site).map((p) => ({ url: server.origin + p.urlPath, slug: p.urlPath }));

beforeAll(async () => {
  requireSite(site);
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startStaticServer(site.publicDir, site.root);
  browser = await launchChromium();
  svgContext = await browser.newContext(DESKTOP);
  svgPage = await svgContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Scrolls every image into view, waits for it to decode, and reports how it is drawn. */
async function drawnImages(page: Page): Promise<Drawn[]> {
  return page.evaluate(async () => {
    const out: Drawn[] = [];
    for (const img of Array.from(document.querySelectorAll<HTMLImageElement>('article img, main img'))) {
      img.scrollIntoView();
      await img.decode().catch(() => undefined);
      const parent = img.parentElement as HTMLElement;
      const style = getComputedStyle(parent);
      const column =
        parent.getBoundingClientRect().width -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight);
      out.push({
        src: img.currentSrc || img.src,
        rendered: img.getBoundingClientRect().width,
        natural: img.naturalWidth,
        column,
      });
    }
    window.scrollTo(0, 0);
    return out;
  });
}

/** Opens the SVG as its own document and reads its size and the font size of every text that shows. */
async function svgText(page: Page, src: string): Promise<SvgText> {
  await page.goto(src);
  return page.evaluate(() => {
    const svg = document.documentElement as unknown as SVGSVGElement;
    const viewBox = svg.viewBox.baseVal;
    const width = svg.width.baseVal.value;
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    for (const el of Array.from(document.querySelectorAll('text, tspan'))) {
      // Only the characters an element holds itself: a <text> made only of <tspan>s is measured through them.
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest.size) smallest = { size, text: own };
    }
    return { width, viewBoxWidth: viewBox && viewBox.width > 0 ? viewBox.width : width, smallest };
  });
}

const isSvg = (src: string) => new URL(src).pathname.toLowerCase().endsWith('.svg');
const name = (src: string) => decodeURIComponent(new URL(src).pathname.split('/').pop() ?? src);

describe('figures on a 412 px phone', () => {
  it('draw every SVG figure with its smallest text at 11 px or more, and no image below 100 %', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems: string[] = [];
    let figures = 0;
    for (const post of posts()) {
      await page.goto(post.url, { waitUntil: 'load' });
      const images = await drawnImages(page);
      for (const [index, image] of images.entries()) {
        const where = `${post.slug} ${name(image.src)}`;
        const expected = Math.min(image.natural, image.column);
        if (image.rendered < expected - 1) {
          problems.push(`${where}: drawn ${image.rendered} px wide, below 100 % (${expected} px)`);
        }
        const handle = page.locator('article img, main img').nth(index);
        await handle.scrollIntoViewIfNeeded();
        await handle.screenshot({
          path: join(SCREENSHOTS, `${post.slug.replace(/\W+/g, '_')}${index}-412.png`),
        });
        if (!isSvg(image.src)) continue;
        figures++;
        const svg = await svgTextOf(image.src);
        const onScreen = (svg.smallest.size * image.rendered) / svg.viewBoxWidth;
        if (!(onScreen >= MIN_PHONE_TEXT_PX)) {
          problems.push(
            `${where}: smallest text "${svg.smallest.text}" is ${onScreen.toFixed(1)} px on screen ` +
              `(${svg.smallest.size} px in a ${svg.viewBoxWidth} px viewBox drawn ${image.rendered} px wide)`,
          );
        }
      }
    }
    await context.close();
    expect(figures).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual([]);
  });
});

describe('figures on a 1280 px screen', () => {
  it('fit the post column at 100 % with text of 14 px or more', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const post of posts()) {
      await page.goto(post.url, { waitUntil: 'load' });
      for (const image of (await drawnImages(page)).filter((i) => isSvg(i.src))) {
        const where = `${post.slug} ${name(image.src)}`;
        const svg = await svgTextOf(image.src);
        if (svg.width > image.column) {
          problems.push(`${where}: ${svg.width} px wide, wider than the ${image.column} px column`);
        }
        if (Math.abs(image.rendered - svg.width) > 1) {
          problems.push(`${where}: drawn ${image.rendered} px wide, not at its own ${svg.width} px`);
        }
        const atFullSize = (svg.smallest.size * svg.width) / svg.viewBoxWidth;
        if (atFullSize < MIN_SVG_TEXT_PX) {
          problems.push(`${where}: text "${svg.smallest.text}" is ${atFullSize} px at 100 %`);
        }
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
