/**
 * The security boundary for files the site publishes that the author did not put under `source/`: a post
 * (say, from a pull request built by CI) must never put `/proc/self/environ`, `~/.ssh/id_rsa` or a `.env`
 * file on the public site, nor a file a browser would run as a page. Files inside `source/` that Hexo does
 * not publish itself follow Hexo's own privacy rule instead (`decideSourceFile`), and files Hexo publishes
 * itself are checked where a symbolic link leads (`decideHexoFile`). The threat model is docs/security.md.
 * Pure: the caller reads the facts (`read_file_facts.ts`).
 */
import path from 'node:path';
import { isMarkdownFile } from '../markdown/markdown_files';
import { END_MARKERS, type MediaEnd } from './find_media_end';
import { extensionShown, SCRIPT_CAPABLE_TYPES, typeShown, typesForName } from './media_types';
import { sniffMediaType } from './sniff_media_type';

export interface OutsideFileFacts {
  /** The file's real path (symbolic links resolved). */
  realPath: string;
  /** The name it is published under, whose extension sets the type it is served as (default: its real name). */
  name?: string;
  size: number;
  /** The file's first bytes (SNIFF_LENGTH of them, or the whole file if smaller). */
  head: Uint8Array;
  /** Where the image's own data ends, walked from its structure (`find_media_end.ts`). */
  end: MediaEnd;
}

export interface OutsidePolicy {
  /** The site's folder (the repository). */
  baseDir: string;
  /** Refuse everything outside `baseDir`. */
  strict: boolean;
  /** Largest file published from outside `source/`, in bytes. */
  maxBytes: number;
  /** The folders Typora pastes images into on this machine: the only dot-folders files may come from. */
  typoraFolders: readonly string[];
}

export type PolicyDecision = { allowed: true; type: string } | { allowed: false; reason: string };

/** Pseudo-files of the operating system: their content is the machine's state, never an author's image. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function decideOutsideFile(file: OutsideFileFacts, policy: OutsidePolicy): PolicyDecision {
  const refuse = (reason: string): PolicyDecision => ({ allowed: false, reason });
  const inRepository = isInside(file.realPath, policy.baseDir);
  if (policy.strict && !inRepository) {
    return refuse('it is outside the site folder and strict mode publishes nothing from there');
  }
  if (!inRepository && SYSTEM_FOLDERS.some((dir) => isInside(file.realPath, dir))) {
    return refuse('it is a file of the operating system, not an image');
  }
  const hidden = hiddenReason(file.realPath, inRepository ? policy.baseDir : undefined, policy.typoraFolders);
  if (hidden) return refuse(hidden);
  if (file.size > policy.maxBytes) {
    return refuse(`it is larger than ${Math.round(policy.maxBytes / 1048576)} MiB`);
  }
  const sniffed = sniffMediaType(file.head);
  if (!sniffed.ok) return refuse(sniffed.reason);
  const name = file.name ?? path.basename(file.realPath);
  const types = typesForName(name);
  if (SCRIPT_CAPABLE_TYPES.has(sniffed.type) || types?.some((type) => SCRIPT_CAPABLE_TYPES.has(type))) {
    return refuse(
      'it is an SVG, which can run script, and SVG is never published from outside source/ (copy it into the asset folder yourself if you trust it)',
    );
  }
  if (!types) {
    return refuse(
      `its name has ${extensionShown(name)}, not that of an image, audio, video or PDF file, the only types published from outside source/ (a browser may open anything else as a page and run its script)`,
    );
  }
  if (!types.includes(sniffed.type)) {
    return refuse(
      `its content is ${typeShown(sniffed.type)}, but its name ends in ${extensionShown(name)} (browsers go by the name)`,
    );
  }
  if (file.end.kind === 'broken')
    return refuse(`it is ${typeShown(sniffed.type)} that does not end properly: ${file.end.detail}`);
  if (file.end.kind === 'ends' && file.end.at < file.size) {
    const extra = file.size - file.end.at;
    return refuse(
      `it has ${extra} byte${extra === 1 ? '' : 's'} after ${END_MARKERS[sniffed.type] ?? 'its end'}, where the picture ends: data after an image is never published from outside source/ (save or export the image again)`,
    );
  }
  return { allowed: true, type: sniffed.type };
}

/**
 * Dot-folders hold configuration and keys (`.ssh`, `.aws`, `.git`). The one exception is Typora's own
 * image folder, matched exactly (`~/.config/Typora/typora-user-images` on Linux), never as a path that
 * merely contains those names: inside it, only what lies below it is checked.
 */
