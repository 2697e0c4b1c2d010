/**
 * What sync does about one reference: nothing, a rewrite to the real file in the asset folder (other
 * letter case, a form Typora does not show), a copy into the asset folder, or a report when no sync can
 * fix it. The verdict is the build's own (`resolve/inspect_reference.ts`, read by `read/site_facts.ts`);
 * this only maps it to an action. Pure.
 */
import { displayPath } from '../../diagnostics';
import type { MarkdownReference } from '../../markdown/find_references';
import { describeReference } from '../../resolve/describe_reference';
import type { InspectedReference } from '../../resolve/inspect_reference';
import type { PostEntry } from '../read/find_posts';
import type { Finding } from './finding';

export type ReferenceAction =
  /** Already in its final form, or not a local file. */
  | { action: 'none'; resolved?: string }
  /** The file is in the asset folder: write its real path (`file`) in Typora's form. */
  | { action: 'rewrite'; file: string; suffix: string; finding: Finding }
  /** Copy `source` (a real path) into the asset folder; `resolved` is the path as the reference names it. */
  | { action: 'copy'; source: string; resolved: string; suffix: string; finding: Finding }
  /** Sync cannot fix it. */
  | { action: 'report'; finding: Finding; resolved?: string };

export function referenceAction(
  reference: Pick<MarkdownReference, 'image' | 'destination'>,
  inspected: InspectedReference | undefined,
  line: number,
  where: { post: PostEntry; baseDir: string },
): ReferenceAction {
  if (!inspected) return { action: 'none' };
  const { post, baseDir } = where;
  const { verdict, parsed } = inspected;
  const described = describeReference(verdict, {
    image: reference.image,
    destination: reference.destination,
    short: (file) => displayPath(baseDir, file),
    assetName: post.assetName,
    assetShown: `${displayPath(baseDir, post.assetDir)}/`,
  });
  const finding = (): Finding => ({
    file: post.displayPath,
    line,
    severity: described?.severity ?? 'warning',
    problem: described?.problem ?? '',
    fix: described?.fix ?? '',
  });
  switch (verdict.kind) {
    case 'ignored':
      return { action: 'none' };
    case 'missing':
      return { action: 'report', finding: finding() };
    case 'refused':
      return { action: 'report', finding: finding(), resolved: verdict.file };
    case 'found':
      if (verdict.place !== 'asset-folder') {
        return {
          action: 'copy',
          source: verdict.real,
          resolved: verdict.file,
          suffix: parsed.suffix,
          finding: finding(),
        };
      }
      if (!described) return { action: 'none', resolved: verdict.file };
      return { action: 'rewrite', file: verdict.file, suffix: parsed.suffix, finding: finding() };
  }
}
