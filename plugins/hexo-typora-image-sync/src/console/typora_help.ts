/**
 * `hexo help typora` (also printed by a bare `hexo typora`): the command's description and help text. Only
 * text and the defaults of config.ts, so that registering the command stays cheap.
 */
import { DEFAULT_CONFIG, type TyporaConfig } from '../config';

export const TYPORA_DESCRIPTION = 'Check, sync and watch the images of Typora posts';

/** One line per setting; a key added to TyporaConfig without a line here does not compile. */
const SETTINGS: Record<Exclude<keyof TyporaConfig, 'warnings'>, string> = {
  enable: 'resolve Typora image paths during `hexo generate`',
  strict: 'fail `hexo generate` on any image problem, and publish nothing from outside the site folder',
  publish_outside:
    'publish referenced files Hexo would not (hello.assets/, files beside the post, outside source/)',
  image_size: 'give resolved images their width and height (Typora’s zoom included)',
  watch: '`hexo server` syncs each post Typora saves, as `hexo typora watch` does',
  max_file_mb: 'largest file published from outside source/, in MiB',
  images: 'AVIF/WebP variants of post images at the theme column’s widths (`false` turns them off)',
};

function settingLines(): string[] {
  const keys = Object.keys(SETTINGS) as (keyof typeof SETTINGS)[];
  const shown = keys.map((key) => `typora.${key}: ${key === 'images' ? 'true' : DEFAULT_CONFIG[key]}`);
  const width = Math.max(...shown.map((text) => text.length)) + 2;
  return keys.map((key, i) => `  ${(shown[i] as string).padEnd(width)}${SETTINGS[key]}`);
}

export const TYPORA_HELP = {
  usage: '<check|sync|watch> [post ...] [--dry-run] [--prune]',
  desc: [
    'Typora leaves pasted images where it likes (typora-user-images, ~/Desktop, hello.assets/, a shared',
    "  assets/ folder). `sync` and `watch` copy each image a post uses into the post's asset folder",
    '  (source/_posts/hello/ for hello.md) and point the post at the copy (hello/<name>), so that Typora, CI and',
    '  readers all see it; `check` lists what is not there yet. Originals are never moved or deleted, and in the',
    '  post only the image destinations change.',
    '',
    'Settings, in the typora: section of _config.yml (defaults shown):',
    ...settingLines(),
  ].join('\n'),
  arguments: [
    {
      name: 'check',
      desc: 'List every image that is missing, outside the asset folder, outside the repository or in the wrong letter case, as file:line: problem — fix. Exit code 1 if any would break the deployed site (for CI).',
    },
    {
      name: 'sync',
      desc: "Copy every referenced file that lives outside the post's asset folder into it and rewrite the reference. A second run changes nothing.",
    },
    {
      name: 'watch',
      desc: 'Sync each post when Typora saves it, until Ctrl+C (`hexo server` does it too with typora.watch: true).',
    },
    {
      name: 'post',
      desc: 'Posts to work on: hello, hello.md or source/_posts/hello.md (all posts when none is given).',
    },
  ],
  options: [
    { name: '--dry-run', desc: 'sync: print the copies and a unified diff of the posts; change nothing.' },
    {
      name: '--prune',
      desc: 'sync: move files in post folders that no post uses to .typora-trash/<time>/ (git-ignored; nothing is deleted).',
    },
  ],
};
