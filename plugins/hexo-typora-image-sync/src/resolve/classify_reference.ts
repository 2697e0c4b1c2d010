/**
 * The one decision about a reference that the build, `hexo typora check`, `sync` and the watcher share:
 * is it a file at all, where is it, may it be published, and what is worth telling the author. Pure: the
 * facts (what the file system says) are read beforehand by `inspect_reference.ts`; each caller only words
 * the result and acts on it.
 */
import path from 'node:path';
import type { EntryKind } from '../fs/file_view';
import {
  decideHexoFile,
  decideOutsideFile,
  decideSourceFile,
  isInside,
  type OutsideFileFacts,
  type OutsidePolicy,
} from '../publish/outside_file_policy';
import type { PostLocation } from './candidate_files';
import type { ParsedDestination } from './parse_destination';
import { ATTACHMENT_EXTENSIONS, AUTHOR_MACHINE, DOCUMENT_EXTENSIONS } from './reference_kinds';
import type { FileResolution } from './resolve_file';

export type LocalDestination = Extract<ParsedDestination, { kind: 'local' }>;

/** Where the post is, with the site's folders as real paths (a linked `source/` compares correctly). */
export interface ReferenceScope extends PostLocation {
  realBaseDir: string;
  realSourceDir: string;
  /** The post is a draft: its own files in `source/_drafts/` may be published. */
  fromDraft: boolean;
}

export interface PublishPolicy {
  /** Publish nothing from outside the repository (the build in strict mode). */
  strict: boolean;
  /** `typora.publish_outside`: the plugin publishes files Hexo would not. */
  publishOutside: boolean;
  /** Largest file published from outside `source/`, in bytes. */
  maxBytes: number;
}

export interface ReferenceFacts {
  resolution: FileResolution;
  /** Where the destination's main spelling was looked for, for "not found" messages. */
  looked: readonly string[];
  /** The first looked-up place holds something that is not a regular file, or cannot be looked into. */
  obstacle?: { file: string; kind: Exclude<EntryKind, 'file' | 'missing'>; code?: string };
  /** The resolved file's real path, or the error that stopped reading it. */
  real?: string | { error: string };
  /** Hexo publishes the resolved file itself (a post asset, or a public file under `source/`). */
  publishedByHexo: boolean;
  /** Size, first bytes and image end of a file whose real path is outside `source/`. */
  content?: OutsideFileFacts | { error: string };
  /** The folders Typora pastes images into on this machine (`publish/typora_folders.ts`). */
  typoraFolders: readonly string[];
  /** The file Typora itself shows for this destination, if the editor can show one. */
  typoraFile?: string;
}

export type MissingReason =
  | 'not-found'
  | 'author-machine'
  | 'bad-encoding'
  | 'link-loop'
  | 'not-a-file'
  | 'unreadable';

/** What about a found file is worth a word: each is fixed by `hexo typora sync` rewriting the reference. */
export type FoundNote =
  /** It exists only with other letter case: works on macOS and Windows, breaks on Linux and in CI. */
  | 'case'
  /** The destination has bad percent-encoding, but a file by that raw name exists. */
  | 'encoding'
  /** `\` as a folder separator: found under `/`, but only Typora on Windows shows it. */
  | 'backslashes'
  /** In the asset folder, but written in a form Typora does not show. */
  | 'not-typora-form';

export type FoundPlace =
  | 'asset-folder'
  /** Under `source/`, outside the post's asset folder. */
  | 'source'
  /** In the repository, outside `source/`. */
  | 'repository'
  | 'outside-repository';

export type ReferenceClass =
  /** Not a file worth a word: an external URL, a link to a page or a folder. */
  | { kind: 'ignored' }
  | {
      kind: 'missing';
      reason: MissingReason;
      looked: readonly string[];
      /** The place that holds a non-file, a link loop, or an unreadable file. */
      at?: string;
      entry?: EntryKind;
      code?: string;
    }
  /** The file exists but is never published or copied (security policy). */
  | {
      kind: 'refused';
      file: string;
      real: string;
      reason: string;
      place: FoundPlace;
      /** A link in a folder Hexo publishes that leads out of the repository. */
      linkOut?: true;
    }
  | {
      kind: 'found';
      /** The file as the reference names it (may be a link), and its real path. */
      file: string;
      real: string;
      place: FoundPlace;
      /** Who serves it on the site when the build runs: Hexo, the plugin, or nobody (publish_outside off). */
      servedBy: 'hexo' | 'plugin' | 'nobody';
      notes: FoundNote[];
    };

