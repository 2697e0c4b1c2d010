/**
 * Responsive image variants (hexo-typora-image-sync's typora.images) on a screenshot-heavy post: 20 screenshots
 * rendered by Chromium at device scale 2 from the blog's own built pages and a terminal/editor. Two copies of
 * the blog, side by side in one run: baseline (typora.images: false, the PNGs as pasted) and variants (the
 * defaults). Prints, with ratios:
 *   - bytes of images a reader downloads on the post at 412 px (DPR 2.6) and 1280 px (DPR 1): target ≤ 30%;
 *   - LCP in Chromium on a throttled network (phone: 1.6 Mbps, 150 ms; desktop: 10 Mbps, 40 ms), median;
 *   - build time: baseline, cold (empty cache) and warm (`hexo clean`, cache kept): target warm ≤ 1.1×;
 *   - what the text check decided (detail SSIM of every lossy variant checked).
 *
 *   BENCH_SHOTS=20 BENCH_RUNS=5 node bench/images.bench.mjs
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './lib/chromium.mjs';
import { hexo, makeSite, SCREENSHOT_POST, writeScreenshotPost } from './lib/screenshot_site.mjs';
import { renderScreenshots } from './lib/screenshots.mjs';
import { serveDir } from './lib/serve_dir.mjs';

const settings = {
  shots: Number(process.env.BENCH_SHOTS ?? 20),
  runs: Number(process.env.BENCH_RUNS ?? 5),
  keep: process.env.BENCH_KEEP === '1',
};
const BYTES_TARGET = 0.3;
const WARM_TARGET = 1.1;
const VIEWS = [
  {
    name: '412 px, DPR 2.6',
    context: {
      viewport: { width: 412, height: 915 },
      deviceScaleFactor: 2.6,
      isMobile: true,
      hasTouch: true,
    },
    network: {
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    },
  },
  {
    name: '1280 px, DPR 1',
    context: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    network: {
      latency: 40,
      downloadThroughput: (10 * 1024 * 1024) / 8,
      uploadThroughput: (10 * 1024 * 1024) / 8,
    },
  },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a, b) => `${(a / b).toFixed(3)}×`;

/**
 * Loads the post, scrolls through it so that every lazy image loads, and counts the bytes the server sent for
 * it: what a reader downloads (no cache, no compression).
 */
async function downloads(browser, server, view) {
  const context = await browser.newContext(view.context);
  const page = await context.newPage();
  server.served.length = 0;
  await page.goto(server.origin + SCREENSHOT_POST.urlPath, { waitUntil: 'load' });
  const imgs = page.locator('article img');
  for (let i = 0; i < (await imgs.count()); i++) {
    await imgs.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await imgs.nth(i).elementHandle());
  }
  await page.waitForLoadState('networkidle');
  await context.close();
  const isImage = (p) => /\.(png|jpe?g|webp|avif|svg)$/i.test(p);
  const sum = (list) => list.reduce((total, r) => total + r.bytes, 0);
  return { images: sum(server.served.filter((r) => isImage(r.path))), total: sum(server.served) };
}

