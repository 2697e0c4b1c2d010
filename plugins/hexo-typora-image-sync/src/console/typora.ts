/**
 * `hexo typora <check|sync|watch>`: the console command, with its `hexo help typora` text. Options are
 * checked before anything runs (`typora_args.ts`): no spelling of `--dry-run` can turn into a real sync.
 */
import type { PluginContext } from '../context';
import { PostSelectionError } from '../sync/read/find_posts';
import { type ConsoleArgs, parseTyporaFlags } from './typora_args';
import { typoraCheck } from './typora_check';
import { typoraSync } from './typora_sync';
import { typoraWatch } from './typora_watch';

const SUBCOMMANDS = ['check', 'sync', 'watch'];

export type { ConsoleArgs };

export function typoraCommand(ctx: PluginContext) {
  return async function typoraConsole(args: ConsoleArgs): Promise<void> {
    const out = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    const fail = (message: string): void => {
      ctx.hexo.log.error(message);
      process.exitCode = 1;
    };
    const [subcommand = '', ...posts] = (args._ ?? []).map(String);
    if (!subcommand && Object.keys(args).every((key) => key === '_')) {
      // A bare `hexo typora` asks what it can do: the same text as `hexo help typora`. Nothing was done: exit 1.
      await ctx.hexo.call('help', { _: ['typora'] });
      process.exitCode = 1;
      return;
    }
    const flags = parseTyporaFlags(args, subcommand);
    if (!flags.ok) return fail(flags.message);
    if (!subcommand || !SUBCOMMANDS.includes(subcommand)) {
      return fail(
        `hexo typora: ${subcommand ? `unknown command "${subcommand}"` : 'missing command'}; use \`hexo typora check\`, \`hexo typora sync\` or \`hexo typora watch\` (see \`hexo help typora\`).`,
      );
    }
    const { dryRun, prune } = flags;
    if (subcommand !== 'sync' && (dryRun || prune)) {
      return fail(
        `hexo typora ${subcommand}: --dry-run and --prune belong to \`hexo typora sync\`; nothing was done.`,
      );
    }
    if (subcommand === 'watch' && posts.length > 0) {
      return fail('hexo typora watch: takes no post names (it watches every post); nothing was done.');
    }
    const finder = ctx.finder();
    if (!finder.ok) return fail(`hexo typora ${subcommand}: ${finder.message}; nothing was done.`);
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
