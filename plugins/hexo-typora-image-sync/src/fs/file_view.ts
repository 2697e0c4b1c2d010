/**
 * A cached, read-only view of the file system for resolving many image paths per build: each folder is
 * listed once, which also answers "does this name exist with other letter case?" without extra calls.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Listing {
  entries: Map<string, fs.Dirent>;
  byLowerCase: Map<string, string[]>;
}

export class FileView {
  private readonly listings = new Map<string, Listing | null>();

  /** Forget everything (call when a new build starts). */
  clear(): void {
    this.listings.clear();
  }

  /** Forget one folder's listing (after writing into it). */
  forget(dir: string): void {
    this.listings.delete(dir);
  }

  /** The path names an existing regular file (following symbolic links). */
  isFile(file: string): boolean {
    const entry = this.list(path.dirname(file))?.entries.get(path.basename(file));
    if (!entry) return false;
    if (entry.isFile()) return true;
    if (!entry.isSymbolicLink()) return false;
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  /**
   * The real path of a file that exists only with different letter case (`Image.PNG` for `image.png`),
   * which works on macOS and Windows but not on Linux, where CI builds. Undefined if there is none or
   * if the match is ambiguous.
   */
  findOtherCase(file: string): string | undefined {
    const { root } = path.parse(file);
    const segments = file.slice(root.length).split(path.sep).filter(Boolean);
    let current = root;
    let changed = false;
    for (const segment of segments) {
      const listing = this.list(current);
      if (!listing) return undefined;
      if (listing.entries.has(segment)) {
        current = path.join(current, segment);
        continue;
      }
      const matches = listing.byLowerCase.get(segment.toLowerCase());
      if (matches?.length !== 1) return undefined;
      current = path.join(current, matches[0] as string);
      changed = true;
    }
    return changed && this.isFile(current) ? current : undefined;
  }

  private list(dir: string): Listing | null {
    const cached = this.listings.get(dir);
    if (cached !== undefined) return cached;
    let listing: Listing | null = null;
    try {
      const entries = new Map<string, fs.Dirent>();
      const byLowerCase = new Map<string, string[]>();
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        entries.set(entry.name, entry);
        const key = entry.name.toLowerCase();
        const names = byLowerCase.get(key);
        if (names) names.push(entry.name);
        else byLowerCase.set(key, [entry.name]);
      }
      listing = { entries, byLowerCase };
    } catch {
      listing = null;
    }
    this.listings.set(dir, listing);
    return listing;
  }
}
