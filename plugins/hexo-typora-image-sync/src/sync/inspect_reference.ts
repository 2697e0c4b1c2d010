/**
 * Decides what one reference needs: nothing, a rewrite to the real file in the asset folder (other letter
 * case, a form Typora does not show), a copy into the asset folder, or a report when no sync can fix it.
 * Files from outside `source/` pass the same security policy as the generate step (magic bytes, no dot
 * folders, real paths, so no symbolic link leads out of an allowed folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileView } from '../fs/file_view';
import type { MarkdownReference } from '../markdown/find_references';
import { decideOutsideFile, decideSourceFile, isInside } from '../publish/outside_file_policy';
import { SNIFF_LENGTH } from '../publish/sniff_media_type';
import { candidateFiles, mainCandidateFiles, type PostLocation } from '../resolve/candidate_files';
import { parseDestination } from '../resolve/parse_destination';
import { ATTACHMENT_EXTENSIONS, AUTHOR_MACHINE, DOCUMENT_EXTENSIONS } from '../resolve/reference_kinds';
import { resolveFile } from '../resolve/resolve_file';
import type { PostEntry } from './find_posts';
import type { Finding } from './finding';
import type { SyncSettings } from './settings';
import { typoraFileOf } from './typora_file';

export type ReferenceAction =
  /** Already in its final form, or not a local file. */
  | { action: 'none'; resolved?: string }
  /** The file is in the asset folder: write its real path (`file`) in Typora's form. */
  | { action: 'rewrite'; file: string; suffix: string; finding: Finding }
  /** Copy `source` (a real path) into the asset folder; `resolved` is the path as the reference names it. */
  | { action: 'copy'; source: string; resolved: string; suffix: string; finding: Finding }
  /** Sync cannot fix it. */
  | { action: 'report'; finding: Finding; resolved?: string };

export interface ReferenceContext {
  settings: SyncSettings;
  files: FileView;
  post: PostEntry;
  typoraRootUrl?: string;
}

