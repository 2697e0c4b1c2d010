/**
 * Before Hexo renders (its render_post filter, priority 10, renders only posts without cached content):
 * drop the cached content of every post whose images depend on more than its own text, so that each
 * `hexo generate` decides again about what it publishes, with or without `hexo clean`. Those are the
 * posts the plugin publishes files for (an outside file may have been swapped for a link to a secret) and
 * the posts with a problem (a refused or missing file may be fine now, or strict mode may be off now).
 * Posts whose images Hexo publishes itself keep their cache; their files are checked by `check_hexo_files.ts`.
 */
import type { PluginContext } from '../../context';

export function recheckCachedPosts(ctx: PluginContext) {
  return async function recheckCachedPostsFilter(): Promise<void> {
    const models = [ctx.hexo.model('Post'), ctx.hexo.model('Page')];
    for (const record of ctx.routes.records()) {
      if (record.routes.length === 0 && record.diagnostics.length === 0) continue;
      for (const model of models) {
        const doc = model.findById(record._id);
        if (doc && doc.content != null) await model.updateById(record._id, { content: { $unset: true } });
      }
    }
  };
}
