/** Starts the post watcher with Hexo's logger: one line per synced save, each problem as `file:line: …`. */

import { syncSettingsOf } from '../console/sync_settings';
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { formatFinding } from '../sync/finding';
import { type PostWatcher, watchPosts } from './watch_posts';

export function startWatching(ctx: PluginContext): PostWatcher {
  const settings = syncSettingsOf(ctx);
  const { log } = ctx.hexo;
  return watchPosts({
    ...settings,
    onSynced({ file, report, firstEventAt, doneAt }) {
      for (const problem of report.problems) log.warn(formatFinding(problem));
      if (report.changed.length === 0) return;
      log.info(
        `typora watch: ${displayPath(settings.baseDir, file)}: copied ${report.copied.length} file(s), rewrote ${report.rewritten} reference(s) (${doneAt - firstEventAt} ms after the save)`,
      );
    },
    onError(error, file) {
      log.error(`typora watch: ${displayPath(settings.baseDir, file)}: ${(error as Error).message ?? error}`);
    },
  });
}