function hiddenReason(
  realPath: string,
  repository: string | undefined,
  typoraFolders: readonly string[],
): string | undefined {
  const typora = typoraFolders.find((dir) => isInside(realPath, dir));
  const from = typora ?? repository ?? path.parse(realPath).root;
  const segments = path.relative(from, realPath).split(path.sep);
  if (segments.slice(0, -1).some((segment) => segment.startsWith('.')))
    return 'it is inside a hidden (dot) folder';
  if (path.basename(realPath).startsWith('.')) return 'it is a hidden (dot) file';
  return undefined;
}

export type HexoFileDecision = { allowed: true } | { allowed: false; reason: string; linkOut?: true };

export interface HexoFileScope {
  /** Hexo's `source/` as configured, and with symbolic links resolved. */
  sourceDir: string;
  realSourceDir: string;
  /** The repository with symbolic links resolved. */
  realBaseDir: string;
}

/**
 * A file Hexo publishes by itself (every file in a post's asset folder, every public file under `source/`,
 * referenced or not). It is the author's own file, unless a symbolic link on the way (the file, or a folder
 * above it) leads somewhere else: then where it leads decides. A link into `source/` follows Hexo's privacy
 * rule; a link elsewhere in the repository is a file from outside `source/` (`decideOutsideFile`, by the
 * name Hexo serves it under); a link out of the repository is refused, since the build machine's files
 * (`/etc/passwd`, `~/.ssh/id_rsa`) are exactly what it would publish. `content` is read for the second case.
 */
export function decideHexoFile(
  file: string,
  real: string,
  content: OutsideFileFacts | { error: string } | undefined,
  scope: HexoFileScope,
  policy: OutsidePolicy,
): HexoFileDecision {
  if (real === path.join(scope.realSourceDir, path.relative(scope.sourceDir, file))) return { allowed: true };
  if (isInside(real, scope.realSourceDir)) {
    const fromDraft = isInside(file, path.join(scope.sourceDir, '_drafts'));
    return decideSourceFile(path.relative(scope.realSourceDir, real), fromDraft);
  }
  if (!isInside(real, scope.realBaseDir)) {
    return { allowed: false, reason: 'it is a symbolic link out of the repository', linkOut: true };
  }
  if (!content || 'error' in content)
    return { allowed: false, reason: `it cannot be read (${content?.error ?? 'error'})` };
  const decision = decideOutsideFile({ ...content, name: path.basename(file) }, { ...policy, strict: false });
  return decision.allowed ? { allowed: true } : decision;
}

/**
 * A file inside `source/` that Hexo does not publish itself (`hello.assets/x.png`, a file beside the post):
 * Hexo keeps every `.` and `_` entry of `source/` private, and so does the plugin, except the `_posts/`
 * folder itself (and `_drafts/` for a draft's own files). `relativePath` is from `source/`, real path.
 */
export function decideSourceFile(
  relativePath: string,
  fromDraft: boolean,
): { allowed: true } | { allowed: false; reason: string } {
  const segments = relativePath.split(path.sep).join('/').split('/');
  const name = segments[segments.length - 1] ?? '';
  if (segments.some((segment) => segment.startsWith('.'))) {
    return {
      allowed: false,
      reason: name.startsWith('.') ? 'it is a hidden (dot) file' : 'it is inside a hidden (dot) folder',
    };
  }
  const [first, ...rest] = segments;
  const allowedFirst = first === '_posts' || (fromDraft && first === '_drafts');
  if ((first?.startsWith('_') && !allowedFirst) || rest.some((segment) => segment.startsWith('_'))) {
    return {
      allowed: false,
      reason:
        first === '_drafts' && rest.every((segment) => !segment.startsWith('_'))
          ? 'it is a draft (source/_drafts/), which Hexo does not publish'
          : 'Hexo keeps files and folders starting with _ in source/ private',
    };
  }
  // Post sources are never published raw, whatever folder they are in: a draft's text must not leak.
  if (isMarkdownFile(name)) return { allowed: false, reason: "it is a post's source text" };
  return { allowed: true };
}