export function inspectReference(
  reference: MarkdownReference,
  line: number,
  ctx: ReferenceContext,
): ReferenceAction {
  const parsed = parseDestination(reference.destination);
  if (parsed.kind === 'external') return { action: 'none' };
  const first = parsed.paths[0] ?? '';
  const extension = path.extname(first).toLowerCase();
  if (!reference.image && DOCUMENT_EXTENSIONS.has(extension)) return { action: 'none' };
  // Links to pages, folders or source files are not images: only attachments are synced.
  if (!reference.image && !ATTACHMENT_EXTENSIONS.has(extension.slice(1))) return { action: 'none' };

  const { settings, post } = ctx;
  const what = reference.image ? 'image' : 'file';
  const shown = `${what} ${JSON.stringify(reference.destination)}`;
  const finding = (severity: Finding['severity'], problem: string, fix: string): Finding => ({
    file: post.displayPath,
    line,
    severity,
    problem: `${shown} ${problem}`,
    fix,
  });
  const short = (file: string) => shortPath(settings.baseDir, file);
  const assetShown = `${short(post.assetDir)}/`;
  const where: PostLocation = {
    markdownFile: post.file,
    assetDir: post.assetDir,
    sourceDir: settings.sourceDir,
    homeDir: settings.homeDir,
    ...(ctx.typoraRootUrl !== undefined ? { typoraRootUrl: ctx.typoraRootUrl } : {}),
  };
  const candidates = candidateFiles(parsed, where);
  const resolved = resolveFile(candidates, ctx.files);

  if (!resolved.found) {
    const loop = candidates.find(isLinkLoop);
    if (loop) {
      return report(
        finding(
          'error',
          `is a symbolic link that points to itself, or to a loop of links (${short(loop)})`,
          'replace the link with the image file itself',
        ),
      );
    }
    if (parsed.problem) {
      return report(
        finding(
          'error',
          'has bad percent-encoding (a "%" not followed by two hex digits of UTF-8) and no file by that name exists',
          `write the file name as it is, or insert the image again in Typora (it copies it into ${assetShown})`,
        ),
      );
    }
    if (parsed.style === 'windows' || parsed.style === 'home' || AUTHOR_MACHINE.test(first)) {
      return report(
        finding(
          'error',
          "is a path on the author's computer and is not on this one",
          "run `hexo typora sync` on the computer that has it, then commit the post's folder",
        ),
      );
    }
    return report(
      finding(
        'error',
        `not found (looked in: ${mainCandidateFiles(parsed, where).map(short).join(', ')})`,
        `put the file in ${assetShown} and write it as ${JSON.stringify(`${post.assetName}/<name>`)}, or remove the reference`,
      ),
    );
  }

  let real: string;
  try {
    real = fs.realpathSync.native(resolved.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return report(finding('error', `cannot be read (${code})`, 'check the file and its permissions'));
  }
  const suffix = parsed.suffix;
  const letterCase = resolved.caseMismatch
    ? ` exists only as ${JSON.stringify(short(resolved.file))} (different letter case): it works on macOS and Windows but breaks on Linux and in CI`
    : '';

  if (isInside(resolved.file, post.assetDir)) {
    if (!isInside(real, settings.baseDir)) {
      return report(
        finding(
          'error',
          `is a symbolic link to ${real}, outside the repository: CI and readers never get it`,
          `replace the link with a copy of the file (cp -L) in ${assetShown}`,
        ),
        resolved.file,
      );
    }
    const inFinalForm =
      !resolved.caseMismatch && !parsed.problem && typoraFileOf(parsed, where) === resolved.file;
    if (inFinalForm) return { action: 'none', resolved: resolved.file };
    const rewriteTo = `\`hexo typora sync\` rewrites the reference to the real name (files are never renamed)`;
    if (letterCase) return rewrite(finding('error', letterCase.trimStart(), rewriteTo));
    if (parsed.problem)
      return rewrite(finding('warning', 'has bad percent-encoding', '`hexo typora sync` rewrites it'));
    return rewrite(
      finding(
        'warning',
        `is in the asset folder, but Typora does not show it (Typora reads paths from ${short(path.dirname(post.file))}/)`,
        `\`hexo typora sync\` rewrites it as ${JSON.stringify(`${post.assetName}/…`)}`,
      ),
    );
  }

  if (!isInside(real, settings.sourceDir)) {
    const decision = checkOutsideFile(real, settings);
    if (!decision.allowed) {
      return report(
        finding(
          'error',
          `points at ${short(real)}, which is never copied or published: ${decision.reason}`,
          `if it belongs on the site, save it as an image file in ${assetShown}; otherwise remove the reference`,
        ),
        resolved.file,
      );
    }
  }
  if (isInside(real, settings.sourceDir) && !isPublishedByHexo(real, settings.sourceDir)) {
    const fromDraft = isInside(post.file, path.join(settings.sourceDir, '_drafts'));
    const decision = decideSourceFile(path.relative(settings.sourceDir, real), fromDraft);
    if (!decision.allowed) {
      return report(
        finding(
          'error',
          `points at ${short(real)}, which is never copied or published: ${decision.reason}`,
          `if it belongs on the site, save it as a file in ${assetShown}; otherwise remove the reference`,
        ),
        resolved.file,
      );
    }
  }
  const copyFix = `\`hexo typora sync\` copies it into ${assetShown}`;
  if (!isInside(real, settings.baseDir)) {
    return copy(
      finding(
        'error',
        `is outside the repository${real === resolved.file && reference.destination.includes(real) ? '' : ` (${real})`}: CI and readers never get it`,
        copyFix,
      ),
    );
  }
  if (letterCase) return copy(finding('error', letterCase.trimStart(), copyFix));
  const publishedByHexo = isPublishedByHexo(real, settings.sourceDir);
  const breaks = !publishedByHexo && !settings.publishOutside;
  return copy(
    finding(
      breaks ? 'error' : 'warning',
      `is outside the post's asset folder (${short(real)})${breaks ? ' and typora.publish_outside is off, so it is not published' : ''}`,
      copyFix,
    ),
  );

  function report(f: Finding, file?: string): ReferenceAction {
    return file === undefined
      ? { action: 'report', finding: f }
      : { action: 'report', finding: f, resolved: file };
  }
  function rewrite(f: Finding): ReferenceAction {
    const file = resolved.found ? resolved.file : '';
    return { action: 'rewrite', file, suffix, finding: f };
  }
  function copy(f: Finding): ReferenceAction {
    return {
      action: 'copy',
      source: real,
      resolved: resolved.found ? resolved.file : real,
      suffix,
      finding: f,
    };
  }
}

export function shortPath(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** Hexo publishes files under `source/` except in `_` and `.` folders (post asset folders aside). */
function isPublishedByHexo(file: string, sourceDir: string): boolean {
  if (!isInside(file, sourceDir)) return false;
  return !path
    .relative(sourceDir, file)
    .split(path.sep)
    .some((segment) => segment.startsWith('_') || segment.startsWith('.'));
}

function isLinkLoop(file: string): boolean {
  try {
    if (!fs.lstatSync(file).isSymbolicLink()) return false;
    fs.realpathSync.native(file);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

function checkOutsideFile(real: string, settings: SyncSettings) {
  const head = Buffer.alloc(SNIFF_LENGTH);
  let size: number;
  let length: number;
  try {
    const fd = fs.openSync(real, 'r');
    try {
      size = fs.fstatSync(fd).size;
      length = fs.readSync(fd, head, 0, SNIFF_LENGTH, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return {
      allowed: false as const,
      reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  return decideOutsideFile(
    { realPath: real, size, head: head.subarray(0, length) },
    { baseDir: settings.baseDir, strict: false, maxBytes: settings.maxBytes },
  );
}
