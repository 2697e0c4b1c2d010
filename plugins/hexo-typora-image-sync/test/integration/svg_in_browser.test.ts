/// <reference lib="dom" />
/**
 * Real headless Chromium opens every SVG a real `hexo generate` published, from public/ over a local
 * static server, as a page (clicking its links) and as an <img>, and no script may run. The site refers to
 * the attack SVGs from the author's home and links to them from the asset folder; the author's own SVGs
 * are in source/. The same attack SVGs opened straight from the home folder must run their script: that
 * proves both the attacks and the listener are real.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../test/support/browser';
import { type StaticServer, startStaticServer } from '../../../../test/support/static-server';
import { sniffMediaType } from '../../src/publish/sniff_media_type';
import { attackPost, plantOutsideFiles, RAN, SVG_ATTACKS } from '../support/attack_files';
import { copyFixture, type Site } from '../support/hexo_site';

const OWN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>\n';

let site: Site;
let home: string;
let browser: Browser;
let published: StaticServer;
let attacker: StaticServer;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-svg-home-'));
  plantOutsideFiles(home);
  site = copyFixture('minimal');
  const own = '\n![own drawing](attacks/own.svg)\n\n![pasted drawing](attacks.assets/pasted.svg)\n';
  site.write('source/_posts/attacks.md', attackPost(home) + own);
  site.write('source/_posts/attacks/own.svg', OWN_SVG);
  site.write('source/_posts/attacks.assets/pasted.svg', OWN_SVG);
  site.write('assets/xhtml.svg', SVG_ATTACKS[1]?.content() ?? '');
  fs.symlinkSync(path.join(home, 'Downloads/comment.svg'), site.file('source/_posts/attacks/drawing.svg'));
  fs.symlinkSync('../../../assets/xhtml.svg', site.file('source/_posts/attacks/repo.svg'));
  const run = await site.hexo(['generate'], { HOME: home });
  if (run.code !== 0) throw new Error(run.output);
  browser = await launchChromium();
  published = await startStaticServer(site.file('public'));
  attacker = await startStaticServer(home);
});
afterAll(async () => {
  await browser?.close();
  await published?.close();
  await attacker?.close();
  site.remove();
  fs.rmSync(home, { recursive: true, force: true });
});

/** Every file in public/ that is an SVG, by name or by content. */
function publishedSvgs(): string[] {
  const dir = site.file('public');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => {
      const full = path.join(dir, file);
      if (!fs.statSync(full).isFile()) return false;
      const sniffed = sniffMediaType(fs.readFileSync(full).subarray(0, 4096));
      return file.endsWith('.svg') || (sniffed.ok && sniffed.type === 'image/svg+xml');
    })
    .sort();
}

/**
 * Opens `url` as a page, clicks every link in it, and returns what its scripts logged. Console messages
 * arrive in order, so one logged by the test after the clicks marks the point by which any script's
 * message has arrived.
 */
async function scriptsRunIn(
  page: Page,
  open: () => Promise<unknown>,
  clickLinks: boolean,
): Promise<string[]> {
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  await open();
  if (clickLinks) {
    for (const link of await page.$$('a')) await link.click({ force: true }).catch(() => {});
  }
  const marker = `done-${Math.random()}`;
  await Promise.all([
    page.waitForEvent('console', (message) => message.text() === marker),
    page.evaluate((text) => console.log(text), marker),
  ]);
  return logged.filter((text) => text.startsWith(RAN));
}

describe('published SVGs in Chromium', () => {
  it('the attack SVGs, opened straight from the home folder, do run script (the check is real)', async () => {
    for (const attack of SVG_ATTACKS) {
      const page = await browser.newPage();
      // A script behind a clicked javascript: link runs in a task of its own, after the click returns:
      // wait for the script's own message (here it must come), not for a marker.
      const ran = page.waitForEvent('console', {
        predicate: (m) => m.text().startsWith(RAN),
        timeout: 30_000,
      });
      await scriptsRunIn(page, () => page.goto(`${attacker.url}${attack.file}`), true);
      await expect(ran, attack.file).resolves.toBeTruthy();
      await page.close();
    }
  });

  it('only the author’s own SVGs were published', () => {
    expect(publishedSvgs()).toEqual(['2024/02/01/attacks/own.svg', '2024/02/01/attacks/pasted.svg']);
  });

  it('runs no script from any published SVG opened as a page', async () => {
    for (const file of publishedSvgs()) {
      const page = await browser.newPage();
      const ran = await scriptsRunIn(page, () => page.goto(`${published.url}${file}`), true);
      await page.close();
      expect(ran, file).toEqual([]);
    }
  });

  it('runs no script from any published SVG shown as an <img>, and every one decodes', async () => {
    const files = publishedSvgs();
    fs.writeFileSync(
      site.file('public/__svg-images.html'),
      `<!doctype html><body>${files.map((file) => `<img src="/${file}">`).join('')}</body>`,
    );
    const page = await browser.newPage();
    const ran = await scriptsRunIn(page, () => page.goto(`${published.url}__svg-images.html`), false);
    const decoded = await page.evaluate(() =>
      Promise.all(Array.from(document.images).map((img) => img.decode().then(() => img.naturalWidth > 0))),
    );
    await page.close();
    expect(ran).toEqual([]);
    expect(decoded).toEqual(files.map(() => true));
  });
});
