/**
 * During `hexo server`, with `typora.watch: true` or HEXO_TYPORA_WATCH=1, sync every post Typora saves;
 * hexo-server emits `server` once it listens, Hexo emits `exit` when it stops.
 */
import type { PluginContext } from '../context';
import { startWatching } from './start_watching';
import type { PostWatcher } from './watch_posts';

export function watchWithServer(ctx: PluginContext): void {
  let watcher: PostWatcher | undefined;
  ctx.hexo.on('server', () => {
    if (!ctx.config.watch || watcher) return;
    watcher = startWatching(ctx);
    void watcher.ready.then(() =>
      ctx.hexo.log.info('typora watch: syncing the images of every post Typora saves (typora.watch).'),
    );
  });
  ctx.hexo.on('exit', () => {
    void watcher?.close();
    watcher = undefined;
  });
}
