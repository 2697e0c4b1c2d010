/** `hexo typora watch`: syncs every post Typora saves until Ctrl+C. */
import type { PluginContext } from '../context';
import { SiteLockedError } from '../sync/apply/site_lock';
import { startWatching } from '../watch/start_watching';
import type { PostWatcher } from '../watch/watch_posts';

export async function typoraWatch(ctx: PluginContext): Promise<boolean> {
  let watcher: PostWatcher;
  try {
    watcher = startWatching(ctx, 'hexo typora watch');
  } catch (error) {
    if (!(error instanceof SiteLockedError)) throw error;
    ctx.hexo.log.error(`hexo typora watch: ${error.message}`);
    return false;
  }
  await watcher.ready;
  ctx.hexo.log.info(
    'typora watch: watching source/_posts and source/_drafts; each save Typora makes is synced. Ctrl+C stops.',
  );
  await new Promise<void>((resolve) => ctx.hexo.once('exit', () => resolve()));
  await watcher.close();
  return true;
}
