/** `hexo typora check [post…]`: lists image problems as `file:line: problem — fix`; exit code 1 if the site would break. */
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { breaksSite, checkPosts } from '../sync/check_posts';
import { formatFinding } from '../sync/plan/finding';
import { syncSettingsOf } from './sync_settings';

export async function typoraCheck(ctx: PluginContext, posts: readonly string[], out: (line: string) => void) {
  const settings = syncSettingsOf(ctx);
  const report = await checkPosts({ ...settings, posts, cwd: process.cwd() });
  for (const finding of report.findings) out(formatFinding(finding));
  for (const orphan of report.orphans) {
    out(
      `${displayPath(settings.baseDir, orphan)}: no post uses this file — \`hexo typora sync --prune\` moves it to the trash (nothing is deleted; see the plugin README)`,
    );
  }
  const breaking = report.findings.filter(breaksSite);
  const fixable = report.findings.filter((f) => report.fixable.has(f));
  const { log } = ctx.hexo;
  const posts_ = `${report.posts} post${report.posts === 1 ? '' : 's'}`;
  if (report.findings.length === 0) {
    log.info(`typora check: ${posts_}, every image is in its post's asset folder.`);
  } else {
    const summary = `typora check: ${posts_}, ${report.findings.length} image problem(s), ${breaking.length} of them break the deployed site; \`hexo typora sync\` fixes ${fixable.length}.`;
    if (breaking.length > 0) log.error(summary);
    else log.warn(summary);
  }
  if (report.orphans.length > 0)
    log.info(`typora check: ${report.orphans.length} file(s) in post folders are not used by any post.`);
  return breaking.length === 0;
}
