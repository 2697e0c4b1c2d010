// npm run audit: Lighthouse on the built site, served locally, for the home page and a post, mobile and desktop.
// Prints the four category scores and LCP / CLS / TBT. A report, not a test: scores move with the machine's load.
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

const REPO = resolve(import.meta.dirname, '..');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
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

/** The newest post: the first link in the home page's post list. */
async function newestPostPath(publicDir) {
  const home = await readFile(join(publicDir, 'index.html'), 'utf8');
  const match = /<ol class="posts">\s*<li>\s*<h2><a href="([^"]+)"/.exec(home);
  if (!match) throw new Error('no post on the home page to audit');
  return match[1];
}

const baseDir = await buildSite();
const publicDir = join(baseDir, 'public');
if ((await readdir(publicDir)).length === 0) throw new Error('the build produced nothing');
const server = await serve(publicDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });

const rows = [];
try {
  const pages = { home: '/', post: await newestPostPath(publicDir) };
  for (const [formFactor, config] of [
    ['mobile', undefined],
    ['desktop', desktopConfig],
  ]) {
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
console.log(`Lighthouse 12 on ${origin}: the home page and the newest post`);
console.table(rows);
