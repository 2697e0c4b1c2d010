/**
 * Real-looking screenshots for the responsive-image bench and tests, rendered by Chromium at device scale 2
 * the way an author on a retina screen takes them: whole windows and cut-out regions of the site's own built
 * pages (light and dark), and of a terminal and an editor showing this repository's real files. Not noise,
 * not flat colours: text, code, figures and tables, as in the screenshots authors paste into posts.
 *
 *   const files = await renderScreenshots({ publicDir, outDir, count: 20 });
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serveDir } from './serve_dir.mjs';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * What each shot shows, in order (the first `count` are taken). `page` is a post (by its index in the list
 * of posts) or a generated page; `region` cuts one element out, as a region screenshot does.
 */
const SHOTS = [
  { page: { post: 0 }, window: [1280, 800] },
  { page: 'terminal-listing', window: [1100, 700] },
  { page: { post: 1 }, window: [1440, 900], scroll: 0.3 },
  { page: 'editor', window: [1440, 900] },
  { page: { post: 2 }, window: [1280, 800], scroll: 0.5, dark: true },
  { page: { post: 3 }, window: [1024, 700], region: 'pre' },
  { page: 'terminal-cat', window: [1280, 800] },
  { page: { post: 4 }, window: [1600, 1000], scroll: 0.2 },
  { page: 'home', window: [1280, 800] },
  { page: { post: 0 }, window: [1024, 700], region: 'figure', nth: 1 },
  { page: 'editor', window: [900, 560], dark: true, scroll: 0.4 },
  { page: { post: 1 }, window: [1280, 800], region: 'table' },
  { page: { post: 2 }, window: [1440, 900], scroll: 0.8 },
  { page: 'terminal-listing', window: [800, 500], dark: true },
  { page: { post: 3 }, window: [1280, 800], scroll: 0.6, dark: true },
  { page: 'archives', window: [1100, 760] },
  { page: { post: 4 }, window: [1024, 700], region: 'pre', nth: 1 },
  { page: 'terminal-cat', window: [1440, 900], scroll: 0.5 },
  { page: { post: 0 }, window: [1600, 1000], scroll: 0.7 },
  { page: { post: 1 }, window: [1280, 800], scroll: 0.9, dark: true },
];

export const MAX_SCREENSHOTS = SHOTS.length;

/**
 * Renders `count` screenshots of the built site in `publicDir` (served at "/") and of generated pages into
 * `outDir`; returns their paths, `shot-01.png`….
 */
