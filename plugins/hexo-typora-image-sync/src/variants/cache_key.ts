/**
 * The key of one cached encoding: the same file content, format, widths and quality, by the same encoder and
 * the same pipeline, give the same key; anything else gives another. Keyed by content, not by path or mtime,
 * so a fresh clone (CI) with a restored cache hits it.
 */
import crypto from 'node:crypto';
import type { VariantFormat } from '../config';

/** Bump when what is encoded for the same inputs changes (resizing, the text check, the file layout). */
export const PIPELINE_VERSION = 1;

export interface CacheKeyInput {
  /** sha256 of the original file, hex. */
  contentHash: string;
  format: VariantFormat;
  widths: readonly number[];
  quality: number;
  /** sharp's and libvips' versions: another encoder may give other bytes. */
  encoder: string;
}

export function variantCacheKey(input: CacheKeyInput): string {
  const canonical = JSON.stringify([
    PIPELINE_VERSION,
    input.encoder,
    input.contentHash,
    input.format,
    [...input.widths].sort((a, b) => a - b),
    input.quality,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export function contentHash(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
