/**
 * Before anything is generated: check every file Hexo publishes by itself (each file in a post's asset
 * folder and each public file under `source/`, referenced or not). Hexo follows symbolic links, so
 * `passwd.png → /etc/passwd` in an asset folder would put the build machine's file on the site. A refused
 * file gets a warning naming it, fails strict mode, and its route is dropped (`generator/guard_hexo_assets.ts`).
 */
import type { PluginContext } from '../../context';
import { displayPath, formatDiagnostic } from '../../diagnostics';
import { hexoPublishedFiles } from '../../hexo/site_model';
import { inspectHexoFile } from '../../publish/inspect_hexo_file';
import { describeHexoFile } from '../../resolve/describe_reference';

export function checkHexoFiles(ctx: PluginContext) {
  return async function checkHexoFilesFilter(): Promise<void> {
    ctx.refusedHexoFiles.clear();
    const scope = ctx.serveScope();
    const files = hexoPublishedFiles(ctx.hexo, ctx.index);
    const verdicts = await Promise.all(files.map((file) => inspectHexoFile(file.source, scope)));
    for (const [i, file] of files.entries()) {
      const verdict = verdicts[i];
      if (!verdict || verdict.allowed) continue;
      const shown = displayPath(ctx.hexo.base_dir, file.source);
      const diagnostic = {
        file: shown,
        message: describeHexoFile(verdict, (f) => displayPath(ctx.hexo.base_dir, f)),
      };
      ctx.refusedHexoFiles.set(file.route, diagnostic);
      ctx.hexo.log.warn(formatDiagnostic(diagnostic));
    }
  };
}
