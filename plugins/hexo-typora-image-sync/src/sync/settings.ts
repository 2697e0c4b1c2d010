/** Where the site is and what the security policy allows: everything the sync engine needs from Hexo. */
import type { SiteFinder } from '../hexo/load_site_markdown';

export interface SyncSettings {
  /** The site's folder (the repository): files outside it never reach CI or readers. */
  baseDir: string;
  /** Hexo's `source/` folder. */
  sourceDir: string;
  /** The author's home folder, for `~/…` destinations. */
  homeDir: string;
  /** Largest file copied from outside `source/`, in bytes (`typora.max_file_mb`). */
  maxBytes: number;
  /** `typora.publish_outside`: the generate step publishes files Hexo would not. */
  publishOutside: boolean;
  /** The site's markdown dialect (default: the marked the plugin resolves, GFM, no Hexo escapes). */
  finder?: Extract<SiteFinder, { ok: true }>;
  /** Hexo's `permalink` (default `:year/:month/:day/:title/`): whether a post's URL shows its name. */
  permalink?: string;
}
