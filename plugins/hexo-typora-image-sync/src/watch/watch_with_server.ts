/**
 * During `hexo server`, with `typora.watch: true` or HEXO_TYPORA_WATCH=1, sync every post Typora saves.
 * hexo-server emits `server` once it listens. The watcher lives as long as the process: Hexo's `exit`
 * event is no stop signal here (hexo-cli emits it as soon as the server command has started).
 */
import type { PluginContext } from '../context';

export function watchWithServer(ctx: PluginContext): void {
  let started = false;
  ctx.hexo.on('server', () => {
    ctx.hexo.log.debug(
      `typora watch: hexo server started, typora.watch is ${ctx.config.watch ? 'on' : 'off'}`,
    );
    if (!ctx.config.watch || started) return;
    started = true;
    // chokidar and the sync engine load only when the watcher is on.
    void Promise.all([import('./start_watching'), import('../sync/apply/site_lock')]).then(
      ([{ startWatching }, { SiteLockedError }]) => {
        try {
          return startWatching(ctx, 'the watcher of hexo server (typora.watch)').ready.then(() =>
            ctx.hexo.log.info('typora watch: syncing the images of every post Typora saves (typora.watch).'),
          );
        } catch (error) {
          if (!(error instanceof SiteLockedError)) throw error;
          // The server runs on; only its watcher stays off.
          ctx.hexo.log.warn(`typora watch: not started: ${error.message}`);
        }
      },
    );
  });
}
