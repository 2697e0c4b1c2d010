/**
 * The variant files each post or page uses, kept in Hexo's database (db.json) so that a post Hexo does not
 * render again (its cached HTML still names the variants) keeps them published on the next `hexo generate`.
 */
import type Hexo from 'hexo';

export const VARIANT_MODEL = 'TyporaImageVariants';

export interface VariantRoute {
  /** Site path without `root`, not percent-encoded. */
  path: string;
  /** The cached file served there. */
  source: string;
}

/** An original the post's variants were made from, as it was then (to notice that it has changed since). */
export interface VariantOriginal {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface VariantRecord {
  _id: string;
  routes: VariantRoute[];
  originals: VariantOriginal[];
}

export function registerVariantModel(hexo: Hexo): void {
  hexo.model(VARIANT_MODEL, {
    _id: { type: String, required: true },
    routes: { type: Array, default: [] },
    originals: { type: Array, default: [] },
  });
}

export function loadVariantRecords(hexo: Hexo): VariantRecord[] {
  return hexo
    .model(VARIANT_MODEL)
    .toArray()
    .map((doc) => {
      const record = doc as unknown as Partial<VariantRecord> & { _id: string };
      return { _id: record._id, routes: record.routes ?? [], originals: record.originals ?? [] };
    });
}

export function saveVariantRecord(hexo: Hexo, record: VariantRecord): Promise<unknown> {
  return Promise.resolve(hexo.model(VARIANT_MODEL).save(record));
}
