/// <reference lib="dom" />
/**
 * Responsive images in real headless Chromium, on the blog with a post of real screenshots (rendered by Chromium
 * at device scale 2 from the built site's own pages and a terminal): the browser picks the variant the layout
 * needs at 412 px (DPR 2.6) and at 1280 px (DPR 1), the `sizes` the plugin writes match the column the theme
 * really lays out, nothing shifts while images load, axe finds nothing, and the feed keeps plain full-size images.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hexo, makeSite, SCREENSHOT_POST, writeScreenshotPost } from '../../bench/lib/screenshot_site.mjs';
import { renderScreenshots } from '../../bench/lib/screenshots.mjs';
import { axeViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { requireSite } from '../support/site';
import { type StaticServer, startStaticServer } from '../support/static-server';

const site = inject('site');
const SHOTS = 3;

const PHONE = {
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 2.6,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;
const DESKTOP = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
} satisfies BrowserContextOptions;

let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  requireSite(site);
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'screenshots-'));
  const files = await renderScreenshots({ publicDir: site.publicDir, outDir: shots, count: SHOTS });
  dir = makeSite({ prefix: 'responsive-site-' });
  writeScreenshotPost(dir, files);
  fs.rmSync(shots, { recursive: true, force: true });
  await hexo(dir, ['generate']);
  server = await startStaticServer(path.join(dir, 'public'), '/');
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Shown {
  currentSrc: string;
  /** The candidates of the <source> the browser took (its type is supported), narrowest first. */
  candidates: { url: string; width: number }[];
  sizes: string;
  /** Width the image is laid out at, in CSS px. */
  drawnWidth: number;
  drawnHeight: number;
  width: number;
  height: number;
}

/** Opens the post, scrolls every image into view, and waits until each has loaded its chosen variant. */
async function openPost(page: Page): Promise<Shown[]> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { shifts: number[] }).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
        shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.origin + SCREENSHOT_POST.urlPath, { waitUntil: 'load' });
  const count = await page.locator('article picture img').count();
  expect(count).toBe(SHOTS);
  for (let i = 0; i < count; i++) {
    const img = page.locator('article picture img').nth(i);
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await img.elementHandle(),
    );
  }
  return page.locator('article picture img').evaluateAll((imgs) =>
    (imgs as HTMLImageElement[]).map((img) => {
      const source = Array.from(img.parentElement?.querySelectorAll('source') ?? []).find(
        (s) => s.type === 'image/avif',
      ) as HTMLSourceElement;
      const rect = img.getBoundingClientRect();
      return {
        currentSrc: img.currentSrc,
        candidates: source.srcset.split(', ').map((c) => {
          const [url, w] = c.split(' ');
          return { url: new URL(url as string, location.href).href, width: Number.parseInt(w as string, 10) };
        }),
        sizes: source.sizes,
        drawnWidth: rect.width,
        drawnHeight: rect.height,
        width: Number(img.getAttribute('width')),
        height: Number(img.getAttribute('height')),
      };
    }),
  );
}

/** What `sizes` says the slot is at this viewport width (the plugin's two-part form). */
function slotFromSizes(sizes: string, viewport: number): number {
  const match = /^\(max-width: (\d+)px\) calc\(100vw - (\d+)px\), (\d+)px$/.exec(sizes);
  if (!match) throw new Error(`unexpected sizes: ${sizes}`);
  return viewport <= Number(match[1]) ? viewport - Number(match[2]) : Number(match[3]);
}

/** The HTML spec's pick: the narrowest candidate dense enough for the screen, else the widest. */
function expectedPick(candidates: Shown['candidates'], slot: number, dpr: number): string {
  const enough = candidates.find((c) => c.width / slot >= dpr);
  return (enough ?? (candidates.at(-1) as Shown['candidates'][number])).url;
}

describe('responsive images in Chromium', () => {
  for (const [name, options] of [
    ['412 px at DPR 2.6', PHONE],
    ['1280 px at DPR 1', DESKTOP],
  ] as const) {
    it(`picks the AVIF the layout needs at ${name}, sized as the theme lays it out, with nothing shifting and no axe violation`, async () => {
      const context = await browser.newContext(options);
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const page = await context.newPage();
      const shown = await openPost(page);
      for (const image of shown) {
        const slot = slotFromSizes(image.sizes, options.viewport.width);
        // The sizes the plugin writes are the column the theme draws (at most 3% wider, never narrower).
        expect(image.drawnWidth).toBeLessThanOrEqual(slot + 0.5);
        expect(image.drawnWidth).toBeGreaterThanOrEqual(slot * 0.97);
        expect(image.currentSrc).toMatch(/\.avif$/);
        expect(image.currentSrc).toBe(expectedPick(image.candidates, slot, options.deviceScaleFactor));
        // The box has the image's aspect ratio from the first paint (width/height attributes).
        expect(Math.abs(image.drawnHeight - (image.drawnWidth * image.height) / image.width)).toBeLessThan(1);
      }
      // Only the chosen variants were downloaded: no original PNG, no second candidate.
      const images = requests.filter((url) => /\/screenshots\/shot-/.test(url));
      expect(images.sort()).toEqual(shown.map((s) => s.currentSrc).sort());
      expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
      // On the same page: a new one would load the post and every variant again.
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('keeps the feed plain: each screenshot an <img> of the full-size original at an absolute URL', () => {
    const feed = parseDocument(fs.readFileSync(path.join(dir, 'public/atom.xml'), 'utf8'), { xmlMode: true });
    const entry = DomUtils.getElementsByTagName('entry', feed).find((e) =>
      DomUtils.getElementsByTagName('link', e).some((link) =>
        link.attribs.href?.endsWith(SCREENSHOT_POST.urlPath),
      ),
    );
    const content = parseDocument(
      DomUtils.textContent(DomUtils.getElementsByTagName('content', entry ?? feed)[0] ?? feed),
    );
    expect(DomUtils.getElementsByTagName('picture', content)).toEqual([]);
    expect(DomUtils.getElementsByTagName('source', content)).toEqual([]);
    expect(DomUtils.getElementsByTagName('img', content).map((img) => img.attribs.src)).toEqual(
      Array.from(
        { length: SHOTS },
        (_, i) =>
          `https://example.github.io${SCREENSHOT_POST.urlPath}shot-${String(i + 1).padStart(2, '0')}.png`,
      ),
    );
  });
});
