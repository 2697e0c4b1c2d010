/**
 * The site path an `<img src>` points at, when it is on this site: root-relative, relative to the page, or
 * absolute with the site's own host. Null for other hosts, `data:` URLs and paths outside `root`.
 */

export interface SiteAddress {
  /** `url` of _config.yml: `https://example.github.io/blog`. */
  url: string;
  /** `root` of _config.yml: `/blog/`. */
  root: string;
}

/**
 * `pagePath` is the page's own site path (`2024/01/02/hello/` or `about/index.html`); the result has no root
 * and is percent-decoded: `2024/01/02/hello/图 1.png`.
 */
export function sitePathOfUrl(src: string, pagePath: string, site: SiteAddress): string | null {
  const trimmed = src.trim();
  if (!trimmed || /^(?:data|blob|javascript):/i.test(trimmed)) return null;
  const root = `/${site.root.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  let origin: URL;
  try {
    origin = new URL(site.url);
  } catch {
    origin = new URL('http://localhost/');
  }
  let resolved: URL;
  try {
    resolved = new URL(trimmed, new URL(root + pagePath.replace(/^\/+/, ''), origin));
  } catch {
    return null;
  }
  if (!/^https?:$/.test(resolved.protocol) || resolved.host !== origin.host) return null;
  if (!resolved.pathname.startsWith(root)) return null;
  try {
    return decodeURIComponent(resolved.pathname.slice(root.length));
  } catch {
    return null;
  }
}
