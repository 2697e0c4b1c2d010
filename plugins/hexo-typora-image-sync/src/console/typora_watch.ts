/** `hexo typora watch`: syncs every post Typora saves until Ctrl+C. */
import type { PluginContext } from '../context';
import { startWatching } from '../watch/start_watching';

export async function typoraWatch(ctx: PluginContext): Promise<boolean> {
  const watcher = startWatching(ctx);
  await watcher.ready;
  ctx.hexo.log.info(
    'typora watch: watching source/_posts and source/_drafts; each save Typora makes is synced. Ctrl+C stops.',
  );
  await new Promise<void>((resolve) => ctx.hexo.once('exit', () => resolve()));
  await watcher.close();
  return true;
}
