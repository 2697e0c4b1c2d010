/**
 * Before a post is rendered: find every image and attachment Typora wrote, resolve it to a file, decide
 * its URL, and put a placeholder in the destination (restored by the after_post_render filter, so that no
 * renderer prepends `root` twice or re-encodes it). Only the destination bytes change.
 */
import os from 'node:os';
import path from 'node:path';
import type { PluginContext, RewrittenReference } from '../../context';
import type { Diagnostic } from '../../diagnostics';
import { formatDiagnostic } from '../../diagnostics';
import { describePost, type PostInfo, type RenderData, saveRecord } from '../../hexo/site_model';
import { findReferences, type MarkdownReference } from '../../markdown/find_references';
import { isInside } from '../../publish/outside_file_policy';
import type { PublishedRoute } from '../../publish/route_table';
import { candidateFiles, mainCandidateFiles } from '../../resolve/candidate_files';
import { type ParsedDestination, parseDestination } from '../../resolve/parse_destination';
import { ATTACHMENT_EXTENSIONS, AUTHOR_MACHINE, DOCUMENT_EXTENSIONS } from '../../resolve/reference_kinds';
import { resolveFile } from '../../resolve/resolve_file';
import { applyEdits, type TextEdit } from '../../text/apply_edits';
import { encodeUrlPath, joinRoot } from '../../url/encode_url_path';

export function resolveTyporaImages(ctx: PluginContext) {
  return async function resolveTyporaImagesFilter(data: RenderData): Promise<RenderData> {
    const post = describePost(ctx.hexo, data, ctx.index);
    if (!post) return data;
    const diagnostics: Diagnostic[] = [];
    const claimed = new Map<string, string>();
    const rewritten: RewrittenReference[] = [];
    const edits: TextEdit[] = [];

    for (const reference of findReferences(data.content)) {
      const parsed = parseDestination(reference.destination);
      if (parsed.kind === 'external') continue;
      if (!reference.image && DOCUMENT_EXTENSIONS.has(path.extname(parsed.paths[0] ?? '').toLowerCase()))
        continue;
      const warn = (message: string): void => {
        diagnostics.push({ file: post.displayPath, line: post.lineOffset + reference.line, message });
      };
      const url = resolveReference(ctx, post, reference, parsed, claimed, warn);
      if (url === undefined) continue;
      edits.push({
        start: reference.start,
        end: reference.end,
        text: `${ctx.placeholder}${rewritten.length}-`,
      });
      rewritten.push({ url: url.href, file: url.file, image: reference.image });
    }

    const routes: PublishedRoute[] = [...claimed].map(([sitePath, source]) => ({ path: sitePath, source }));
    ctx.routes.put({ _id: post.id, routes, diagnostics });
    await saveRecord(ctx.hexo, { _id: post.id, routes, diagnostics });
    for (const d of diagnostics) ctx.hexo.log.warn(formatDiagnostic(d));

    data.content = applyEdits(data.content, edits);
    ctx.rewritten.set(data, rewritten);
    return data;
  };
}

function resolveReference(
  ctx: PluginContext,
  post: PostInfo,
  reference: MarkdownReference,
  parsed: Extract<ParsedDestination, { kind: 'local' }>,
  claimed: Map<string, string>,
  warn: (message: string) => void,
): { href: string; file: string } | undefined {
  const what = reference.image ? 'image' : 'file';
  const shown = JSON.stringify(reference.destination);
  const location = {
    markdownFile: post.markdownFile,
    assetDir: post.assetDir,
    sourceDir: ctx.hexo.source_dir,
    homeDir: os.homedir(),
    ...(post.typoraRootUrl !== undefined ? { typoraRootUrl: post.typoraRootUrl } : {}),
  };
  const candidates = candidateFiles(parsed, location);
  const resolved = resolveFile(candidates, ctx.files);
  if (parsed.problem) {
    warn(resolved.found ? parsed.problem : `${parsed.problem}; no file by that name was found either`);
    if (!resolved.found) return undefined;
  }
  if (!resolved.found) {
    const extension = path
      .extname(parsed.paths[0] ?? '')
      .slice(1)
      .toLowerCase();
    if (!reference.image && !ATTACHMENT_EXTENSIONS.has(extension)) return undefined;
    if (parsed.style === 'windows' || parsed.style === 'home' || AUTHOR_MACHINE.test(parsed.paths[0] ?? '')) {
      warn(
        `${what} ${shown} is a path on the author's computer and is not here: run \`hexo typora sync\` on the computer that has it, then commit the post's folder`,
      );
    } else {
      warn(
        `${what} ${shown} not found (looked in: ${mainCandidateFiles(parsed, location)
          .map((f) => shortPath(ctx, f))
          .join(', ')})`,
      );
    }
    return undefined;
  }
  if (resolved.caseMismatch) {
    warn(
      `${what} ${shown} exists only as ${JSON.stringify(shortPath(ctx, resolved.file))} (different letter case): it works on macOS and Windows but breaks on Linux and in CI; fix the reference (\`hexo typora sync\` does it)`,
    );
  }
  const fromDraft = isInside(post.markdownFile, path.join(ctx.hexo.source_dir, '_drafts'));
  const placement = ctx.placer.place(resolved.file, post.urlDir, claimed, fromDraft);
  if (!placement.ok) {
    warn(
      `${what} ${shown} (${shortPath(ctx, resolved.file)}) was not published: ${placement.reason}. If it belongs on the site, copy it into ${shortPath(ctx, post.assetDir)}/`,
    );
    return undefined;
  }
  return {
    href: joinRoot(ctx.hexo.config.root, encodeUrlPath(placement.sitePath)) + parsed.suffix,
    file: resolved.file,
  };
}

function shortPath(ctx: PluginContext, file: string): string {
  const relative = path.relative(ctx.hexo.base_dir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
