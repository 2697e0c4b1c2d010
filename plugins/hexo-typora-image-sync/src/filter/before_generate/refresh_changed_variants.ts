/**
 * Before Hexo renders posts (its render_post filter, priority 10): a post whose cached HTML names variants of an
 * image that has changed since (the author pasted a new screenshot under the same name) is rendered again, so
 * that a plain `hexo generate` or `hexo server` does not keep serving variants of the old image.
 */
import fs from 'node:fs';
import type { PluginContext } from '../../context';
import { loadVariantRecords, type VariantOriginal } from '../../hexo/variant_model';

export function refreshChangedVariants(ctx: PluginContext) {
  const { hexo } = ctx;
  return async function refreshChangedVariantsFilter(): Promise<void> {
    for (const record of loadVariantRecords(hexo)) {
      if (!record.originals.some(hasChanged)) continue;
      for (const name of ['Post', 'Page']) {
        const model = hexo.model(name);
        if (!model.has(record._id)) continue;
        const doc = model.findById(record._id) as unknown as { content?: unknown; save(): unknown };
        // Hexo's render_post renders the documents without content, as a new post is (null fails validation).
        if (doc.content == null) continue;
        doc.content = undefined;
        await doc.save();
      }
    }
  };
}

function hasChanged(original: VariantOriginal): boolean {
  const stat = fs.statSync(original.file, { throwIfNoEntry: false });
  return !stat || stat.size !== original.size || stat.mtimeMs !== original.mtimeMs;
}
