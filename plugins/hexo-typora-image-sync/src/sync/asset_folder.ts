/**
 * Names for files copied into a post's asset folder: the file's own name unless a different file already
 * has it, then `name-<hash>.ext`, through the same `choosePublishedName` as the generate step, so that
 * the synced name is the URL name the site already used. Identical content is never copied twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashFile } from '../fs/hash_file';
import { choosePublishedName, type NameState } from '../publish/published_name';

export interface PlannedName {
  /** Path in the asset folder, with `/` separators. */
  relative: string;
  /** A file with this content is already there, or an earlier reference copies it: nothing to copy. */
  present: boolean;
}

/** Content hashes of files, by path, size and modification time, shared by one run. */
export class HashCache {
  private readonly hashes = new Map<string, { stamp: string; hash: string }>();

  hashOf(file: string): string | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    const cached = this.hashes.get(file);
    if (cached?.stamp === stamp) return cached.hash;
    const hash = hashFile(file);
    if (hash === undefined) return undefined;
    this.hashes.set(file, { stamp, hash });
    return hash;
  }
}

export class AssetFolder {
  /** Names this plan gave out, with the real path of the file each will hold. */
  private readonly claimed = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly hashes: HashCache,
  ) {}

  /** Where `source` goes when it would like to be `wanted` (a name, or a path for a followed folder). */
  nameFor(source: string, wanted: string): PlannedName {
    const sourceHash = () => this.hashes.hashOf(source) ?? `unreadable:${source}`;
    const stateOf = (relative: string): NameState => {
      const holder = this.claimed.get(relative);
      if (holder !== undefined)
        return holder === source || this.sameContent(holder, source) ? 'same-content' : 'other-content';
      const target = path.join(this.dir, relative);
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(target);
      } catch {
        // Free here, but on macOS and Windows `X.png` and `x.png` are one file: never take a name that only
        // differs in letter case from one already there.
        return this.hasOtherCase(target) ? 'other-content' : 'free';
      }
      if (!stat.isFile()) return 'other-content';
      return this.sameContent(target, source) ? 'same-content' : 'other-content';
    };
    const relative = choosePublishedName(wanted, sourceHash, stateOf);
    const earlier = this.claimed.get(relative);
    this.claimed.set(relative, source);
    // Claimed earlier in this plan, or already there: either way the content is in place (or will be).
    const present = earlier !== undefined || fs.existsSync(path.join(this.dir, relative));
    return { relative, present };
  }

  private sameContent(a: string, b: string): boolean {
    const hashA = this.hashes.hashOf(a);
    return hashA !== undefined && hashA === this.hashes.hashOf(b);
  }

  private hasOtherCase(target: string): boolean {
    const dir = path.dirname(target);
    const lower = path.basename(target).toLowerCase();
    try {
      return fs.readdirSync(dir).some((name) => name.toLowerCase() === lower);
    } catch {
      return false;
    }
  }
}
