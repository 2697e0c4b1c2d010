/**
 * Encodes an image's variants, or takes them from the cache: for each format, the widths that fit (never an
 * upscale), at the configured quality; a PNG or WebP original whose lossy variant blurs its text gets a lossless
 * WebP instead (and no AVIF); a format whose variants are not all smaller than the original is not offered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImagesConfig, VariantFormat } from '../config';
import { contentHash, variantCacheKey } from './cache_key';
import { variantWidths } from './plan_widths';
import { RASTER_HEAD_BYTES, type RasterKind, sniffRaster } from './raster_kind';
import { detailSsim, type GreyImage, lumaOf } from './text_sharpness';
import type { CachedVariant, CacheManifest, VariantCache } from './variant_cache';

/**
 * Below this detail SSIM a lossy variant visibly blurs text. Set by looking at the screenshot fixtures encoded
 * at falling qualities: at 0.96 and above the text looked as the PNG's did, at 0.94 and below it rang and
 * smeared (README, "Responsive images").
 */
export const MIN_DETAIL_SSIM = 0.95;
/** libavif's speed: effort 2 gave files 3% larger than effort 4 (sharp's default) in a fifth of the time. */
const AVIF_EFFORT = 2;
const WEBP_EFFORT = 4;

export interface FormatVariants {
  format: VariantFormat;
  key: string;
  manifest: CacheManifest;
}

export type ImageVariants =
  | { ok: true; image: CacheManifest['image']; formats: FormatVariants[] }
  | { ok: false; reason: string };

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | undefined;
/** sharp (and libvips) load only when an image has to be encoded. */
const loadSharp = (): Promise<Sharp> => {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
};

/** sharp's exact version pins libvips' (its @img/sharp-libvips-* packages): the encoder's identity. */
function encoderVersion(): string {
  const packageJson = path.join(path.dirname(require.resolve('sharp')), '..', 'package.json');
  return `sharp ${(JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version}`;
}

export class VariantEncoder {
  /** Encodings run, and cache entries reused, during this build. */
  encoded = 0;
  reused = 0;
  private readonly byFile = new Map<string, Promise<ImageVariants>>();
  private readonly byKey = new Map<string, Promise<CacheManifest>>();
  private readonly slots = new Slots(Math.max(1, os.availableParallelism()));
  private encoder: string | undefined;

  constructor(
    private readonly cache: VariantCache,
    private readonly settings: ImagesConfig,
  ) {}

  /** Forget this build's results (a file may have changed since), not the cache. */
  startBuild(): void {
    this.byFile.clear();
    this.byKey.clear();
    this.encoded = 0;
    this.reused = 0;
  }

  variantsOf(file: string): Promise<ImageVariants> {
    let result = this.byFile.get(file);
    if (!result) {
      result = this.load(file).catch((error: Error) => ({
        ok: false as const,
        reason: `could not be encoded (${error.message})`,
      }));
      this.byFile.set(file, result);
    }
    return result;
  }

  private async load(file: string): Promise<ImageVariants> {
    const bytes = await fs.promises.readFile(file);
    const sniff = sniffRaster(bytes.subarray(0, RASTER_HEAD_BYTES));
    if (!sniff.kind) return { ok: false, reason: `is ${sniff.reason}` };
    this.encoder ??= encoderVersion();
    const hash = contentHash(bytes);
    const formats: FormatVariants[] = [];
    const source = new EncodingSource(bytes, sniff.kind, this.settings.widths);
    for (const format of this.settings.formats) {
      const key = variantCacheKey({
        contentHash: hash,
        format,
        widths: this.settings.widths,
        quality: this.settings.quality[format],
        encoder: this.encoder,
      });
      let manifest = this.byKey.get(key);
      if (!manifest) {
        manifest = this.fromCacheOrEncode(key, format, source);
        this.byKey.set(key, manifest);
      }
      formats.push({ format, key, manifest: await manifest });
    }
    const first = formats[0]?.manifest;
    if (!first) return { ok: false, reason: 'has no format to encode to' };
    if (source.animated) return { ok: false, reason: 'is animated' };
    return { ok: true, image: first.image, formats };
  }

  private async fromCacheOrEncode(
    key: string,
    format: VariantFormat,
    source: EncodingSource,
  ): Promise<CacheManifest> {
    const cached = this.cache.read(key);
    if (cached) {
      this.reused++;
      return cached;
    }
    return this.slots.run(async () => {
      const { manifest, files } = await this.encode(format, source);
      this.cache.write(key, manifest, files);
      return manifest;
    });
  }

