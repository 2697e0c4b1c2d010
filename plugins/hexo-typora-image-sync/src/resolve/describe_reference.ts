/**
 * Words a reference's verdict as `problem — fix`, the same for a build warning and for `hexo typora
 * check`, so that the author gets one explanation and one next step wherever the problem shows up. Pure.
 */
import type { EntryKind } from '../fs/file_view';
import type { ReferenceClass } from './classify_reference';

export interface ReferenceProblem {
  /** `error`: the deployed site would break; `warning`: it works, but not everywhere (or not in Typora). */
  severity: 'error' | 'warning';
  problem: string;
  fix: string;
}

export interface DescribeContext {
  image: boolean;
  /** The destination as written. */
  destination: string;
  /** A path as the author reads it: relative to the site folder where it is inside. */
  short(file: string): string;
  /** The post's asset folder name (`hello`). */
  assetName: string;
  /** The asset folder as shown (`source/_posts/hello/`). */
  assetShown: string;
}

const ENTRY_NAMES: Partial<Record<EntryKind, string>> = {
  directory: 'a folder',
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  device: 'a device',
};

export function describeReference(
  verdict: ReferenceClass,
  ctx: DescribeContext,
): ReferenceProblem | undefined {
  const shown = `${ctx.image ? 'image' : 'file'} ${printable(JSON.stringify(ctx.destination))}`;
  const say = (severity: ReferenceProblem['severity'], problem: string, fix: string): ReferenceProblem => ({
    severity,
    problem: `${shown} ${problem}`,
    fix,
  });
  switch (verdict.kind) {
    case 'ignored':
      return undefined;
    case 'missing': {
      const at = verdict.at === undefined ? '' : printable(ctx.short(verdict.at));
      switch (verdict.reason) {
        case 'link-loop':
          return say(
            'error',
            `is a symbolic link that points to itself, or to a loop of links (${at})`,
            'replace the link with the image file itself',
          );
        case 'not-a-file':
          return say(
            'error',
            `names ${ENTRY_NAMES[verdict.entry ?? 'device'] ?? 'something'} (${at}), not a file`,
            'point the reference at the file itself',
          );
        case 'unreadable':
          return say(
            'error',
            `cannot be read: ${at} (${verdict.code ?? 'error'})`,
            'check the permissions of the file and of the folders above it',
          );
        case 'bad-encoding':
          return say(
            'error',
            'has bad percent-encoding (a "%" not followed by two hex digits of UTF-8) and no file by that name exists',
            `write the file name as it is, or insert the image again in Typora (it copies it into ${ctx.assetShown})`,
          );
        case 'author-machine':
          return say(
            'error',
            "is a path on the author's computer and is not on this one",
            "run `hexo typora sync` on the computer that has it, then commit the post's folder",
          );
        case 'not-found':
          return say(
            'error',
            `not found (looked in: ${verdict.looked.map((file) => printable(ctx.short(file))).join(', ')})`,
            `put the file in ${ctx.assetShown} and write it as ${JSON.stringify(`${ctx.assetName}/<name>`)}, or remove the reference`,
          );
      }
      return undefined;
    }
    case 'refused':
      if (verdict.linkOut) {
        return say(
          'error',
          `is a symbolic link to ${printable(verdict.real)}, outside the repository: it is never published or copied (CI and readers never get it)`,
          `replace the link with a copy of the file (cp -L) in ${ctx.assetShown}`,
        );
      }
      return say(
        'error',
        `points at ${printable(ctx.short(verdict.real))}, which is never copied or published: ${verdict.reason}`,
        `if it belongs on the site, save it as an image file in ${ctx.assetShown}; otherwise remove the reference`,
      );
    case 'found':
      return describeFound(verdict, ctx, say);
  }
}

type Say = (severity: ReferenceProblem['severity'], problem: string, fix: string) => ReferenceProblem;

function describeFound(
  verdict: Extract<ReferenceClass, { kind: 'found' }>,
  ctx: DescribeContext,
  say: Say,
): ReferenceProblem | undefined {
  const inAssetFolder = verdict.place === 'asset-folder';
  const syncFix = inAssetFolder
    ? '`hexo typora sync` rewrites the reference to the real name (files are never renamed)'
    : `\`hexo typora sync\` copies it into ${ctx.assetShown}`;
  if (verdict.place === 'outside-repository') {
    const where = ctx.destination.includes(verdict.real) ? '' : ` (${printable(verdict.real)})`;
    return say('error', `is outside the repository${where}: CI and readers never get it`, syncFix);
  }
  const note = verdict.notes[0];
  if (note === 'case') return say('error', otherCase(verdict.file, ctx), syncFix);
  if (!inAssetFolder) {
    const unpublished = verdict.servedBy === 'nobody';
    return say(
      unpublished ? 'error' : 'warning',
      `is outside the post's asset folder (${printable(ctx.short(verdict.real))})${unpublished ? ' and typora.publish_outside is off, so it is not published' : ''}`,
      syncFix,
    );
  }
  switch (note) {
    case undefined:
      return undefined;
    case 'encoding':
      return say('warning', 'has bad percent-encoding', '`hexo typora sync` rewrites it');
    case 'backslashes':
      return say(
        'warning',
        `uses \\ between folders, as Typora on Windows writes it: found as ${JSON.stringify(printable(ctx.short(verdict.file)))}, but Typora on macOS and Linux does not show it`,
        'write / instead (`hexo typora sync` rewrites it)',
      );
    case 'not-typora-form':
      return say(
        'warning',
        'is in the asset folder, but Typora does not show it (Typora reads paths from the folder of the .md file)',
        `\`hexo typora sync\` rewrites it as ${JSON.stringify(`${ctx.assetName}/…`)}`,
      );
  }
}

function otherCase(file: string, ctx: DescribeContext): string {
  return `exists only as ${JSON.stringify(printable(ctx.short(file)))} (different letter case): it works on macOS and Windows but breaks on Linux and in CI`;
}

/** A destination the renderer sees whose place in the text the finder could not pin down. */
export function unlocatedMessage(reference: { image: boolean; destination: string }): string {
  return `${reference.image ? 'image' : 'file'} ${printable(JSON.stringify(reference.destination))} could not be located exactly in the text, so it is left as written (it may not show on the site) — please report this with the post attached; rewriting the surrounding list or quote in Typora usually helps`;
}

/** Control characters from a decoded path (`%1B[2K`) must not rewrite the author's terminal. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/**
 * Words the refusal of a file Hexo publishes by itself (no reference needed: an asset folder's files are
 * all published) as `problem — fix`, for the build's warning and `hexo typora check`.
 */
export function describeHexoFile(
  verdict: { reason: string; real?: string; linkOut?: true },
  short: (file: string) => string,
  folder = false,
): string {
  const keep = folder ? 'they are kept off the site' : 'it is kept off the site';
  if (verdict.linkOut) {
    const what = folder
      ? 'a folder of the build machine: Hexo would publish every file in it'
      : 'a file of the build machine: Hexo would publish it';
    return `is a symbolic link to ${printable(verdict.real ?? '?')}, outside the repository, ${what}, so ${keep} — replace the link with a copy of what belongs on the site (cp -L), otherwise delete the link`;
  }
  const where = verdict.real ? `leads to ${printable(short(verdict.real))}, which` : 'it';
  return `${where} is never published (${verdict.reason}), so ${keep} — replace it with the image file itself if it belongs on the site, otherwise delete it`;
}
