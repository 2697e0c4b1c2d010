/** The plugin's settings: the `typora:` key of Hexo's `_config.yml`, with documented defaults. */

export interface TyporaConfig {
  /** Resolve Typora image paths during `hexo generate`. */
  enable: boolean;
  /** Fail the build on any image warning (also on with HEXO_TYPORA_STRICT=1). Publishes nothing from outside the site folder. */
  strict: boolean;
  /** Publish referenced files that Hexo would not (`hello.assets/`, files beside the post, outside `source/`). */
  publish_outside: boolean;
  /** Add `width`/`height` to resolved images (and turn Typora's `zoom` into a size). */
  image_size: boolean;
  /** Watch `source/` and sync pasted images while `hexo server` runs. */
  watch: boolean;
  /** Largest file published from outside `source/`, in MiB. */
  max_file_mb: number;
  /** Responsive variants (AVIF/WebP at a few widths) of the raster images posts use. */
  images: ImagesConfig;
  /** What was wrong in the section (each says which key, what it got and what it uses instead). */
  warnings: string[];
}

export type VariantFormat = 'avif' | 'webp';

export interface ImagesConfig {
  enable: boolean;
  /** Formats offered to the browser, best first: one `<source>` each. */
  formats: VariantFormat[];
  /** Widths in pixels to encode (never wider than the image itself). */
  widths: number[];
  /** Encoder quality per format, 1–100. */
  quality: Record<VariantFormat, number>;
  /** Width in CSS px of the theme's content column on a wide screen. */
  column: number;
  /** Horizontal padding in CSS px around the column on a narrow screen (both sides together). */
  gutter: number;
}

export const DEFAULT_CONFIG: Readonly<TyporaConfig> = {
  enable: true,
  strict: false,
  publish_outside: true,
  image_size: true,
  watch: false,
  max_file_mb: 50,
  images: {
    enable: true,
    formats: ['avif', 'webp'],
    // The paperwhite column (656 CSS px, measured) at 1× and 2×; 1000 for a 412 px phone at DPR 2.6
    // (380 px × 2.6); 400 for narrow 1× screens.
    widths: [400, 656, 1000, 1312],
    quality: { avif: 55, webp: 80 },
    column: 656,
    gutter: 32,
  },
  warnings: [],
};

const FORMATS: readonly VariantFormat[] = ['avif', 'webp'];

const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);

export function readConfig(section: unknown, env: NodeJS.ProcessEnv = process.env): TyporaConfig {
  const given =
    section && typeof section === 'object' ? (section as Partial<Record<keyof TyporaConfig, unknown>>) : {};
  const flag = (key: 'enable' | 'strict' | 'publish_outside' | 'image_size' | 'watch'): boolean =>
    typeof given[key] === 'boolean' ? (given[key] as boolean) : DEFAULT_CONFIG[key];
  const strictFromEnv = TRUE_VALUES.has(String(env.HEXO_TYPORA_STRICT ?? '').toLowerCase());
  const maxMb = Number(given.max_file_mb);
  const warnings: string[] = [];
  return {
    enable: flag('enable'),
    strict: flag('strict') || strictFromEnv,
    publish_outside: flag('publish_outside'),
    image_size: flag('image_size'),
    watch: flag('watch') || TRUE_VALUES.has(String(env.HEXO_TYPORA_WATCH ?? '').toLowerCase()),
    max_file_mb: Number.isFinite(maxMb) && maxMb > 0 ? maxMb : DEFAULT_CONFIG.max_file_mb,
    images: readImagesConfig(given.images, warnings),
    warnings,
  };
}

/** `typora.images`: `false` turns variants off; a bad value is reported and its default used. */
function readImagesConfig(section: unknown, warnings: string[]): ImagesConfig {
  const defaults = DEFAULT_CONFIG.images;
  if (section === false) return { ...defaults, enable: false };
  if (section === undefined || section === null || section === true) return { ...defaults };
  if (typeof section !== 'object' || Array.isArray(section)) {
    warnings.push(
      `typora.images: expected a mapping such as { enable: true, formats: [avif, webp] } or false, got ${show(section)}; using the defaults`,
    );
    return { ...defaults };
  }
  const given = section as Record<string, unknown>;
  const bad = (key: string, expected: string, fallback: unknown): void => {
    warnings.push(
      `typora.images.${key}: expected ${expected}, got ${show(given[key])}; using ${show(fallback)}`,
    );
  };
  let enable = defaults.enable;
  if (given.enable !== undefined) {
    if (typeof given.enable === 'boolean') enable = given.enable;
    else bad('enable', 'true or false', enable);
  }
  let formats = defaults.formats;
  if (given.formats !== undefined) {
    const list = [given.formats].flat();
    if (list.length > 0 && list.every((f): f is VariantFormat => FORMATS.includes(f as VariantFormat)))
      formats = [...new Set(list)];
    else bad('formats', 'a list of avif and/or webp', formats);
  }
  let widths = defaults.widths;
  if (given.widths !== undefined) {
    const list = [given.widths].flat();
    if (
      list.length > 0 &&
      list.every((w) => Number.isInteger(w) && (w as number) >= 16 && (w as number) <= 8192)
    )
      widths = [...new Set(list as number[])].sort((a, b) => a - b);
    else
      bad('widths', 'a list of whole numbers of pixels from 16 to 8192, e.g. [400, 656, 1000, 1312]', widths);
  }
  const quality = { ...defaults.quality };
  if (given.quality !== undefined) {
    const q = given.quality;
    const valid = (v: unknown): v is number =>
      Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100;
    if (valid(q)) for (const f of FORMATS) quality[f] = q;
    else if (q && typeof q === 'object' && !Array.isArray(q)) {
      for (const [f, v] of Object.entries(q)) {
        if (!FORMATS.includes(f as VariantFormat))
          warnings.push(`typora.images.quality: ${show(f)} is not a format (avif or webp); ignored`);
        else if (valid(v)) quality[f as VariantFormat] = v;
        else
          warnings.push(
            `typora.images.quality.${f}: expected a whole number from 1 to 100, got ${show(v)}; using ${quality[f as VariantFormat]}`,
          );
      }
    } else bad('quality', 'a whole number from 1 to 100, or { avif: 55, webp: 80 }', quality);
  }
  const pixels = (key: 'column' | 'gutter', min: number): number => {
    const v = given[key];
    if (v === undefined) return defaults[key];
    if (Number.isInteger(v) && (v as number) >= min && (v as number) <= 8192) return v as number;
    bad(key, `a whole number of CSS pixels from ${min} to 8192`, defaults[key]);
    return defaults[key];
  };
  return { enable, formats, widths, quality, column: pixels('column', 1), gutter: pixels('gutter', 0) };
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}
