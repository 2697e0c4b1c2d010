/**
 * Percent-encodes a site path (`2024/01/02/hello/图 1.png`) for use in HTML and markdown: every segment is
 * encoded, and so are `(`, `)` and `'`, which would end a markdown destination or a quoted attribute.
 */
export function encodeUrlPath(sitePath: string): string {
  return sitePath
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[()']/g,
        (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** `root` + path, with exactly one slash between them. */
export function joinRoot(root: string, sitePath: string): string {
  const base = root.endsWith('/') ? root : `${root}/`;
  return base + sitePath.replace(/^\/+/, '');
}
