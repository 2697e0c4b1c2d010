/**
 * The persistent cache of encoded variants, in the site folder (`.cache/typora-images/` by default): one
 * manifest per cache key saying what was encoded, and the variant files beside it. A manifest is written last
 * and atomically, so one that exists describes files that were complete when it was written; `hexo clean`
 * leaves the folder alone, and CI restores it with actions/cache.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { VariantFormat } from '../config';

export interface CachedVariant {
  width: number;
  height: number;
  bytes: number;
}

export interface CacheManifest {
  /** The original's size, after EXIF orientation: what the browser draws. */
  image: { width: number; height: number; bytes: number };
  format: VariantFormat;
  /** `lossy`: at the configured quality; `lossless`: lossy blurred text; `none`: no variant worth serving. */
  mode: 'lossy' | 'lossless' | 'none';
  /** Why `none`, or why `lossless`, in words. */
  reason?: string;
  /** The lowest detail SSIM of the lossy encodings that were checked (PNG and WebP originals). */
  detail?: number;
  variants: CachedVariant[];
}

export const CACHE_FOLDER = path.join('.cache', 'typora-images');

export class VariantCache {
  constructor(readonly dir: string) {}

  /** Where the variant `width` pixels wide of cache entry `key` is (or will be) stored. */
  variantFile(key: string, format: VariantFormat, width: number): string {
    return path.join(this.dir, key.slice(0, 2), `${key}-${width}.${format}`);
  }

  /** The manifest of `key` if it and every file it lists exist; otherwise the entry must be encoded again. */
  read(key: string): CacheManifest | null {
    let manifest: CacheManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(this.manifestFile(key), 'utf8')) as CacheManifest;
    } catch {
      return null;
    }
    if (!manifest?.image || !Array.isArray(manifest.variants)) return null;
    for (const variant of manifest.variants) {
      const stat = fs.statSync(this.variantFile(key, manifest.format, variant.width), {
        throwIfNoEntry: false,
      });
      if (stat?.size !== variant.bytes) return null;
    }
    return manifest;
  }

  /** Stores the variants' bytes, then the manifest that lists them. */
  write(key: string, manifest: CacheManifest, files: ReadonlyMap<number, Uint8Array>): void {
    for (const [width, bytes] of files) writeAtomically(this.variantFile(key, manifest.format, width), bytes);
    writeAtomically(this.manifestFile(key), JSON.stringify(manifest));
  }

  private manifestFile(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/** Write to a temporary name and rename: a build stopped half-way never leaves a truncated file. */
function writeAtomically(file: string, data: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}
