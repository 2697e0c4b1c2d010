// npm run audit: Lighthouse on the built site, served locally, for the home page and every post, mobile and
// desktop. Prints the four category scores, LCP / CLS / TBT and where the main thread's time went (style and
// layout, HTML parsing, script...). A report, not a test: scores move with the machine's load.
//
//   AUDIT_FORM=mobile npm run audit     one form factor only (mobile or desktop)
//
// The site is built the way the tests build it (test/support/build-site.ts): a throwaway base directory of
// symlinks to the repository, so the repository's public/ and db.json are left alone.
// Chrome is Debian's /usr/bin/chromium (override with CHROME_PATH).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/chromium.mjs';

const REPO = resolve(import.meta.dirname, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

async function buildSite() {
  const baseDir = await mkdtemp(join(tmpdir(), 'paperwhite-audit-'));
  for (const entry of ['_config.yml', 'package.json', 'node_modules', 'source', 'themes', 'scripts']) {
    if (existsSync(join(REPO, entry))) await symlink(join(REPO, entry), join(baseDir, entry));
  }
  execFileSync(process.execPath, [join(REPO, 'node_modules/hexo/bin/hexo'), 'generate'], {
    cwd: baseDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return baseDir;
}

/** Serves `dir` at the site root "/" with gzip off: the numbers are for the bytes as built. */
function serve(dir) {
  const server = createServer(async (request, response) => {
    let file = join(dir, decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    if (!file.startsWith(dir)) file = join(dir, '404.html');
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => null);
    response.writeHead(body ? 200 : 404, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    response.end(body ?? 'not found');
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Every post, newest first: the links of the home pages' post lists. */
async function postPaths(publicDir) {
  const paths = [];
  for (let page = 1; ; page++) {
    const file = join(publicDir, page === 1 ? '' : `page/${page}`, 'index.html');
    const home = await readFile(file, 'utf8').catch(() => null);
    if (home === null) break;
    for (const match of home.matchAll(/<li>\s*<h2><a href="([^"]+)"/g)) paths.push(match[1]);
  }
  if (!paths.length) throw new Error('no post on the home page to audit');
  return paths;
}

/** The main thread's milliseconds in style and layout, HTML parsing and script. */
function mainThread(audit) {
  const ms = (group) => Math.round(audit.details?.items.find((i) => i.group === group)?.duration ?? 0);
  return {
    'style+layout ms': ms('styleLayout'),
    'parse ms': ms('parseHTML'),
    'script ms': ms('scriptEvaluation'),
  };
}

const baseDir = await buildSite();
const publicDir = join(baseDir, 'public');
if ((await readdir(publicDir)).length === 0) throw new Error('the build produced nothing');
const server = await serve(publicDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });

const rows = [];
try {
  const pages = { home: '/' };
  for (const path of await postPaths(publicDir)) pages[path.split('/').filter(Boolean).at(-1)] = path;
  const forms = [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ].filter(([form]) => !process.env.AUDIT_FORM || form === process.env.AUDIT_FORM);
  for (const [formFactor, config] of forms) {
    for (const [name, path] of Object.entries(pages)) {
      // One untimed run first: a fresh Chromium spends its first page load setting up fonts (CJK fallback
      // lists among them), which no reader's browser does on every visit.
      await lighthouse(origin + path, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
      const result = await lighthouse(
        origin + path,
        { port: chrome.port, output: 'json', logLevel: 'error' },
        config,
      );
      const { categories, audits } = result.lhr;
      const score = (id) => Math.round((categories[id]?.score ?? 0) * 100);
      rows.push({
        page: name,
        formFactor,
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
        LCP: audits['largest-contentful-paint'].displayValue,
        CLS: audits['cumulative-layout-shift'].displayValue,
        TBT: audits['total-blocking-time'].displayValue,
        // Main-thread time by kind, as Lighthouse counts it (on mobile: 4× what was measured, its CPU slowdown).
        ...mainThread(audits['mainthread-work-breakdown']),
      });
      const failing = Object.values(audits).filter(
        (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary',
      );
      for (const audit of failing) console.log(`  ${name} ${formFactor}: ${audit.id}: ${audit.title}`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
  await rm(baseDir, { recursive: true, force: true });
}
console.log(`Lighthouse 12 on ${origin}: the home page and every post`);
console.table(rows);