export async function renderScreenshots({ publicDir, outDir, count = SHOTS.length }) {
  fs.mkdirSync(outDir, { recursive: true });
  const server = await serveDir(publicDir);
  const { origin } = server;
  const posts = postUrls(publicDir);
  if (posts.length === 0) throw new Error(`no posts in ${publicDir}: build the site first`);
  const browser = await launchChromium();
  const files = [];
  try {
    for (const [i, shot] of SHOTS.slice(0, count).entries()) {
      const [width, height] = shot.window;
      const context = await browser.newContext({
        viewport: { width, height },
        deviceScaleFactor: 2,
        colorScheme: shot.dark ? 'dark' : 'light',
      });
      const page = await context.newPage();
      if (typeof shot.page === 'object') await page.goto(origin + posts[shot.page.post % posts.length]);
      else if (shot.page === 'home') await page.goto(`${origin}/`);
      else if (shot.page === 'archives') await page.goto(`${origin}/archives/`);
      else await page.setContent(generatedPage(shot.page, shot.dark));
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(outDir, `shot-${String(i + 1).padStart(2, '0')}.png`);
      const region = shot.region ? page.locator(shot.region).nth(shot.nth ?? 0) : null;
      if (region && (await region.count()) > 0) {
        await region.scrollIntoViewIfNeeded();
        await region.screenshot({ path: file });
      } else {
        if (shot.scroll) {
          await page.evaluate(
            (f) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * f),
            shot.scroll,
          );
        }
        await page.screenshot({ path: file });
      }
      files.push(file);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return files;
}

/** Post URLs, from the archive's links (newest first), as the site lists them. */
function postUrls(publicDir) {
  const home = fs.readFileSync(path.join(publicDir, 'archives/index.html'), 'utf8');
  const urls = [...home.matchAll(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+\/)"/g)].map((m) => m[1]);
  return [...new Set(urls)];
}

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A terminal or an editor, showing this repository's real files. */
function generatedPage(kind, dark) {
  const bg = dark || kind.startsWith('terminal') ? '#1e1f22' : '#ffffff';
  const fg = dark || kind.startsWith('terminal') ? '#d4d6da' : '#1f2328';
  const body =
    kind === 'terminal-listing' ? terminalListing() : kind === 'terminal-cat' ? terminalCat() : editor(dark);
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: ${bg}; color: ${fg}; font: 14px/1.45 "DejaVu Sans Mono", "Liberation Mono", monospace; }
    .bar { background: ${dark ? '#2b2d31' : '#e8e8ea'}; color: ${dark ? '#aaa' : '#555'}; font: 13px system-ui, sans-serif; padding: 6px 12px; }
    pre { margin: 0; padding: 10px 14px; white-space: pre; font: inherit; }
    .p { color: #7ec07e; } .d { color: #6aa7ff; } .k { color: #ff7b72; } .s { color: #a5d6ff; }
    .c { color: #8b949e; } .n { color: #8a8f98; user-select: none; } .w { color: #e3b341; }
    ${dark ? '' : '.editor .k { color: #cf222e; } .editor .s { color: #0a3069; } .editor .c { color: #6e7781; }'}
  </style><div class="bar">${escapeHtml(kind.startsWith('terminal') ? 'zsh — typora-hexo-notes — 120×40' : 'restore_image_urls.ts — typora-hexo-notes')}</div>
  <pre class="${kind === 'editor' ? 'editor' : ''}">${body}</pre>`;
}

function terminalListing() {
  const lines = [
    '<span class="p">notes@mbp</span> <span class="d">~/typora-hexo-notes</span> % ls -la plugins/hexo-typora-image-sync/src/*',
  ];
  const src = path.join(REPO, 'plugins/hexo-typora-image-sync/src');
  for (const dir of fs.readdirSync(src).sort()) {
    const full = path.join(src, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    lines.push('', `<span class="d">plugins/hexo-typora-image-sync/src/${dir}:</span>`);
    for (const name of fs.readdirSync(full).sort()) {
      const stat = fs.statSync(path.join(full, name));
      const size = String(stat.size).padStart(7);
      const kind = stat.isDirectory() ? 'drwxr-xr-x' : '-rw-r--r--';
      lines.push(
        `${kind}  1 notes  staff  ${size}  Mar 12 10:1${stat.size % 10}  ${stat.isDirectory() ? `<span class="d">${escapeHtml(name)}</span>` : escapeHtml(name)}`,
      );
    }
  }
  return lines.join('\n');
}

function terminalCat() {
  const text = fs.readFileSync(path.join(REPO, 'plugins/hexo-typora-image-sync/README.md'), 'utf8');
  const lines = [
    '<span class="p">notes@mbp</span> <span class="d">~/typora-hexo-notes</span> % npx hexo generate 2>&1 | tail -n 80',
  ];
  for (const line of text.split('\n').slice(0, 90)) {
    const marked = escapeHtml(line)
      .replace(/^(#+ .*)$/, '<span class="w">$1</span>')
      .replace(/(`[^`]+`)/g, '<span class="s">$1</span>');
    lines.push(marked.startsWith('<span class="w">') ? `INFO  ${marked}` : marked);
  }
  return lines.join('\n');
}

const KEYWORDS =
  /\b(import|from|export|function|return|const|let|for|if|else|of|type|interface|new|async|await)\b/g;

function editor() {
  const text = fs.readFileSync(
    path.join(REPO, 'plugins/hexo-typora-image-sync/src/filter/after_post_render/restore_image_urls.ts'),
    'utf8',
  );
  return text
    .split('\n')
    .slice(0, 70)
    .map((line, i) => {
      let html = escapeHtml(line);
      if (/^\s*(\/\/|\/\*\*|\*)/.test(line)) html = `<span class="c">${html}</span>`;
      else
        html = html
          .replace(/('[^']*')/g, '<span class="s">$1</span>')
          .replace(KEYWORDS, '<span class="k">$1</span>');
      return `<span class="n">${String(i + 1).padStart(3)}</span>  ${html}`;
    })
    .join('\n');
}
