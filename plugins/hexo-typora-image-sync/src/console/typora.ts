/**
 * `hexo typora <check|sync|watch>`: the console command, with its `hexo help typora` text. Options are
 * checked before anything runs: a mistyped `--dry-run` must never turn into a real sync.
 */
import type { PluginContext } from '../context';
import { PostSelectionError } from '../sync/find_posts';
import { typoraCheck } from './typora_check';
import { typoraSync } from './typora_sync';
import { typoraWatch } from './typora_watch';

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
    if (!subcommand) {
      // A bare `hexo typora` asks what it can do: the same text as `hexo help typora`. Nothing was done: exit 1.
      await ctx.hexo.call('help', { _: ['typora'] });
      process.exitCode = 1;
      return;
    }
    if (!SUBCOMMANDS.includes(subcommand)) {
      return fail(
        `hexo typora: unknown command "${subcommand}"; use \`hexo typora check\`, \`hexo typora sync\` or \`hexo typora watch\` (see \`hexo help typora\`).`,
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
