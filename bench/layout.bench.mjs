/**
 * Style and layout of each post on a phone, in main-thread CPU time from a Chromium trace (steadier than
 * Lighthouse's wall-clock numbers on a shared machine): the theme's stylesheet as built, side by side with the
 * same stylesheet without `content-visibility` (every block laid out before the first paint), alternating, medians
 * and ratios. Also the page without its post text, which is what the page around it costs.
 *
 *   BENCH_RUNS=9 node bench/layout.bench.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { launchChromium } from './lib/chromium.mjs';

const REPO = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
};

/** The stylesheet each variant is served: the built one, or it with one change. */
const VARIANTS = {
  'as built': (css) => css,
  'no content-visibility': (css) => css.replaceAll('content-visibility:auto;', ''),
  'without the post text': (css) => `${css}.content{display:none}`,
};

async function buildSite() {
  const baseDir = await mkdtemp(join(tmpdir(), 'paperwhite-layout-'));
  for (const entry of ['_config.yml', 'package.json', 'node_modules', 'source', 'themes', 'scripts']) {
    if (existsSync(join(REPO, entry))) await symlink(join(REPO, entry), join(baseDir, entry));
  }
  execFileSync(process.execPath, [join(REPO, 'node_modules/hexo/bin/hexo'), 'generate'], {
    cwd: baseDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return baseDir;
}

function serve(dir) {
  const server = createServer(async (request, response) => {
    let file = join(dir, decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => null);
    response.writeHead(body ? 200 : 404, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    response.end(body ?? '');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Main-thread CPU ms of style (UpdateLayoutTree) and layout from a trace of one load. */
async function measure(browser, url, css) {
  const context = await browser.newContext(PHONE);
  await context.route('**/css/paperwhite.css', (route) =>
    route.fulfill({ contentType: 'text/css', body: css }),
  );
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(200);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  const cpu = (name) =>
    traceEvents.filter((e) => e.name === name && e.ph === 'X').reduce((sum, e) => sum + (e.tdur ?? 0), 0) /
    1000;
  return cpu('UpdateLayoutTree') + cpu('Layout');
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const baseDir = await buildSite();
const publicDir = join(baseDir, 'public');
const server = await serve(publicDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
try {
  const css = await readFile(join(publicDir, 'css/paperwhite.css'), 'utf8');
  if (!css.includes('content-visibility:auto;'))
    throw new Error('the built stylesheet has no content-visibility:auto;');
  const posts = [];
  for (const year of await readdir(publicDir)) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const month of await readdir(join(publicDir, year)))
      for (const day of await readdir(join(publicDir, year, month)))
        for (const slug of await readdir(join(publicDir, year, month, day)))
          posts.push(`/${year}/${month}/${day}/${slug}/`);
  }
  console.log(`layout.bench: style + layout CPU ms per load at 412 px, median of ${RUNS} alternating loads`);
  for (const path of posts) {
    const times = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
    await measure(browser, origin + path, css); // untimed: fonts
    for (let i = 0; i < RUNS; i++) {
      for (const [name, variant] of Object.entries(VARIANTS))
        times[name].push(await measure(browser, origin + path, variant(css)));
    }
    const [built, without, chrome] = Object.values(times).map(median);
    console.log(
      `  ${path.split('/').at(-2).padEnd(22)} as built ${built.toFixed(1).padStart(5)} ms, ` +
        `without content-visibility ${without.toFixed(1).padStart(5)} ms (ratio ${(built / without).toFixed(2)}), ` +
        `the page without its text ${chrome.toFixed(1).padStart(5)} ms`,
    );
  }
} finally {
  await browser.close();
  server.close();
  await rm(baseDir, { recursive: true, force: true });
}
