/**
 * The destination a synced reference gets: `<post>/<name>`, the form Typora writes with
 * `typora-copy-images-to: ${filename}`, so that Typora shows the image and the plugin resolves it. Pure.
 *
 * Only what must be encoded is: ASCII outside a small safe set (space, `%`, `#`, `?`, `(`, `)`, `<`, `>`,
 * quotes, `&`, `:`, `\`, …) and invisible Unicode (spaces, controls, format characters). Other non-ASCII
 * characters (CJK, accents) stay raw, which Typora, marked and the plugin all read as written.
 */

const SAFE_ASCII = /^[A-Za-z0-9\-._~!$+,;@]$/;
const INVISIBLE = /^[\s\p{C}\uFFFD]$/u;
/** Characters that would end a markdown destination or an HTML attribute inside a `?query` / `#fragment`. */
const SUFFIX_UNSAFE = /[\s()<>"'\\`]/g;

export function encodeAssetSegment(segment: string): string {
  let out = '';
  for (const ch of segment) {
    const keep = (ch.codePointAt(0) as number) < 0x80 ? SAFE_ASCII.test(ch) : !INVISIBLE.test(ch);
    out += keep ? ch : encodeCharacter(ch);
  }
  return out;
}

/** `assetDestination('hello', 'sub/图 1.png', '#x')` → `hello/sub/图%201.png#x`. */
export function assetDestination(assetFolderName: string, relativePath: string, suffix = ''): string {
  const segments = [assetFolderName, ...relativePath.split('/')].map(encodeAssetSegment);
  return segments.join('/') + suffix.replace(SUFFIX_UNSAFE, encodeCharacter);
}

function encodeCharacter(ch: string): string {
  try {
    return encodeURIComponent(ch).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  } catch {
    return '%EF%BF%BD'; // a lone surrogate: no file can have it in its name anyway
  }
}
