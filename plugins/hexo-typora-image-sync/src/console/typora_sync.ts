/**
 * `hexo typora sync [post…] [--dry-run] [--prune]`: copies outside images into each post's asset folder
 * and rewrites their references; prints progress for long runs and a summary; exit code 1 if problems
 * that break the site remain.
 */
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { SiteLockedError } from '../sync/apply/site_lock';
import { describeRecovered } from '../sync/apply/trash';
import { formatFinding } from '../sync/plan/finding';
import { type SyncReport, syncPosts } from '../sync/sync_posts';
import { syncSettingsOf } from './sync_settings';

/** Below this many posts a run is quick: no progress lines. From it, a line at every tenth of the posts. */
const PROGRESS_FROM = 50;
const PROGRESS_STEPS = 10;

export interface SyncFlags {
  dryRun: boolean;
  prune: boolean;
}

export async function typoraSync(
  ctx: PluginContext,
  posts: readonly string[],
  flags: SyncFlags,
  out: (line: string) => void,
): Promise<boolean> {
  const settings = syncSettingsOf(ctx);
  const { log } = ctx.hexo;
  const shown = (file: string) => displayPath(settings.baseDir, file);
  let lastStep = 0;
  let report: SyncReport;
  try {
    report = await syncPosts({
      ...settings,
      posts,
      cwd: process.cwd(),
      dryRun: flags.dryRun,
      orphans: flags.prune ? 'prune' : 'report',
      command: 'hexo typora sync',
      onProgress(done, total) {
        const step = Math.floor((done * PROGRESS_STEPS) / total);
        if (total < PROGRESS_FROM || done === total || step === lastStep) return;
        lastStep = step;
        log.info(`typora sync: ${done}/${total} posts`);
      },
    });
  } catch (error) {
    if (!(error instanceof SiteLockedError)) throw error;
    log.error(`hexo typora sync: ${error.message}`);
    return false;
  }

  for (const recovered of report.recovered) log.warn(`typora sync: ${describeRecovered(recovered, shown)}.`);
  const verb = flags.dryRun ? 'would copy' : 'copied';
  for (const copy of report.copied) out(`${verb} ${shown(copy.from)} → ${shown(copy.to)}`);
  if (flags.dryRun && report.diff) out(report.diff.replace(/\n$/, ''));
  for (const problem of report.problems) out(formatFinding(problem));
  for (const orphan of report.orphans) {
    if (report.pruned.some((moved) => moved.from === orphan)) continue;
    out(
      `${shown(orphan)}: no post uses this file — ${flags.prune ? (flags.dryRun ? 'would move it' : 'left in place') : '`hexo typora sync --prune` moves it'} to the trash (nothing is deleted; see the plugin README)`,
    );
  }
  if (flags.prune) {
    for (const kept of report.kept)
      out(`${shown(kept.file)}: no reference resolves to it, but kept: ${kept.reason}`);
  }
  for (const moved of report.pruned) out(`moved ${shown(moved.from)} → ${shown(moved.to)}`);
  for (const post of report.restored) {
    log.info(`typora sync: ${post}: an editor was still writing it; its save was put back and synced again.`);
  }

  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const prefix = flags.dryRun ? 'typora sync --dry-run' : 'typora sync';
  if (report.changed.length === 0 && report.problems.length === 0 && report.pruned.length === 0) {
    log.info(
      `${prefix}: nothing to do, ${report.posts} post(s) already have every image in their asset folder.`,
    );
  } else {
    const would = flags.dryRun ? 'would ' : '';
    log.info(
      `${prefix}: ${report.posts} post(s): ${would}copy ${report.copied.length} file(s), ${would}rewrite ${report.rewritten} reference(s) in ${report.changed.length} post(s); ${report.unchanged} needed nothing; ${report.problems.length} problem(s) left${report.pruned.length ? `; moved ${report.pruned.length} unused file(s) to ${trashShown(shown(report.pruned[0]?.to ?? ''))}/` : ''}.`,
    );
    if (flags.dryRun) log.info(`${prefix}: nothing was changed.`);
  }
  if (report.versions.length > 0) {
    log.info(
      `${prefix}: the ${report.versions.length} version(s) of posts it replaced are kept in ${trashOf(shown(report.versions[0] ?? ''))}/versions/ (see README.txt there).`,
    );
  }
  return errors === 0;
}

/** `.git/typora-sync/trash/pruned/2026-01-02T03-04-05.123Z/source/…` → `.git/typora-sync/trash/pruned/2026-…Z` */
function trashShown(file: string): string {
  return `${trashOf(file)}/${file
    .slice(trashOf(file).length + 1)
    .split('/')
    .slice(0, 2)
    .join('/')}`;
}

/** The trash folder a path in it is in. */
function trashOf(file: string): string {
  const parts = file.split('/');
  return parts.slice(0, parts.lastIndexOf('trash') + 1).join('/');
}
