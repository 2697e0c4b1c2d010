/** `hexo typora check [post…]`: lists image problems as `file:line: problem — fix`; exit code 1 if the site would break. */
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { inspectHexoFile } from '../publish/inspect_hexo_file';
import { listHexoFiles } from '../publish/list_hexo_files';
import { describeHexoFile } from '../resolve/describe_reference';
import { breaksSite, checkPosts } from '../sync/check_posts';
import { formatFinding } from '../sync/plan/finding';
import { syncSettingsOf } from './sync_settings';

export async function typoraCheck(ctx: PluginContext, posts: readonly string[], out: (line: string) => void) {
  const settings = syncSettingsOf(ctx);
  const report = await checkPosts({ ...settings, posts, cwd: process.cwd() });
  for (const finding of report.findings) out(formatFinding(finding));
  const refusedFiles = await refusedHexoFiles(ctx);
  for (const line of refusedFiles) out(line);
  for (const orphan of report.orphans) {
    out(
      `${displayPath(settings.baseDir, orphan)}: no post uses this file — \`hexo typora sync --prune\` moves it to the trash (nothing is deleted; see the plugin README)`,
    );
  }
  const breaking = report.findings.filter(breaksSite);
  const fixable = report.findings.filter((f) => report.fixable.has(f));
  const { log } = ctx.hexo;
  const posts_ = `${report.posts} post${report.posts === 1 ? '' : 's'}`;
  if (refusedFiles.length > 0) {
    log.error(
      `typora check: ${refusedFiles.length} file(s) in source/ that Hexo would publish lead to files that must not be published; the build leaves them out.`,
    );
  }
  if (report.findings.length === 0) {
    log.info(`typora check: ${posts_}, every image is in its post's asset folder.`);
  } else {
    const summary = `typora check: ${posts_}, ${report.findings.length} image problem(s), ${breaking.length} of them break the deployed site; \`hexo typora sync\` fixes ${fixable.length}.`;
    if (breaking.length > 0) log.error(summary);
    else log.warn(summary);
  }
  if (report.orphans.length > 0)
    log.info(`typora check: ${report.orphans.length} file(s) in post folders are not used by any post.`);
  return breaking.length === 0 && refusedFiles.length === 0;
}

/**
 * The files Hexo would publish by itself (every file in an asset folder, referenced or not) that the
 * build refuses: the same decision as the build's `check_hexo_files.ts`, over the files found on disk.
 */
async function refusedHexoFiles(ctx: PluginContext): Promise<string[]> {
  const { hexo } = ctx;
  const config = hexo.config as unknown as { render_drafts?: boolean };
  const scope = ctx.serveScope();
  const lines: string[] = [];
  const listed = listHexoFiles({
    sourceDir: hexo.source_dir,
    realBaseDir: scope.realBaseDir,
    drafts: Boolean(config.render_drafts),
    // Files under skip_render are copied, not rendered: the build checks them; this check does not.
    rendersPage: (relative) => hexo.render.isRenderable(relative),
  });
  for (const { file, folder } of listed) {
    const verdict = await inspectHexoFile(file, scope);
    if (verdict.allowed) continue;
    const short = (f: string) => displayPath(hexo.base_dir, f);
    lines.push(`${short(file)}: ${describeHexoFile(verdict, short, folder === true)}`);
  }
  return lines;
}
