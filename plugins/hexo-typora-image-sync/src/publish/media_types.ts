/**
 * What a published file's name promises. Static hosts (GitHub Pages, Netlify, `hexo server`) pick the
 * Content-Type from the extension, so a file from outside source/ is published only when its extension is
 * an image, audio, video or PDF type and its content is of that type: `GIF89a<script>` named `.html` would
 * be served as a page and run.
 */

/** Extension (lower case, no dot) → the content types a file by that name may hold. */
const EXTENSION_TYPES: Readonly<Record<string, readonly string[]>> = {
  png: ['image/png'],
  apng: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  jpe: ['image/jpeg'],
  jfif: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  avif: ['image/avif'],
  heic: ['image/heic', 'image/heif'],
  heif: ['image/heic', 'image/heif'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  bmp: ['image/bmp'],
  ico: ['image/x-icon'],
  svg: ['image/svg+xml'],
  pdf: ['application/pdf'],
  mp4: ['video/mp4', 'audio/mp4'],
  m4v: ['video/mp4'],
  m4a: ['audio/mp4', 'video/mp4'],
  mov: ['video/quicktime', 'video/mp4'],
  webm: ['video/webm'],
  mkv: ['video/webm'],
  avi: ['video/x-msvideo'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav'],
  ogg: ['audio/ogg'],
  oga: ['audio/ogg'],
  ogv: ['audio/ogg'],
  opus: ['audio/ogg'],
  flac: ['audio/flac'],
};

/**
 * Types a browser runs script from when the file is opened by its URL. Only SVG among the types above; it
 * is never published from outside source/: whether an SVG can run script depends on how each browser's
 * XML parser reads namespaces, entities and attributes, and a check that disagrees with one browser once is
 * an XSS. An SVG the author trusts goes into the post's asset folder, where it is the author's own file.
 */
export const SCRIPT_CAPABLE_TYPES: ReadonlySet<string> = new Set(['image/svg+xml']);

/** The content types a file named `name` may hold, or undefined if its extension is none of the above. */
export function typesForName(name: string): readonly string[] | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return EXTENSION_TYPES[name.slice(dot + 1).toLowerCase()];
}

/** The extension as the author sees it in a message: `.html`, or "no extension". */
export function extensionShown(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? 'no extension' : `"${name.slice(dot)}"`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'image/avif': 'an AVIF image',
  'image/heic': 'a HEIC image',
  'image/heif': 'a HEIF image',
  'image/tiff': 'a TIFF image',
  'image/bmp': 'a BMP image',
  'image/x-icon': 'an icon',
  'image/svg+xml': 'an SVG image',
  'application/pdf': 'a PDF',
};

/** `a PNG image`, `a video/mp4 file`: what the content is, for messages. */
export function typeShown(type: string): string {
  return TYPE_NAMES[type] ?? `a ${type} file`;
}
