/**
 * The options as hexo-cli really delivers them: each command line goes through minimist and hexo-util's
 * camelCaseKeys, exactly as hexo-cli's entry does, then through `parseTyporaFlags`.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type ConsoleArgs, parseTyporaFlags } from '../../../src/console/typora_args';

const require = createRequire(import.meta.url);
const minimist = require('minimist') as (argv: string[], options: object) => ConsoleArgs;
const { camelCaseKeys } = require('hexo-util') as { camelCaseKeys: (o: object) => ConsoleArgs };

/** What our console function receives for `hexo typora <line>`. */
function hexoArgs(line: string): { args: ConsoleArgs; subcommand: string | undefined } {
  const argv = ['typora', ...line.split(' ').filter(Boolean)];
  const args = camelCaseKeys(minimist(argv, { string: ['_', 'p', 'path', 's', 'slug'] }));
  (args._ as string[]).shift(); // hexo-cli takes the command name off
  return { args, subcommand: (args._ as string[])[0] };
}

const parse = (line: string) => {
  const { args, subcommand } = hexoArgs(line);
  return parseTyporaFlags(args, subcommand);
};

describe('parseTyporaFlags, through minimist as hexo-cli calls it', () => {
  it.each([
    ['sync --dry-run', { dryRun: true, prune: false }],
    ['sync a1 --dry-run', { dryRun: true, prune: false }],
    ['sync --dry-run=true', { dryRun: true, prune: false }],
    ['sync --dry-run=yes', { dryRun: true, prune: false }],
    ['sync --dry-run=1', { dryRun: true, prune: false }],
    ['sync --dry-run --dry-run', { dryRun: true, prune: false }],
    ['sync --prune --dry-run', { dryRun: true, prune: true }],
    ['sync --dryRun', { dryRun: true, prune: false }],
    ['sync', { dryRun: false, prune: false }],
    ['sync --debug', { dryRun: false, prune: false }],
    ['sync --config _config.yml', { dryRun: false, prune: false }],
  ])('accepts `hexo typora %s`', (line, flags) => {
    expect(parse(line)).toEqual({ ok: true, ...flags });
  });

  it.each([
    [
      'sync --dry-run a1',
      /--dry-run takes no value, but "a1" came right after it.*`hexo typora sync a1 --dry-run`/,
    ],
    ['sync --prune --dry-run a1', /--dry-run takes no value, but "a1"/],
    ['sync --prune a1', /--prune takes no value, but "a1"/],
    [
      '--dry-run sync',
      /"sync" came right after it .*write the command before the options, as in `hexo typora sync --dry-run`/,
    ],
    ['sync --dry-run=a1', /--dry-run takes no value, but "a1"/],
    ['sync --dry-run 2', /--dry-run takes no value, but "2"/],
    ['sync --dry-run=false', /--dry-run was given the value "false"; to leave it off, leave the flag out/],
    ['sync --dry-run=no', /--dry-run was given the value "no"/],
    ['sync --dry-run 0', /--dry-run was given the value "0"/],
    ['sync --no-dry-run', /--dry-run was given the value "false"/],
    ['sync --dry-run --dry-run=a1', /"a1"/],
    ['sync --silent a1', /--silent takes no value, but "a1"/],
    ['sync --debug hello', /--debug takes no value, but "hello"/],
    ['sync --dryrun', /unknown option --dryrun; nothing was done/],
    ['sync -n', /unknown option -n/],
  ])('refuses `hexo typora %s`', (line, message) => {
    const parsed = parse(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
      expect(parsed.message).toMatch(/nothing was done/i);
    }
  });

  it('never says "dry run off" for any value minimist can give --dry-run', () => {
    for (const value of ['a1', 'true', 'yes', '1', 'TRUE', '', 'sync', '-1', 'false', '2024-01-01']) {
      const { args, subcommand } = hexoArgs(`sync --dry-run=${value}`);
      const parsed = parseTyporaFlags(args, subcommand);
      expect(parsed.ok === false || parsed.dryRun === true, `--dry-run=${value}`).toBe(true);
    }
  });
});
