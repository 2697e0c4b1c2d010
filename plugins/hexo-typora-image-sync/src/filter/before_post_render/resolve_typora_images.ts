/**
 * Before a post is rendered: find every image and attachment Typora wrote, resolve it to a file, decide
 * its URL, and put a placeholder in the destination (restored by the after_post_render filter, so that no
 * renderer prepends `root` twice or re-encodes it). Only the destination bytes change.
 */
import os from 'node:os';
import path from 'node:path';
import type { PluginContext, RewrittenReference } from '../../context';
import { type Diagnostic, displayPath, formatDiagnostic } from '../../diagnostics';
import { finderOptionsFor } from '../../hexo/load_site_markdown';
import { describePost, type PostInfo, type RenderData, saveRecord } from '../../hexo/site_model';
import { type MarkdownReference, scanReferences } from '../../markdown/find_references';
import { isInside } from '../../publish/outside_file_policy';
import type { PublishedRoute } from '../../publish/route_table';
import type { ReferenceClass } from '../../resolve/classify_reference';
import { describeReference, unlocatedMessage } from '../../resolve/describe_reference';
import { inspectReference } from '../../resolve/inspect_reference';
import { applyEdits, type TextEdit } from '../../text/apply_edits';
import { encodeUrlPath, joinRoot } from '../../url/encode_url_path';

export function resolveTyporaImages(ctx: PluginContext) {
  return async function resolveTyporaImagesFilter(data: RenderData): Promise<RenderData> {
    const post = describePost(ctx.hexo, data, ctx.index);
    if (!post) return data;
    const finder = ctx.finder();
    if (!finder.ok) {
      warnOnce(ctx, finder.message);
      return data;
    }
    const diagnostics: Diagnostic[] = [];
    const claimed = new Map<string, string>();
    const rewritten: RewrittenReference[] = [];
    const edits: TextEdit[] = [];

    const scan = scanReferences(data.content, finderOptionsFor(finder, data.disableNunjucks));
    for (const lost of scan.unlocated) {
      diagnostics.push({
        file: post.displayPath,
        line: post.lineOffset + lost.line,
        message: `${unlocatedMessage(lost)}`,
      });
    }
    for (const reference of scan.references) {
      const url = resolveReference(ctx, post, reference, claimed, (message) => {
        diagnostics.push({ file: post.displayPath, line: post.lineOffset + reference.line, message });
      });
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
  claimed: Map<string, string>,
  warn: (message: string) => void,
): { href: string; file: string } | undefined {
  const { hexo } = ctx;
  const inspected = inspectReference(
    reference,
    {
      markdownFile: post.markdownFile,
      assetDir: post.assetDir,
      sourceDir: hexo.source_dir,
      homeDir: os.homedir(),
      ...(post.typoraRootUrl !== undefined ? { typoraRootUrl: post.typoraRootUrl } : {}),
      realBaseDir: ctx.realDirs.baseDir,
      realSourceDir: ctx.realDirs.sourceDir,
      fromDraft: isInside(post.markdownFile, path.join(hexo.source_dir, '_drafts')),
    },
    ctx.policy,
    ctx.files,
    (file) => ctx.index.publishedPath(file) !== undefined,
  );
  if (!inspected) return undefined;
  const { verdict, parsed } = inspected;
  if (worthABuildWarning(verdict)) {
    const described = describeReference(verdict, {
      image: reference.image,
      destination: reference.destination,
      short: (file) => displayPath(hexo.base_dir, file),
      assetName: path.basename(post.assetDir),
      assetShown: `${displayPath(hexo.base_dir, post.assetDir)}/`,
    });
    if (described) warn(`${described.problem} — ${described.fix}`);
  }
  if (verdict.kind !== 'found' || verdict.servedBy === 'nobody') return undefined;
  const placement = ctx.placer.place(verdict.file, verdict.real, post.urlDir, claimed);
  return {
    href: joinRoot(hexo.config.root, encodeUrlPath(placement.sitePath)) + parsed.suffix,
    file: verdict.file,
  };
}

/**
 * The build warns about what breaks this site or the deployed one; what only Typora or `sync` would do
 * differently (a form Typora does not show, a file outside the asset folder) is for `hexo typora check`.
 */
function worthABuildWarning(verdict: ReferenceClass): boolean {
  switch (verdict.kind) {
    case 'ignored':
      return false;
    case 'missing':
    case 'refused':
      return true;
    case 'found':
      return (
        verdict.servedBy === 'nobody' || verdict.notes.includes('case') || verdict.notes.includes('encoding')
      );
  }
}

const warned = new WeakSet<object>();

/** Said once per process: it applies to every post. */
function warnOnce(ctx: PluginContext, message: string): void {
  if (warned.has(ctx)) return;
  warned.add(ctx);
  ctx.hexo.log.warn(message);
}
