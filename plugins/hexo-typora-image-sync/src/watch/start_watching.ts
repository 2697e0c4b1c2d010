/**
 * Starts the post watcher with Hexo's logger: one line per synced save, each problem as `file:line: …`.
 * Throws `SiteLockedError` when another sync or watcher runs on the site.
 */

import { syncSettingsOf } from '../console/sync_settings';
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { describeRecovered } from '../sync/apply/trash';
import { formatFinding } from '../sync/plan/finding';
import { type PostWatcher, watchPosts } from './watch_posts';

export function startWatching(ctx: PluginContext, command: string): PostWatcher {
  const settings = syncSettingsOf(ctx);
  const { log } = ctx.hexo;
  const shown = (file: string) => displayPath(settings.baseDir, file);
  return watchPosts({
    ...settings,
    command,
    onRecovered(recovered) {
      for (const item of recovered) log.warn(`typora watch: ${describeRecovered(item, shown)}`);
    },
    onSynced({ file, report, firstEventAt, doneAt }) {
      for (const item of report.recovered) log.warn(`typora watch: ${describeRecovered(item, shown)}`);
      for (const post of report.restored) {
        log.info(
          `typora watch: ${post}: the editor was still writing it; its save was kept, and it is synced again`,
        );
      }
      for (const problem of report.problems) log.warn(formatFinding(problem));
      if (report.changed.length === 0) return;
      log.info(
        `typora watch: ${shown(file)}: copied ${report.copied.length} file(s), rewrote ${report.rewritten} reference(s) (${doneAt - firstEventAt} ms after the save)`,
      );
    },
    onError(error, file) {
      log.error(`typora watch: ${shown(file)}: ${(error as Error).message ?? error}`);
    },
  });
}
