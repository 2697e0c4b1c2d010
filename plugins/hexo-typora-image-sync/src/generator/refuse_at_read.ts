/**
 * A file refused when its bytes were about to be written or served: it changed after the build checked
 * it (swapped for a link, say). Nothing of it is published: the route gets no bytes, the error names the
 * file, and the process exits non-zero. No exception: Hexo's route stream has no error listener in
 * `hexo server`, where one would end the server.
 */
import type { PluginContext } from '../context';
import { displayPath } from '../diagnostics';

export function refuseAtRead(ctx: PluginContext, source: string, reason: string): Buffer {
  ctx.hexo.log.error(
    `hexo-typora-image-sync: ${displayPath(ctx.hexo.base_dir, source)} was not published: ${reason} — it changed after the build checked it; build again`,
  );
  process.exitCode = 1;
  return Buffer.alloc(0);
}
