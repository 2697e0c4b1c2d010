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

export interface VariantRecord {
  _id: string;
  routes: VariantRoute[];
}

export function registerVariantModel(hexo: Hexo): void {
  hexo.model(VARIANT_MODEL, {
    _id: { type: String, required: true },
    routes: { type: Array, default: [] },
  });
}

export function loadVariantRecords(hexo: Hexo): VariantRecord[] {
  return hexo
    .model(VARIANT_MODEL)
    .toArray()
    .map((doc) => {
      const record = doc as unknown as Partial<VariantRecord> & { _id: string };
      return { _id: record._id, routes: record.routes ?? [] };
    });
}

export function saveVariantRecord(hexo: Hexo, record: VariantRecord): Promise<unknown> {
  return Promise.resolve(hexo.model(VARIANT_MODEL).save(record));
}