/** The part of the decision that needs no file system: external URLs and links to pages are ignored. */
export function isFileReference(image: boolean, parsed: ParsedDestination): parsed is LocalDestination {
  if (parsed.kind === 'external') return false;
  return image || !DOCUMENT_EXTENSIONS.has(path.extname(parsed.paths[0] ?? '').toLowerCase());
}

export function classifyReference(
  image: boolean,
  parsed: LocalDestination,
  facts: ReferenceFacts,
  scope: ReferenceScope,
  policy: PublishPolicy,
): ReferenceClass {
  const { resolution } = facts;
  if (!resolution.found) return classifyMissing(image, parsed, facts);
  if (facts.real === undefined || typeof facts.real !== 'string') {
    const code = facts.real?.error ?? 'error';
    return { kind: 'missing', reason: 'unreadable', looked: facts.looked, at: resolution.file, code };
  }
  const file = resolution.file;
  const real = facts.real;
  const inAssetFolder = isInside(file, scope.assetDir);
  const place: FoundPlace = inAssetFolder
    ? 'asset-folder'
    : isInside(real, scope.realSourceDir)
      ? 'source'
      : isInside(real, scope.realBaseDir)
        ? 'repository'
        : 'outside-repository';

  if (facts.publishedByHexo) {
    // Hexo publishes whatever sits in an asset folder, links included: where a link leads decides.
    const decision = decideHexoFile(file, real, facts.content, scope, outsidePolicy(scope, policy, facts));
    if (!decision.allowed) {
      return {
        kind: 'refused',
        file,
        real,
        reason: decision.reason,
        place,
        ...(decision.linkOut ? { linkOut: true as const } : {}),
      };
    }
  } else {
    const refusal = refusalOf(real, facts, scope, policy);
    if (refusal) return { kind: 'refused', file, real, reason: refusal, place };
  }

  const notes: FoundNote[] = [];
  if (resolution.caseMismatch) notes.push('case');
  if (parsed.problem) notes.push('encoding');
  // Found under the `/` spelling (a name with a real backslash in it keeps it, except on Windows, where
  // `\` is the separator: the note is for the authors there, whose posts CI builds on Linux).
  if (parsed.backslashes && (path.sep === '\\' || !file.includes('\\'))) notes.push('backslashes');
  if (inAssetFolder && notes.length === 0 && facts.typoraFile !== file) notes.push('not-typora-form');
  const servedBy = facts.publishedByHexo ? 'hexo' : policy.publishOutside ? 'plugin' : 'nobody';
  return { kind: 'found', file, real, place, servedBy, notes };
}

function classifyMissing(image: boolean, parsed: LocalDestination, facts: ReferenceFacts): ReferenceClass {
  const first = parsed.paths[0] ?? '';
  const extension = path.extname(first).slice(1).toLowerCase();
  // Links to pages and folders are not files; only links to attachments are expected to exist.
  if (!image && !ATTACHMENT_EXTENSIONS.has(extension)) return { kind: 'ignored' };
  const base = { kind: 'missing' as const, looked: facts.looked };
  const { obstacle } = facts;
  if (obstacle) {
    const reason: MissingReason =
      obstacle.kind === 'link-loop'
        ? 'link-loop'
        : obstacle.kind === 'unlistable'
          ? 'unreadable'
          : 'not-a-file';
    return {
      ...base,
      reason,
      at: obstacle.file,
      entry: obstacle.kind,
      ...(obstacle.code ? { code: obstacle.code } : {}),
    };
  }
  if (parsed.problem) return { ...base, reason: 'bad-encoding' };
  if (parsed.style === 'windows' || parsed.style === 'home' || AUTHOR_MACHINE.test(first)) {
    return { ...base, reason: 'author-machine' };
  }
  return { ...base, reason: 'not-found' };
}

/** Why a file Hexo does not publish must not be published or copied, or undefined when it may be. */
function refusalOf(
  real: string,
  facts: ReferenceFacts,
  scope: ReferenceScope,
  policy: PublishPolicy,
): string | undefined {
  if (isInside(real, scope.realSourceDir)) {
    const decision = decideSourceFile(path.relative(scope.realSourceDir, real), scope.fromDraft);
    return decision.allowed ? undefined : decision.reason;
  }
  const content = facts.content;
  if (!content || 'error' in content) return `it cannot be read (${content?.error ?? 'error'})`;
  const decision = decideOutsideFile(content, outsidePolicy(scope, policy, facts));
  return decision.allowed ? undefined : decision.reason;
}

function outsidePolicy(scope: ReferenceScope, policy: PublishPolicy, facts: ReferenceFacts): OutsidePolicy {
  return {
    baseDir: scope.realBaseDir,
    strict: policy.strict,
    maxBytes: policy.maxBytes,
    typoraFolders: facts.typoraFolders,
  };
}
