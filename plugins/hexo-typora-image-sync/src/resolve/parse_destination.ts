/**
 * Turns a destination as Typora writes it into the file paths it can mean, or says it is not a local file.
 * Pure: no file system access.
 */

export type PathStyle =
  /** `hello/x.png`, `./hello.assets/x.png`, `../images/x.png`, `x.png` */
  | 'relative'
  /** `/images/x.png` (site root, `typora-root-url`) or `/Users/me/…` (an absolute path on a Unix machine) */
  | 'rooted'
  /** `C:\Users\…`, `file:///C:/…` */
  | 'windows'
  /** `~/Pictures/x.png` */
  | 'home';

export type ParsedDestination =
  | { kind: 'external' }
  | {
      kind: 'local';
      style: PathStyle;
      /** Candidate spellings of the path with `/` separators, best first (percent-decoded, then as written). */
      paths: string[];
      /** `?query` or `#fragment` to keep on the published URL. */
      suffix: string;
      /** A problem worth a warning even if the file is found (e.g. bad percent-encoding). */
      problem?: string;
      /**
       * The path uses `\` as a folder separator, as Typora on Windows writes relative paths
       * (`hello\1.png`): the `/` spelling is tried after the literal one.
       */
      backslashes?: true;
    };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const WINDOWS_DRIVE = /^[a-zA-Z]:[\\/]/;

export function parseDestination(destination: string): ParsedDestination {
  let text = destination.trim();
  if (text === '' || text.startsWith('#') || text.startsWith('//') || text.startsWith('\\\\')) {
    return { kind: 'external' };
  }
  let fromFileUrl = false;
  if (/^file:/i.test(text)) {
    text = text.replace(/^file:(?:\/\/(?:localhost)?)?/i, '');
    if (/^\/[a-zA-Z]:[\\/]/.test(text)) text = text.slice(1);
    fromFileUrl = true;
  } else if (!WINDOWS_DRIVE.test(text) && SCHEME.test(text)) {
    return { kind: 'external' };
  }

  const { path, suffix } = splitSuffix(text, fromFileUrl);
  const variants: string[] = [];
  let problem: string | undefined;
  try {
    variants.push(decodeURIComponent(path));
  } catch {
    problem = `bad percent-encoding in "${destination}" (a "%" not followed by two hex digits of UTF-8): write the file name as it is, or re-insert the image in Typora`;
  }
  if (!variants.includes(path)) variants.push(path);
  // A name that really contains "?" or "#" (Typora writes it raw when auto-escape is off).
  if (suffix && !fromFileUrl) variants.push(...[text].filter((v) => !variants.includes(v)));

  const style = styleOf(variants[0] as string);
  if (style === 'windows') {
    const paths = unique(variants.map((v) => v.replace(/\\/g, '/')));
    return { kind: 'local', style, paths, suffix: suffixFor(suffix), ...(problem ? { problem } : {}) };
  }
  const slashed = variants.filter((v) => v.includes('\\')).map((v) => v.replace(/\\/g, '/'));
  const paths = unique([...variants, ...slashed]);
  return {
    kind: 'local',
    style,
    paths,
    suffix: suffixFor(suffix),
    ...(problem ? { problem } : {}),
    ...(slashed.length > 0 ? { backslashes: true as const } : {}),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function styleOf(path: string): PathStyle {
  if (WINDOWS_DRIVE.test(path)) return 'windows';
  if (path.startsWith('/')) return 'rooted';
  if (path === '~' || path.startsWith('~/')) return 'home';
  return 'relative';
}

/** Splits `x.pdf#page=2` / `x.png?v=1`; file URLs keep `#` and `?` encoded, so there is nothing to split. */
function splitSuffix(text: string, fromFileUrl: boolean): { path: string; suffix: string } {
  if (fromFileUrl) return { path: text, suffix: '' };
  const cut = text.search(/[?#]/);
  if (cut <= 0) return { path: text, suffix: '' };
  return { path: text.slice(0, cut), suffix: text.slice(cut) };
}

function suffixFor(suffix: string): string {
  return suffix.replace(/[ "<>\\^`{|}]/g, (ch) => encodeURIComponent(ch));
}