/** Largest Contentful Paint of the post, on a throttled network, and what it was. */
async function lcp(browser, origin, view) {
  const context = await browser.newContext(view.context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...view.network });
  await page.addInitScript(() => {
    window.lcp = { time: 0, element: '' };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.lcp = { time: entry.startTime, element: entry.element?.tagName?.toLowerCase() ?? '?' };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(origin + SCREENSHOT_POST.urlPath, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => window.lcp);
  await context.close();
  return result;
}

async function main() {
  const startedAt = Date.now();
  console.log(
    `images.bench: ${settings.shots} screenshots, ${settings.runs} runs; Node ${process.version}, ` +
      `${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'images-bench-'));
  const sites = [];
  try {
    // The blog as it is, to take screenshots of.
    const t = Date.now();
    const plain = makeSite({ prefix: 'images-bench-plain-' });
    sites.push(plain);
    await hexo(plain, ['generate']);
    const shots = await renderScreenshots({
      publicDir: path.join(plain, 'public'),
      outDir: path.join(work, 'shots'),
      count: settings.shots,
    });
    const shotBytes = shots.map((f) => fs.statSync(f).size);
    console.log(
      `rendered ${shots.length} screenshots in ${seconds(Date.now() - t)}: ${kb(shotBytes.reduce((a, b) => a + b, 0))} in all, ` +
        `median ${kb(median(shotBytes))}, largest ${kb(Math.max(...shotBytes))}`,
    );

    const baseline = makeSite({ set: { 'typora.images': false }, prefix: 'images-bench-baseline-' });
    const variants = makeSite({ prefix: 'images-bench-variants-' });
    sites.push(baseline, variants);
    for (const dir of [baseline, variants]) writeScreenshotPost(dir, shots);

    // Cold: the first build with variants, on an empty cache. Then alternate baseline and warm builds.
    await hexo(baseline, ['generate']);
    const cold = await hexo(variants, ['generate']);
    const coldLine = /image variants: .*/.exec(cold.output)?.[0] ?? '';
    console.log(`cold build with variants: ${seconds(cold.ms)} (${coldLine})`);
    const times = { baseline: [], warm: [] };
    for (let i = 0; i < settings.runs; i++) {
      const order = i % 2 === 0 ? ['baseline', 'warm'] : ['warm', 'baseline'];
      for (const which of order) {
        const dir = which === 'baseline' ? baseline : variants;
        await hexo(dir, ['clean']);
        const run = await hexo(dir, ['generate']);
        if (which === 'warm' && !/image variants: 0 encoded/.test(run.output))
          throw new Error(`the warm build encoded something:\n${run.output}`);
        times[which].push(run);
        console.log(
          `  run ${i + 1} ${which.padEnd(8)}: ${seconds(run.ms)} wall, ${seconds(run.cpuMs)} CPU, ${seconds(run.mainMs)} main thread`,
        );
      }
    }

    const browser = await launchChromium();
    const servers = {
      baseline: await serveDir(path.join(baseline, 'public')),
      variants: await serveDir(path.join(variants, 'public')),
    };
    const results = [];
    try {
      for (const view of VIEWS) {
        const row = { view: view.name };
        for (const [name, server] of Object.entries(servers)) {
          row[name] = await downloads(browser, server, view);
          const lcps = [];
          for (let i = 0; i < settings.runs; i++) lcps.push(await lcp(browser, server.origin, view));
          row[`${name}Lcp`] = median(lcps.map((l) => l.time));
          row[`${name}LcpElement`] = lcps.map((l) => l.element).join('/');
        }
        results.push(row);
      }
    } finally {
      await browser.close();
      for (const server of Object.values(servers)) await server.close();
    }

    console.log(
      '\nbytes a reader downloads on the post (images; whole page in brackets), baseline vs variants:',
    );
    for (const row of results) {
      const met = row.variants.images / row.baseline.images <= BYTES_TARGET ? 'met' : 'NOT met';
      console.log(
        `  ${row.view.padEnd(16)}: ${kb(row.baseline.images)} (${kb(row.baseline.total)}) → ` +
          `${kb(row.variants.images)} (${kb(row.variants.total)}), images ${ratio(row.variants.images, row.baseline.images)} ` +
          `(target ≤ ${BYTES_TARGET}×: ${met}), page ${ratio(row.variants.total, row.baseline.total)}`,
      );
    }
    console.log('LCP on a throttled network (median), baseline vs variants:');
    for (const row of results) {
      console.log(
        `  ${row.view.padEnd(16)}: ${seconds(row.baselineLcp)} (${row.baselineLcpElement}) → ` +
          `${seconds(row.variantsLcp)} (${row.variantsLcpElement}), ratio ${ratio(row.variantsLcp, row.baselineLcp)}`,
      );
    }
    // Wall time is what an author waits for, but on a shared machine it swings with the other load; the main
    // thread's CPU time (where Hexo and the plugin run) is the steadiest of the three (see generate.bench.mjs).
    console.log('build time (`hexo clean` then `hexo generate`), median:');
    console.log(
      `  cold (empty cache): ${seconds(cold.ms)} wall, ${ratio(cold.ms, median(times.baseline.map((r) => r.ms)))} of the baseline`,
    );
    for (const [label, key] of [
      ['wall', 'ms'],
      ['CPU (all threads)', 'cpuMs'],
      ['CPU (main thread)', 'mainMs'],
    ]) {
      const base = median(times.baseline.map((r) => r[key]));
      const warm = median(times.warm.map((r) => r[key]));
      console.log(
        `  ${label.padEnd(17)}: baseline ${seconds(base)}, warm (cache kept) ${seconds(warm)}, ratio ${ratio(warm, base)} ` +
          `(target ≤ ${WARM_TARGET}×: ${warm / base <= WARM_TARGET ? 'met' : 'NOT met'})`,
      );
    }

    const manifests = fs
      .readdirSync(path.join(variants, '.cache/typora-images'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(variants, '.cache/typora-images', f), 'utf8')));
    for (const format of ['avif', 'webp']) {
      const of = manifests.filter((m) => m.format === format);
      const details = of.map((m) => m.detail).filter((d) => typeof d === 'number');
      const modes = ['lossy', 'lossless', 'none'].map(
        (mode) => `${of.filter((m) => m.mode === mode).length} ${mode}`,
      );
      console.log(
        `text check, ${format}: ${modes.join(', ')}; detail SSIM lowest ${Math.min(...details).toFixed(3)}, ` +
          `median ${median(details).toFixed(3)} (threshold 0.95)`,
      );
    }
    const cacheBytes = fs
      .readdirSync(path.join(variants, '.cache/typora-images'), { recursive: true, encoding: 'utf8' })
      .reduce((sum, f) => sum + fs.statSync(path.join(variants, '.cache/typora-images', f)).size, 0);
    console.log(
      `cache folder: ${kb(cacheBytes)} for ${shots.length} screenshots of ${kb(shotBytes.reduce((a, b) => a + b, 0))}`,
    );
    console.log(`images.bench took ${seconds(Date.now() - startedAt)} in all`);
  } finally {
    if (!settings.keep) {
      fs.rmSync(work, { recursive: true, force: true });
      for (const dir of sites) fs.rmSync(dir, { recursive: true, force: true });
    } else console.log(`kept ${work} and ${sites.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
