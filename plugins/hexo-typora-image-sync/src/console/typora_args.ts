/**
 * The options of `hexo typora …`, read strictly. hexo-cli parses the command line with minimist, which takes
 * the word after a flag as its value: `--dry-run a1` arrives as `{ 'dry-run': 'a1' }`, `--dry-run 1` as
 * `{ 'dry-run': 1 }`. A flag whose value is not a plain "yes" is an error that names the swallowed word, so
 * that no spelling of `--dry-run` can turn into a real sync, and no post name silently disappears. Pure.
 */

export interface ConsoleArgs {
  _?: unknown[];
  [option: string]: unknown;
}

export type ParsedFlags = { ok: true; dryRun: boolean; prune: boolean } | { ok: false; message: string };

/** Our flags: present means on; the only values allowed are the ways of writing "yes". */
const OUR_FLAGS = ['dry-run', 'prune'] as const;
/** Hexo's own on/off options: Hexo reads them, but a word they swallowed was meant for us. */
const HEXO_SWITCHES = ['debug', 'safe', 'silent', 'draft', 'drafts'];
/** Hexo's own options that take a value. */
const HEXO_VALUES = ['config', 'cwd', 'output'];
const YES = new Set(['true', 'yes', '1']);
const NO = new Set(['false', 'no', '0']);
const COMMANDS = new Set(['check', 'sync', 'watch']);

export function parseTyporaFlags(args: ConsoleArgs, subcommand: string | undefined): ParsedFlags {
  const fail = (message: string): ParsedFlags => ({ ok: false, message: `hexo typora: ${message}` });
  const options = optionsOf(args);
  const unknown = [...options.keys()].filter(
    (key) =>
      !(OUR_FLAGS as readonly string[]).includes(key) &&
      !HEXO_SWITCHES.includes(key) &&
      !HEXO_VALUES.includes(key),
  );
  if (unknown.length > 0) {
    return fail(
      `unknown option ${unknown.map(optionName).join(', ')}; nothing was done. Options: --dry-run, --prune (see \`hexo help typora\`).`,
    );
  }
  for (const flag of OUR_FLAGS) {
    const bad = valuesOf(options.get(flag)).find((value) => !isYes(value));
    if (bad === undefined) continue;
    if (isNo(bad)) {
      return fail(
        `--${flag} was given the value "${String(bad)}"; to leave it off, leave the flag out. Nothing was done.`,
      );
    }
    return fail(swallowed(flag, bad, subcommand));
  }
  for (const name of HEXO_SWITCHES) {
    const bad = valuesOf(options.get(name)).find((value) => !isYes(value) && !isNo(value));
    if (bad !== undefined) return fail(swallowed(name, bad, subcommand));
  }
  return { ok: true, dryRun: options.has('dry-run'), prune: options.has('prune') };
}

/**
 * The options as typed, one entry each: hexo-util's camelCaseKeys gives every `--dry-run` a second key
 * `dryRun`, folded back here into its kebab-case spelling.
 */
function optionsOf(args: ConsoleArgs): Map<string, unknown> {
  const options = new Map<string, unknown>();
  for (const key of Object.keys(args)) {
    if (key === '_') continue;
    const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (!options.has(kebab)) options.set(kebab, args[key]);
  }
  return options;
}

function valuesOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isYes(value: unknown): boolean {
  return value === true || YES.has(String(value).toLowerCase());
}

function isNo(value: unknown): boolean {
  return value === false || NO.has(String(value).toLowerCase());
}

function optionName(key: string): string {
  return key.length === 1 ? `-${key}` : `--${key}`;
}

/** `--dry-run a1`: the word after the flag was read as its value. Say where the word goes. */
function swallowed(flag: string, value: unknown, subcommand: string | undefined): string {
  const word = String(value);
  const example = COMMANDS.has(word)
    ? `hexo typora ${word} --${flag}`
    : `hexo typora ${subcommand ?? 'sync'} ${word} --${flag}`;
  return `--${flag} takes no value, but "${word}" came right after it and was read as its value; write the ${COMMANDS.has(word) ? 'command' : 'post names'} before the options, as in \`${example}\`. Nothing was done.`;
}
