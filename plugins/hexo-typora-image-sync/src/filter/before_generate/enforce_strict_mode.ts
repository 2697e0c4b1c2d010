/**
 * In strict mode, fail the build after all posts are rendered if any image problem was found, or any file
 * Hexo publishes by itself was refused.
 */
import type { PluginContext } from '../../context';
import { strictFailureMessage } from '../../diagnostics';
import { postExists } from '../../hexo/site_model';

export function enforceStrictMode(ctx: PluginContext) {
  return function enforceStrictModeFilter(): void {
    if (!ctx.config.strict) return;
    const problems = [...ctx.routes.records()]
      .filter((record) => postExists(ctx.hexo, record._id))
      .flatMap((record) => record.diagnostics)
      .concat([...ctx.refusedHexoFiles.values()]);
    if (problems.length === 0) return;
    const error = new Error(strictFailureMessage(problems));
    // Hexo prints the stack; the message already says where and what to do.
    error.stack = error.message;
    throw error;
  };
}
