/**
 * Which files in post folders nothing uses, for `check` to list and `sync --prune` to move to the trash. A
 * file is in use if a post's reference resolves to it (the build's own decision), or if any text of the site
 * could name it: a page (`../_posts/hello/x.png`), front matter (`cover: x.png`), a site URL
 * (`/2025/09/10/hello/x.png`), an HTML file, a data file, a theme. When that cannot be ruled out (a post that
 * could not be read, a text in another encoding, a permalink without the post's name) the file is kept, and
 * the reason is given. Only images and other media are ever candidates. Pure: the texts are searched by the
 * caller (`read/site_texts.ts`).
 */
import path from 'node:path';

/** Files `--prune` may move: what sync copies and Hexo publishes as media, nothing an author keeps notes in. */
const MEDIA_EXTENSIONS = new Set(
  '.png .jpg .jpeg .gif .webp .avif .svg .bmp .tif .tiff .ico .heic .heif .pdf .mp4 .webm .mov .m4v .mp3 .m4a .ogg .wav .flac'.split(
    ' ',
  ),
);

export interface PruneCandidate {
  file: string;
  /** The path below `source/_posts/` or `source/_drafts/`, with `/` (`hello/x.png`, `assets/shared.png`). */
  belowPostFolder: string;
  /** The post whose asset folder holds the file. */
  owner?: {
    file: string;
    /** The file's path inside the asset folder (`x.png`, `sub/x.png`). */
    inside: string;
    /** The post's URL ends with one of these folder names (`hello`, its `slug:`), unless `urlUnknown`. */
    urlNames: readonly string[];
    /** The permalink does not contain the post's name: its files' URLs cannot be searched for. */
    urlUnknown: boolean;
  };
}

export interface PruneFacts {
  isReferenced(file: string): boolean;
  /** The first text file containing one of `needles` (ASCII letters in any case), only in `only` if given. */
  mentionedIn(needles: readonly string[], only?: string): string | undefined;
  /** Text files that could not be read at all: what they name is unknown. (Asked only when needed.) */
  unreadable(): readonly string[];
  /** Posts sync could not read as posts (not UTF-8, NUL bytes, broken front matter, …). */
  unreadablePosts: ReadonlySet<string>;
  /** Text files that are not UTF-8: a name with other letters than ASCII may be spelled otherwise there. */
  notUtf8(): readonly string[];
  /** `source/_posts/hello.md`, for reasons. */
  shown(file: string): string;
}

export interface PrunePlan {
  orphans: string[];
  /** Files no reference resolves to, kept because something may use them. */
  kept: { file: string; reason: string }[];
}

export function isPruneCandidate(file: string): boolean {
  return MEDIA_EXTENSIONS.has(path.extname(file).toLowerCase());
}

export function planPrune(candidates: readonly PruneCandidate[], facts: PruneFacts): PrunePlan {
  const plan: PrunePlan = { orphans: [], kept: [] };
  for (const candidate of candidates) {
    if (!isPruneCandidate(candidate.file) || facts.isReferenced(candidate.file)) continue;
    const reason = reasonToKeep(candidate, facts);
    if (reason) plan.kept.push({ file: candidate.file, reason });
    else plan.orphans.push(candidate.file);
  }
  return plan;
}

function reasonToKeep(candidate: PruneCandidate, facts: PruneFacts): string | undefined {
  const { owner } = candidate;
  const unreadable = facts.unreadable();
  if (unreadable.length > 0) {
    return `${facts.shown(unreadable[0] as string)} cannot be read, so what it names is unknown`;
  }
  if (owner && facts.unreadablePosts.has(owner.file)) {
    return `its post ${facts.shown(owner.file)} cannot be read as a post, so what it uses is unknown`;
  }
  const names = (found: string | undefined, as: string) =>
    found === undefined ? undefined : `${facts.shown(found)} names it (as ${as})`;
  const named =
    names(facts.mentionedIn(spellings(candidate.belowPostFolder)), candidate.belowPostFolder) ??
    (owner &&
      (names(facts.mentionedIn(spellings(owner.inside), owner.file), owner.inside) ??
        firstDefined(owner.urlNames, (name) =>
          names(facts.mentionedIn(spellings(`${name}/${owner.inside}`)), `${name}/${owner.inside}`),
        ) ??
        (owner.urlUnknown
          ? names(facts.mentionedIn(spellings(`/${owner.inside}`)), `…/${owner.inside}`)?.concat(
              ", and the site's permalink does not show which post a URL belongs to",
            )
          : undefined)));
  if (named) return named;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: any character outside ASCII
  const notUtf8 = /[^\u0000-\u007f]/.test(candidate.belowPostFolder) ? facts.notUtf8() : [];
  if (notUtf8.length > 0) {
    return `${facts.shown(notUtf8[0] as string)} is not UTF-8 text and may name it in another encoding`;
  }
  return undefined;
}

/** The ways a path is written in markdown, HTML and URLs: raw, percent-encoded, with `\` on Windows. */
export function spellings(relative: string): string[] {
  const segments = relative.split('/');
  return [
    ...new Set([
      relative,
      segments.map((segment) => encodeURIComponent(segment)).join('/'),
      encodeURI(relative),
      relative.split('/').join('\\'),
    ]),
  ];
}

function firstDefined<T>(items: readonly T[], pick: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const picked = pick(item);
    if (picked !== undefined) return picked;
  }
  return undefined;
}
