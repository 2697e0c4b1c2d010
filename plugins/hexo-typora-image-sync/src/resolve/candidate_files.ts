/**
 * The files a Typora destination may point at, in the order Typora itself would look, then Hexo.
 * Pure: no file system access.
 */
import path from 'node:path';
import type { ParsedDestination } from './parse_destination';

export interface PostLocation {
  /** Absolute path of the markdown file. */
  markdownFile: string;
  /** Absolute path of the post's asset folder (`source/_posts/hello` for `hello.md`). */
  assetDir: string;
  /** Absolute path of Hexo's `source/` folder. */
  sourceDir: string;
  /** The author's home folder, for `~/…` destinations. */
  homeDir: string;
  /** `typora-root-url` from the front matter, if any. */
  typoraRootUrl?: string;
}

export function candidateFiles(
  parsed: Extract<ParsedDestination, { kind: 'local' }>,
  where: PostLocation,
): string[] {
  const markdownDir = path.dirname(where.markdownFile);
  const candidates: string[] = [];
  const add = (file: string): void => {
    const normalized = path.normalize(file);
    if (!candidates.includes(normalized)) candidates.push(normalized);
  };
  for (const spelling of parsed.paths) {
    switch (parsed.style) {
      case 'relative':
        // What Typora shows: relative to the markdown file. Then marked's `postAsset` form: a name in the
        // post's asset folder (not `hello/x.png` again inside `hello/`, nor a path that climbs out of it).
        add(path.join(markdownDir, spelling));
        if (isPostAssetForm(spelling, path.basename(where.assetDir)))
          add(path.join(where.assetDir, spelling));
        break;
      case 'rooted':
        if (where.typoraRootUrl !== undefined) {
          add(path.join(path.resolve(markdownDir, expandHome(where.typoraRootUrl, where.homeDir)), spelling));
        }
        add(path.join(where.sourceDir, spelling));
        add(spelling);
        break;
      case 'home':
        add(expandHome(spelling, where.homeDir));
        break;
      case 'windows':
        add(spelling);
        break;
    }
  }
  return candidates;
}

function isPostAssetForm(spelling: string, assetName: string): boolean {
  const first = path.posix.normalize(spelling).split('/')[0];
  // Not the asset folder again, nor Typora's `<name>.assets` folder, nor a path that climbs out.
  return first !== '..' && first !== assetName && !first?.endsWith('.assets');
}

function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(home, p.slice(1)) : p;
}

/**
 * The one file Typora itself shows for a destination: its editor resolves paths against the markdown file,
 * and `/…` against `typora-root-url`. A reference is in its final form when that is the file the plugin
 * resolves and it lies in the post's asset folder.
 */
export function typoraFileOf(
  parsed: Extract<ParsedDestination, { kind: 'local' }>,
  where: PostLocation,
): string | undefined {
  const spelling = parsed.paths[0];
  if (spelling === undefined) return undefined;
  const markdownDir = path.dirname(where.markdownFile);
  switch (parsed.style) {
    case 'relative':
      return path.join(markdownDir, spelling);
    case 'rooted':
      return where.typoraRootUrl === undefined
        ? path.normalize(spelling)
        : path.join(path.resolve(markdownDir, expandHome(where.typoraRootUrl, where.homeDir)), spelling);
    case 'home':
      return expandHome(spelling, where.homeDir);
    case 'windows':
      return undefined;
  }
}

/**
 * The candidates of the destination's main spelling only: what a "not found" message lists. The other
 * spellings (`x.pdf#page=2` read as a file name, a name left percent-encoded) are fallbacks, and listing
 * them says nothing to the author.
 */
export function mainCandidateFiles(
  parsed: Extract<ParsedDestination, { kind: 'local' }>,
  where: PostLocation,
): string[] {
  return candidateFiles({ ...parsed, paths: parsed.paths.slice(0, 1) }, where);
}
