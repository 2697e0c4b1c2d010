/**
 * Names for files copied into a post's asset folder: the file's own name unless a different file already
 * has it, then `name-<hash>.ext`, through the same `choosePublishedName` as the generate step, so that the
 * synced name is the URL name the site already used. Identical content is never copied twice. Pure: what
 * is in the folder comes from `AssetFolderFacts`.
 */
import { choosePublishedName, type NameState } from '../../publish/published_name';

/** What the asset folder holds, read on demand (and cached) by the caller. */
export interface AssetFolderFacts {
  /** What is at `relative` (with `/` separators) in the asset folder. */
  entryAt(relative: string): 'free' | 'file' | 'other';
  /** A name that differs only in letter case is taken (one file on macOS and Windows). */
  hasOtherCase(relative: string): boolean;
  /** Content hash of a file in the asset folder (`relative`) or anywhere (`absolute`). */
  hashOf(file: { relative: string } | { absolute: string }): string | undefined;
}

export interface PlannedName {
  /** Path in the asset folder, with `/` separators. */
  relative: string;
  /** A file with this content is already there, or an earlier reference copies it: nothing to copy. */
  present: boolean;
}

export class AssetNames {
  /** Names this plan gave out, with the real path of the file each will hold. */
  private readonly claimed = new Map<string, string>();

  constructor(private readonly folder: AssetFolderFacts) {}

  /** Where `source` goes when it would like to be `wanted` (a name, or a path for a followed folder). */
  nameFor(source: string, wanted: string): PlannedName {
    const sourceHash = () => this.folder.hashOf({ absolute: source }) ?? `unreadable:${source}`;
    const stateOf = (relative: string): NameState => {
      const holder = this.claimed.get(relative);
      if (holder !== undefined) {
        return holder === source || this.sameContent({ absolute: holder }, source)
          ? 'same-content'
          : 'other-content';
      }
      const entry = this.folder.entryAt(relative);
      // Free here, but on macOS and Windows `X.png` and `x.png` are one file: never take a name that only
      // differs in letter case from one already there.
      if (entry === 'free') return this.folder.hasOtherCase(relative) ? 'other-content' : 'free';
      if (entry === 'other') return 'other-content';
      return this.sameContent({ relative }, source) ? 'same-content' : 'other-content';
    };
    const relative = choosePublishedName(wanted, sourceHash, stateOf);
    const earlier = this.claimed.get(relative);
    this.claimed.set(relative, source);
    // Claimed earlier in this plan, or already there: either way the content is in place (or will be).
    const present = earlier !== undefined || this.folder.entryAt(relative) !== 'free';
    return { relative, present };
  }

  private sameContent(a: { relative: string } | { absolute: string }, source: string): boolean {
    const hash = this.folder.hashOf(a);
    return hash !== undefined && hash === this.folder.hashOf({ absolute: source });
  }
}
