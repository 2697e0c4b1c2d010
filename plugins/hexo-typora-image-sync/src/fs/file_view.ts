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

/** What is at a path, for messages that tell the author what is wrong rather than "not found". */
export type EntryKind =
  | 'file'
  | 'directory'
  | 'fifo'
  | 'socket'
  | 'device'
  | 'broken-link'
  | 'link-loop'
  | 'missing'
  /** The folder it would be in exists but cannot be listed (no read permission). */
  | 'unlistable';

export class FileView {
  private readonly listings = new Map<string, Listing | null>();
  private readonly listErrors = new Map<string, string>();
  private readonly realDirs = new Map<string, string>();

  /** Forget everything (call when a new build starts). */
  clear(): void {
    this.listings.clear();
    this.listErrors.clear();
    this.realDirs.clear();
  }

  /**
   * The real path of an existing file (symbolic links resolved): its folder's real path, resolved once
   * per folder, and the name, unless the entry itself is a link. Throws as `fs.realpathSync` does.
   */
  realPath(file: string): string {
    const entry = this.list(path.dirname(file))?.entries.get(path.basename(file));
    if (!entry || entry.isSymbolicLink()) return fs.realpathSync.native(file);
    const dir = path.dirname(file);
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = fs.realpathSync.native(dir);
      this.realDirs.set(dir, real);
    }
    return path.join(real, path.basename(file));
  }

  /** Forget one folder's listing (after writing into it). */
  forget(dir: string): void {
    this.listings.delete(dir);
    this.listErrors.delete(dir);
    this.realDirs.delete(dir);
  }

  /** What is at `file` (following symbolic links), with the error code when it cannot be looked at. */
  kindOf(file: string): { kind: EntryKind; code?: string } {
    const dir = path.dirname(file);
    const listing = this.list(dir);
    if (!listing) {
      const code = this.listErrors.get(dir);
      return code === 'ENOENT' || code === 'ENOTDIR' || code === undefined
        ? { kind: 'missing' }
        : { kind: 'unlistable', code };
    }
    const entry = listing.entries.get(path.basename(file));
    if (!entry) return { kind: 'missing' };
    if (!entry.isSymbolicLink()) return { kind: kindOfEntry(entry) };
    try {
      return { kind: kindOfEntry(fs.statSync(file)) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'ELOOP') return { kind: 'link-loop', code };
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'broken-link', code };
      return { kind: 'unlistable', code };
    }
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
    } catch (error) {
      listing = null;
      this.listErrors.set(dir, (error as NodeJS.ErrnoException).code ?? 'error');
    }
    this.listings.set(dir, listing);
    return listing;
  }
}

function kindOfEntry(entry: fs.Dirent | fs.Stats): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  return 'device';
}