  private encodeOne(
    image: RawImage,
    format: VariantFormat,
    options: { quality?: number; lossless?: boolean },
  ) {
    this.encoded++;
    return loadSharp().then((sharp) => encodeRaw(sharp, image, format, options));
  }

  private async encode(
    format: VariantFormat,
    source: EncodingSource,
  ): Promise<{ manifest: CacheManifest; files: Map<number, Uint8Array> }> {
    const image = await source.image();
    const files = new Map<number, Uint8Array>();
    const none = (reason: string) => ({
      manifest: { image, format, mode: 'none' as const, reason, variants: [] },
      files: new Map(),
    });
    if (source.animated) return none('animated');
    const quality = this.settings.quality[format];
    const variants: CachedVariant[] = [];
    let detail = 1;
    for (const width of await source.widths()) {
      const resized = await source.resized(width);
      const encoded = await this.encodeOne(resized, format, { quality });
      if (source.kind !== 'jpeg') detail = Math.min(detail, await detailOf(resized, encoded));
      files.set(width, encoded);
      variants.push({ width, height: resized.height, bytes: encoded.length });
    }
    let mode: CacheManifest['mode'] = 'lossy';
    let reason: string | undefined;
    if (detail < MIN_DETAIL_SSIM) {
      reason = `lossy ${format} at quality ${quality} blurs its text (detail SSIM ${detail.toFixed(3)} < ${MIN_DETAIL_SSIM})`;
      if (format !== 'webp') {
        const dropped = none(reason);
        return { ...dropped, manifest: { ...dropped.manifest, detail: Number(detail.toFixed(4)) } };
      }
      mode = 'lossless';
      files.clear();
      variants.length = 0;
      for (const width of await source.widths()) {
        const resized = await source.resized(width);
        const encoded = await this.encodeOne(resized, format, { lossless: true });
        files.set(width, encoded);
        variants.push({ width, height: resized.height, bytes: encoded.length });
      }
    }
    const larger = variants.find((v) => v.bytes >= image.bytes);
    if (larger) return none(`its ${larger.width} px ${format} is not smaller than the original`);
    const manifest: CacheManifest = { image, format, mode, variants, ...(reason ? { reason } : {}) };
    if (source.kind !== 'jpeg') manifest.detail = Number(detail.toFixed(4));
    return { manifest, files };
  }
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** The original, decoded once, and its resized pixels per width, shared by the formats that need them. */
class EncodingSource {
  animated = false;
  private info: Promise<CacheManifest['image']> | undefined;
  private readonly sizes = new Map<number, Promise<RawImage>>();

  constructor(
    private readonly bytes: Buffer,
    readonly kind: RasterKind,
    private readonly configured: readonly number[],
  ) {}

  image(): Promise<CacheManifest['image']> {
    this.info ??= loadSharp().then(async (sharp) => {
      const metadata = await sharp(this.bytes).metadata();
      this.animated = (metadata.pages ?? 1) > 1;
      const oriented = metadata.autoOrient ?? metadata;
      return { width: oriented.width ?? 0, height: oriented.height ?? 0, bytes: this.bytes.length };
    });
    return this.info;
  }

  async widths(): Promise<number[]> {
    return variantWidths((await this.image()).width, this.configured);
  }

  resized(width: number): Promise<RawImage> {
    let pixels = this.sizes.get(width);
    if (!pixels) {
      pixels = loadSharp().then(async (sharp) => {
        const { data, info } = await sharp(this.bytes)
          .autoOrient()
          .resize({ width, withoutEnlargement: true })
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true });
        return { data, width: info.width, height: info.height, channels: info.channels };
      });
      this.sizes.set(width, pixels);
    }
    return pixels;
  }
}

function encodeRaw(
  sharp: Sharp,
  image: RawImage,
  format: VariantFormat,
  options: { quality?: number; lossless?: boolean },
): Promise<Buffer> {
  const input = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
  if (format === 'avif') return input.avif({ ...options, effort: AVIF_EFFORT }).toBuffer();
  // smartSubsample keeps coloured text (syntax highlighting) crisper than plain 4:2:0.
  return input.webp({ ...options, effort: WEBP_EFFORT, smartSubsample: true }).toBuffer();
}

async function detailOf(reference: RawImage, encoded: Buffer): Promise<number> {
  const sharp = await loadSharp();
  const decoded = await sharp(encoded).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const grey = (image: RawImage): GreyImage => lumaOf(image.data, image.width, image.height, image.channels);
  return detailSsim(
    grey(reference),
    grey({
      data: decoded.data,
      width: decoded.info.width,
      height: decoded.info.height,
      channels: decoded.info.channels,
    }),
  );
}

/** At most `size` encodings at once: libvips already uses every core within one. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
