/**
 * What a reader's browser does with a URL on a generated page: resolve it against the page's address, then
 * ask the server (public/) for the file. Relative URLs are kept relative, so a `src` that only works on the
 * post page is caught on the index page.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Fetched = { ok: true; file: string } | { ok: false; reason: string };

/**
 * The file in `publicDir` that the browser gets for `url` on the page at `pageUrl`, when the site is served at
 * `siteUrl` (`https://example.github.io/blog/`, ending in `/`).
 */
export function fetchFromSite(publicDir: string, siteUrl: string, pageUrl: string, url: string): Fetched {
  let resolved: URL;
  try {
    resolved = new URL(url, pageUrl);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  const site = new URL(siteUrl);
  if (resolved.origin !== site.origin) return { ok: false, reason: `points at ${resolved.protocol}//…` };
  if (!resolved.pathname.startsWith(site.pathname)) return { ok: false, reason: 'outside the site root' };
  let relative: string;
  try {
    relative = decodeURIComponent(resolved.pathname.slice(site.pathname.length));
  } catch {
    return { ok: false, reason: 'bad percent-encoding' };
  }
  const file = path.join(publicDir, relative);
  if (!file.startsWith(publicDir + path.sep)) return { ok: false, reason: 'outside public/' };
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return { ok: false, reason: '404' };
  return { ok: true, file };
}

/** Same bytes as `expected`: the file the author meant, not just any file at that URL. */
export function sameBytes(file: string, expected: string): boolean {
  return fs.readFileSync(file).equals(fs.readFileSync(expected));
}
