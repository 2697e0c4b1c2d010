/**
 * Starts the post watcher with Hexo's logger: one line per synced save, each problem as `file:line: …`.
 * Throws `SiteLockedError` when another sync or watcher runs on the site.
 */

import { syncSettingsOf } from '../console/sync_settings';
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';
import { formatFinding } from '../sync/plan/finding';
import { type PostWatcher, watchPosts } from './watch_posts';

export function startWatching(ctx: PluginContext, command: string): PostWatcher {
  const settings = syncSettingsOf(ctx);
  const { log } = ctx.hexo;
  const shown = (file: string) => displayPath(settings.baseDir, file);
  return watchPosts({
    ...settings,
    command,
    onSynced({ file, report, firstEventAt, doneAt }) {
      for (const recovered of report.recovered) {
        log.warn(
          `typora watch: ${shown(recovered.file)} was held aside by a sync that was killed; ${recovered.outcome === 'put-back' ? 'it is back in its place' : 'a newer file was there, so it was kept in the trash'}`,
        );
      }
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
