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
}

export const DEFAULT_CONFIG: Readonly<TyporaConfig> = {
  enable: true,
  strict: false,
  publish_outside: true,
  image_size: true,
  watch: false,
  max_file_mb: 50,
};

const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);

export function readConfig(section: unknown, env: NodeJS.ProcessEnv = process.env): TyporaConfig {
  const given =
    section && typeof section === 'object' ? (section as Partial<Record<keyof TyporaConfig, unknown>>) : {};
  const flag = (key: 'enable' | 'strict' | 'publish_outside' | 'image_size' | 'watch'): boolean =>
    typeof given[key] === 'boolean' ? (given[key] as boolean) : DEFAULT_CONFIG[key];
  const strictFromEnv = TRUE_VALUES.has(String(env.HEXO_TYPORA_STRICT ?? '').toLowerCase());
  const maxMb = Number(given.max_file_mb);
  return {
    enable: flag('enable'),
    strict: flag('strict') || strictFromEnv,
    publish_outside: flag('publish_outside'),
    image_size: flag('image_size'),
    watch: flag('watch') || TRUE_VALUES.has(String(env.HEXO_TYPORA_WATCH ?? '').toLowerCase()),
    max_file_mb: Number.isFinite(maxMb) && maxMb > 0 ? maxMb : DEFAULT_CONFIG.max_file_mb,
  };
}
