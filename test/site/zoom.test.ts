/// <reference lib="dom" />
/**
 * Tap or click to zoom, in real headless Chromium on the built site: every post image links to its original
 * (lib/post/zoom-links.js) and source/js/zoom.js opens that link in a <dialog>. By keyboard (Enter, Esc, the
 * close button; focus returns to the link), by touch on a phone (tap, pinch-zoom inside the dialog), with no
 * layout shift, no axe violation while open, and without a script nothing but the link.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { postPages, requireSite } from '../support/site';
import { type StaticServer, startStaticServer } from '../support/static-server';

const site = inject('site');
const DESKTOP = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

let server: StaticServer;
let browser: Browser;
/** A post whose images have zoom links. */
let postUrl: string;

beforeAll(async () => {
  requireSite(site);
  const post = postPages(site).find((p) => p.html.includes('<a class="zoom"'));
  if (!post) throw new Error('no post has a zoom link: does any post have an image?');
  server = await startStaticServer(site.publicDir, site.root);
  postUrl = server.origin + post.urlPath;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens the post with a recorder of layout shifts from the start: those that count toward CLS (no recent input)
 * and any that moved something of the page itself; the zoom dialog's own resizing (a tap toggles full size) is
 * neither.
 */
async function openPost(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const shifts: string[] = [];
    (window as unknown as { shifts: string[] }).shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: { node?: Node }[];
      })[]) {
        const moved = entry.sources
          .map((s) => s.node)
          .filter((node) => !(node instanceof Element && node.closest('dialog.zoom')));
        if (!entry.hadRecentInput || moved.length)
          shifts.push(`${entry.value} ${moved.map((n) => n?.nodeName ?? '?').join(' ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(postUrl, { waitUntil: 'networkidle' });
  await layOutEveryBlock(page);
  return page;
}

/**
 * Scrolls through the whole post and back to the top. The theme lays out a post's blocks only as they come near
 * the screen (content-visibility: auto), and a block that never has keeps a guessed height; laid out later (a
 * pinch-zoom can do it), it changes where everything below it is in the page. Once every block has been laid
 * out it keeps its real height, so a place measured in the page stays put unless something really moved.
 */
async function layOutEveryBlock(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await frame();
      await frame();
    }
    scrollTo(0, 0);
    await frame();
  });
}

const shifts = (page: Page) => page.evaluate(() => (window as unknown as { shifts: string[] }).shifts);
const dialogOpen = (page: Page) =>
  page.evaluate(() => !!document.querySelector<HTMLDialogElement>('dialog.zoom')?.open);
const waitForDialog = (page: Page, open: boolean) =>
  page.waitForFunction(
    (want) => !!document.querySelector<HTMLDialogElement>('dialog.zoom')?.open === want,
    open,
  );
/** The focused element is the n-th zoom link. */
const focusIsLink = (page: Page, n: number) =>
  page.evaluate((i) => document.activeElement === document.querySelectorAll('a.zoom')[i], n);
/**
 * Where the n-th element matching `selector` is on the screen once the page has settled: the blocks of a post
 * are laid out as they come near the screen (content-visibility: auto), and the browser keeps what is on the
 * screen in place meanwhile, to a fraction of a pixel; so read until two reads 100 ms apart agree.
 */
interface Position {
  x: number;
  y: number;
  width: number;
  height: number;
  /** in the page rather than on the screen */
  page: { x: number; y: number };
}
const screenPosition = (page: Page, selector: string, n: number) =>
  page.evaluate(
    async ([sel, i]) => {
      const read = () => {
        const box = (
          document.querySelectorAll(sel as string)[i as number] as Element
        ).getBoundingClientRect();
        const page = { x: box.x + scrollX, y: box.y + scrollY };
        return JSON.stringify({ x: box.x, y: box.y, width: box.width, height: box.height, page });
      };
      let last = read();
      for (;;) {
        await new Promise((done) => setTimeout(done, 100));
        const now = read();
        if (now === last) return JSON.parse(now) as Position;
        last = now;
      }
    },
    [selector, n],
  );
/** The dialog's image: its URL and whether it decoded. */
const dialogImage = (page: Page) =>
  page.evaluate(async () => {
    const img = document.querySelector('dialog.zoom img') as HTMLImageElement;
    await img.decode().catch(() => {});
    return { src: img.src, alt: img.alt, width: img.naturalWidth };
  });

describe('zoom by keyboard and mouse', () => {
  // One desktop page for these tests (a new page costs a renderer and a scroll through the whole post): each test
  // leaves the dialog closed, and the layout shifts are recorded from the first load to the last test.
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext(DESKTOP);
    page = await openPost(context);
  });
  afterAll(() => context?.close());

  it('opens the original with Enter on the link, closes with Esc and the close button, and focus returns', async () => {
    const link = page.locator('a.zoom').nth(1);
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    await link.focus();
    const before = await screenPosition(page, 'a.zoom img', 1);

    await page.keyboard.press('Enter');
    await waitForDialog(page, true);
    const shown = await dialogImage(page);
    expect(shown.src).toBe(href);
    expect(shown.width).toBeGreaterThan(0);
    expect(shown.alt).toBe(await link.locator('img').getAttribute('alt'));
    expect(page.url()).toBe(postUrl); // the link did not navigate
    // The modal dialog has focus (its close button), not the page behind it.
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog.zoom'))).toBe(true);

    await page.keyboard.press('Escape');
    await waitForDialog(page, false);
    expect(await focusIsLink(page, 1)).toBe(true);

    await page.keyboard.press('Enter');
    await waitForDialog(page, true);
    await page.keyboard.press('Enter'); // on the focused close button
    await waitForDialog(page, false);
    expect(await focusIsLink(page, 1)).toBe(true);

    expect(await screenPosition(page, 'a.zoom img', 1)).toEqual(before);
    expect(await shifts(page)).toEqual([]);
  });

  it('closes with a click on the close button or beside the picture', async () => {
    const link = page.locator('a.zoom').first();
    await link.click();
    await waitForDialog(page, true);
    await page.locator('dialog.zoom button').click();
    await waitForDialog(page, false);
    expect(await focusIsLink(page, 0)).toBe(true);

    await link.click();
    await waitForDialog(page, true);
    await page.mouse.click(5, 400); // the backdrop, left of the picture
    await waitForDialog(page, false);
    expect(await shifts(page)).toEqual([]);
  });

  it('has no axe violation with the dialog open, in light and dark mode', async () => {
    await page.locator('a.zoom').first().click();
    await waitForDialog(page, true);
    // The page follows the reader's setting as it changes (color-scheme and light-dark()), so one page serves both.
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      colours.push(await page.evaluate(() => getComputedStyle(document.body).color));
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
    expect(colours[0]).not.toBe(colours[1]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await waitForDialog(page, false);
  });
});

describe('zoom by touch', () => {
  it('opens with a tap, lets the reader pinch-zoom the picture, toggles full size, and closes with a tap', async () => {
    const context = await browser.newContext(PHONE);
    const page = await openPost(context);
    const link = page.locator('a.zoom').first();
    await link.scrollIntoViewIfNeeded();
    const before = await screenPosition(page, 'a.zoom img', 0);

    await link.locator('img').tap();
    await waitForDialog(page, true);
    expect((await dialogImage(page)).width).toBeGreaterThan(0);

    // Nothing in the page or the dialog forbids the browser's own zoom.
    const blockers = await page.evaluate(() => {
      const viewport = document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? '';
      const img = document.querySelector('dialog.zoom img') as Element;
      const actions = [img, img.parentElement as Element, document.body, document.documentElement].map(
        (e) => getComputedStyle(e).touchAction,
      );
      return { viewport, actions };
    });
    expect(blockers.viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?\b/);
    expect(blockers.actions.every((a) => a === 'auto')).toBe(true);

    // A real pinch on the dialog's picture: the visual viewport scales. Headless Chromium has no touch screen to
    // synthesise a touch pinch on; a trackpad-style pinch goes through the same page-scale limits (a viewport
    // with user-scalable=no keeps it at 1), and touch-action, which only touch input obeys, is checked above.
    const cdp = await context.newCDPSession(page);
    const box = await page.locator('dialog.zoom img').boundingBox();
    await cdp.send('Input.synthesizePinchGesture', {
      x: (box?.x ?? 0) + (box?.width ?? 0) / 2,
      y: (box?.y ?? 0) + (box?.height ?? 0) / 2,
      scaleFactor: 2.5,
      gestureSourceType: 'mouse',
    });
    await page.waitForFunction(() => (window.visualViewport?.scale ?? 1) > 1.5);
    expect(await dialogOpen(page)).toBe(true);
    // Back out (coordinates are in the zoomed viewport's CSS pixels now, so near its top left corner).
    await cdp.send('Input.synthesizePinchGesture', {
      x: 50,
      y: 50,
      scaleFactor: 0.2,
      gestureSourceType: 'mouse',
    });
    await page.waitForFunction(() => (window.visualViewport?.scale ?? 0) < 1.01);

    // A tap on the picture shows it at full size, another fits it again.
    await page.locator('dialog.zoom img').tap();
    await page.waitForFunction(() => document.querySelector('dialog.zoom')?.classList.contains('full'));
    await page.locator('dialog.zoom img').tap();
    await page.waitForFunction(() => !document.querySelector('dialog.zoom')?.classList.contains('full'));

    await page.locator('dialog.zoom button').tap();
    await waitForDialog(page, false);
    // Pinching in and out may leave the page scrolled a little: the image must be where it was in the page.
    expect((await screenPosition(page, 'a.zoom img', 0)).page).toEqual(before.page);
    expect(await shifts(page)).toEqual([]);
    await context.close();
  });
});

describe('zoom without a script', () => {
  it('is a plain link to the original image', async () => {
    const context = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(postUrl);
    const link = page.locator('a.zoom').first();
    const href = await link.getAttribute('href');
    expect(href).toBe(await link.locator('img').getAttribute('src'));
    await Promise.all([page.waitForURL((url) => url.pathname === href), link.click()]);
    await context.close();
  });
});

describe('zoom script', () => {
  it('is at most 1 KB as served (comments and indentation stripped, not compressed)', async () => {
    const response = await fetch(`${server.url}js/zoom.js`);
    expect(response.ok).toBe(true);
    const bytes = (await response.arrayBuffer()).byteLength;
    console.log(`js/zoom.js: ${bytes} bytes as served`);
    expect(bytes).toBeLessThanOrEqual(1024);
  });
});
