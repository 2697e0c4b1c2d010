/**
 * `hexo typora <check|sync|watch>`: the console command, with its `hexo help typora` text. Options are
 * checked before anything runs: a mistyped `--dry-run` must never turn into a real sync.
 */
import type { PluginContext } from '../context';
import { PostSelectionError } from '../sync/find_posts';
import { typoraCheck } from './typora_check';
import { typoraSync } from './typora_sync';
import { typoraWatch } from './typora_watch';

export const TYPORA_DESCRIPTION = 'Check, sync and watch the images of Typora posts';

export const TYPORA_HELP = {
  usage: '<check|sync|watch> [post ...] [--dry-run] [--prune]',
  desc: [
    'Typora leaves pasted images where it likes (typora-user-images, ~/Desktop, hello.assets/, a shared',
    "  assets/ folder). These commands move the source to where every image lives in its post's asset folder",
    '  (source/_posts/hello/ for hello.md), written as hello/<name>, so that Typora, CI and readers all see it.',
    '  Originals are copied, never moved or deleted; only the image destinations in a post are rewritten.',
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
      desc: 'Sync each post when Typora saves it, until Ctrl+C (`hexo server` does it too with typora.watch: true or HEXO_TYPORA_WATCH=1).',
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

/** Options Hexo itself takes on every command, plus ours. */
const KNOWN_OPTIONS = new Set([
  '_',
  'dry-run',
  'dryRun',
  'prune',
  'config',
  'cwd',
  'debug',
  'safe',
  'silent',
  'draft',
  'drafts',
  'output',
]);
const SUBCOMMANDS = ['check', 'sync', 'watch'];

export interface ConsoleArgs {
  _?: unknown[];
  [option: string]: unknown;
}

export function typoraCommand(ctx: PluginContext) {
  return async function typoraConsole(args: ConsoleArgs): Promise<void> {
    const out = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    const fail = (message: string): void => {
      ctx.hexo.log.error(message);
      process.exitCode = 1;
    };
    const [subcommand, ...posts] = (args._ ?? []).map(String);
    const unknown = Object.keys(args).filter((key) => !KNOWN_OPTIONS.has(key));
    if (unknown.length > 0) {
      return fail(
        `hexo typora: unknown option ${unknown.map((key) => (key.length === 1 ? `-${key}` : `--${key}`)).join(', ')}; nothing was done. Options: --dry-run, --prune (see \`hexo help typora\`).`,
      );
    }
    if (!subcommand || !SUBCOMMANDS.includes(subcommand)) {
      return fail(
        `hexo typora: ${subcommand ? `unknown command "${subcommand}"` : 'missing command'}; use \`hexo typora check\`, \`hexo typora sync\` or \`hexo typora watch\` (see \`hexo help typora\`).`,
      );
    }
    const dryRun = args['dry-run'] === true || args.dryRun === true;
    const prune = args.prune === true;
    if (subcommand !== 'sync' && (dryRun || prune)) {
      return fail(
        `hexo typora ${subcommand}: --dry-run and --prune belong to \`hexo typora sync\`; nothing was done.`,
      );
    }
    if (subcommand === 'watch' && posts.length > 0) {
      return fail('hexo typora watch: takes no post names (it watches every post); nothing was done.');
    }
    try {
      const ok =
        subcommand === 'check'
          ? await typoraCheck(ctx, posts, out)
          : subcommand === 'sync'
            ? await typoraSync(ctx, posts, { dryRun, prune }, out)
            : await typoraWatch(ctx);
      if (!ok) process.exitCode = 1;
    } catch (error) {
      if (error instanceof PostSelectionError) return fail(`hexo typora ${subcommand}: ${error.message}`);
      throw error;
    }
  };
}
