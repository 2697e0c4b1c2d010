/**
 * The one file Typora itself shows for a destination (its editor resolves paths against the markdown
 * file, and `/…` against `typora-root-url`). A reference is in its final form when that file is the one
 * the plugin resolves and it lies in the post's asset folder. Pure.
 */
import path from 'node:path';
import type { PostLocation } from '../resolve/candidate_files';
import type { ParsedDestination } from '../resolve/parse_destination';

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

export function expandHome(p: string, home: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(home, p.slice(1)) : p;
}
