/** The sync engine's settings from Hexo's folders and the `typora:` config. */
import os from 'node:os';
import path from 'node:path';
import type { PluginContext } from '../context';
import type { SyncSettings } from '../sync/settings';

export function syncSettingsOf(ctx: PluginContext): SyncSettings {
  const finder = ctx.finder();
  return {
    ...(finder.ok ? { finder } : {}),
    baseDir: path.resolve(ctx.hexo.base_dir),
    sourceDir: path.resolve(ctx.hexo.source_dir),
    homeDir: os.homedir(),
    maxBytes: ctx.config.max_file_mb * 1024 * 1024,
    publishOutside: ctx.config.publish_outside,
    ...(typeof ctx.hexo.config.permalink === 'string' ? { permalink: ctx.hexo.config.permalink } : {}),
  };
}
