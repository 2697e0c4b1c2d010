/**
 * Sync never deletes an author's file; what it takes away goes to the trash in the state folder:
 *
 *   versions/<path of the post>/<time>.md   every version of a post that sync replaced (the inode itself,
 *                                          so a late write by an editor lands there too)
 *   pruned/<time>/<path of the file>       files `--prune` moved, at their paths: undo is one `mv`
 *   in-flight/<pid>-<id>/<n>.<path>       a post held aside during its rewrite (microseconds), its path
 *                                          in base64url; a run that finds one of a dead process puts it back
 *
 * All paths are relative to the site folder. A version is kept by renaming, never by copying, so the trash
 * must be on the posts' file system: when the state folder is not (a `source/` linked to another disk), that
 * disk's trash is `source/.typora-sync/trash/` (Hexo and sync skip dot folders).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isRunning } from './running_process';
import { ensureStateFolder, SITE_STATE_FOLDER } from './state_folder';

export interface Moved {
  from: string;
  to: string;
}

export interface Recovered {
  /** The post, and what happened to the copy an interrupted run held. */
  file: string;
  outcome: 'put-back' | 'kept-as-version';
  held: string;
}

/** What a recovery did, in words: `source/_posts/hello.md was held aside by a sync that was killed; …`. */
export function describeRecovered(item: Recovered, shown: (file: string) => string): string {
  return `${shown(item.file)} was held aside by a sync that was killed; ${item.outcome === 'put-back' ? 'it is back in its place' : 'a newer file was there, so it was kept in the trash'}`;
}

const README = `This folder is the trash of hexo-typora-image-sync (\`hexo typora sync\` and the watchers).
Nothing in it is ever deleted by the plugin: delete what you no longer want yourself.

versions/<post path>/<time>.md   every version of a post that sync replaced with its rewrite
                                 (the time is when sync replaced it, in UTC). To get one back:
                                 cp "versions/source/_posts/hello.md/2026-01-02T03-04-05.123Z.md" ../../source/_posts/hello.md
pruned/<time>/<file path>        files \`hexo typora sync --prune\` moved; to undo, move them back.
in-flight/                       a post held aside for microseconds while it is replaced; the next
                                 sync or watch puts back any that a killed run left here.
lock                             present while a sync or a watcher runs on the site.
`;

let held = 0;
/** File names longer than this are avoided (most file systems allow 255 bytes). */
const MAX_NAME_BYTES = 240;

export class TrashUnavailableError extends Error {}

export class Trash {
  private readonly roots = new Map<bigint, string>();
  /** This run's in-flight folder in each trash. */
  private readonly slots = new Map<string, string>();

  constructor(
    readonly stateDir: string,
    private readonly site: { baseDir: string; sourceDir: string },
  ) {}

  /** The trash of the state folder (where the posts are, almost always). */
  get root(): string {
    return path.join(this.stateDir, 'trash');
  }

  /** Every trash folder there is: the state folder's, and the one inside a linked `source/`. */
  private allRoots(): string[] {
    return [this.root, path.join(realPath(this.site.sourceDir), SOURCE_TRASH)];
  }

  /**
   * A new name to hold `file` under while it is replaced: in-flight/<pid>-<id>/<n>.<its site path in
   * base64url>, on the same file system (the caller renames the post there). One folder per run, made once.
   */
  holdSlot(file: string): string {
    const root = this.rootFor(file);
    let slot = this.slots.get(root);
    if (!slot) {
      slot = path.join(root, 'in-flight', `${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      fs.mkdirSync(slot, { recursive: true });
      this.slots.set(root, slot);
    }
    const key = this.keyOf(file);
    const name = `${++held}.${Buffer.from(key).toString('base64url')}`;
    if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return path.join(slot, name);
    // A path too long for one file name: its folders, under a folder of its own.
    const nested = path.join(slot, String(held), key);
    fs.mkdirSync(path.dirname(nested), { recursive: true });
    return nested;
  }

  /** Removes this run's in-flight folders (empty once every rewrite is done). */
  close(): void {
    for (const slot of this.slots.values()) removeEmptyFolders(slot);
    this.slots.clear();
  }

  /** Keeps a held file as a version of `post`; returns where it is now. */
  keepVersion(held: string, post: string, when = new Date()): string {
    const dir = path.join(this.rootFor(held), 'versions', this.keyOf(post));
    fs.mkdirSync(dir, { recursive: true });
    const ext = path.extname(post);
    let to = path.join(dir, `${stamp(when)}${ext}`);
    for (let n = 2; fs.existsSync(to); n++) to = path.join(dir, `${stamp(when)}-${n}${ext}`);
    fs.renameSync(held, to);
    this.removeNested(held);
    return to;
  }

  /** Removes the name a file was held under, once the file is back in its place (it has two names then). */
  dropHeld(held: string): void {
    fs.rmSync(held, { force: true });
    this.removeNested(held);
  }

  /** `--prune`: moves each file to pruned/<time>/<its path>. */
  async movePruned(files: readonly string[], now: Date): Promise<Moved[]> {
    const moved: Moved[] = [];
    for (const file of files) {
      const at = path.join(this.rootFor(file), 'pruned', stamp(now), this.keyOf(file));
      let to = at;
      for (let n = 2; fs.existsSync(to); n++) to = `${at}.${n}`;
      await fs.promises.mkdir(path.dirname(to), { recursive: true });
      await fs.promises.rename(file, to);
      moved.push({ from: file, to });
    }
    return moved;
  }

  /**
   * Puts back every post an interrupted run (a process that no longer runs) held aside: into its place if
   * that is empty, else among the versions. Returns what it did.
   */
  recoverInterrupted(): Recovered[] {
    const recovered: Recovered[] = [];
    for (const root of this.allRoots()) recovered.push(...this.recoverIn(path.join(root, 'in-flight')));
    return recovered;
  }

  private recoverIn(inFlight: string): Recovered[] {
    const recovered: Recovered[] = [];
    for (const slot of listNames(inFlight)) {
      if (isRunning(Number(slot.split('-')[0]))) continue;
      for (const { held, file } of this.heldIn(path.join(inFlight, slot))) {
        let outcome: Recovered['outcome'] = 'kept-as-version';
        try {
          fs.linkSync(held, file);
          fs.rmSync(held, { force: true });
          outcome = 'put-back';
        } catch {
          this.keepVersion(held, file);
        }
        recovered.push({ file, outcome, held });
      }
      removeEmptyFolders(path.join(inFlight, slot));
    }
    return recovered;
  }

  /** The files held in one run's in-flight folder, with the post each belongs to. */
  private heldIn(slot: string): { held: string; file: string }[] {
    return filesUnder(slot).map((held) => {
      const [first, ...rest] = path.relative(slot, held).split(path.sep);
      const dot = (first as string).indexOf('.');
      const key =
        rest.length > 0
          ? rest.join(path.sep)
          : Buffer.from((first as string).slice(dot + 1), 'base64url').toString();
      return { held, file: this.pathOf(key) };
    });
  }

  /** Posts an interrupted run held aside, for `check` to name (it writes nothing). */
  interrupted(): string[] {
    return this.allRoots().flatMap((root) => {
      const inFlight = path.join(root, 'in-flight');
      return listNames(inFlight)
        .filter((slot) => !isRunning(Number(slot.split('-')[0])))
        .flatMap((slot) => this.heldIn(path.join(inFlight, slot)).map(({ file }) => file));
    });
  }

  /** The trash on `file`'s file system (created, with its README, on first use). */
  private rootFor(file: string): string {
    const dev = deviceOf(path.dirname(file));
    const known = this.roots.get(dev);
    if (known) return known;
    ensureStateFolder(this.stateDir, true);
    let root = this.root;
    if (deviceOf(this.stateDir) !== dev) {
      root = path.join(realPath(this.site.sourceDir), SOURCE_TRASH);
      fs.mkdirSync(root, { recursive: true });
      if (deviceOf(root) !== dev) {
        throw new TrashUnavailableError(
          `${file} is on another disk than the trash (${this.root}): sync keeps every version it replaces by moving it there, which only works on one disk`,
        );
      }
    }
    writeReadme(root);
    this.roots.set(dev, root);
    return root;
  }

  /** Site-relative path of a file; files outside the site keep their absolute path under `outside-site/`. */
  private keyOf(file: string): string {
    const relative = path.relative(this.site.baseDir, file);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
    return path.join('outside-site', path.resolve(file).replace(/^[/\\]+|^[A-Za-z]:[/\\]*/, ''));
  }

  private pathOf(key: string): string {
    const [first, ...rest] = key.split(path.sep);
    return first === 'outside-site' ? path.join(path.sep, ...rest) : path.join(this.site.baseDir, key);
  }

  /** After a long path's held file is gone: its folders. */
  private removeNested(held: string): void {
    for (const slot of this.slots.values()) {
      if (!held.startsWith(slot + path.sep)) continue;
      const [first, ...rest] = path.relative(slot, held).split(path.sep);
      if (rest.length > 0) removeEmptyFolders(path.join(slot, first as string));
    }
  }
}

const SOURCE_TRASH = path.join(SITE_STATE_FOLDER, 'trash');

function writeReadme(root: string): void {
  const readme = path.join(root, 'README.txt');
  if (fs.existsSync(readme)) return;
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(readme, README);
}

function deviceOf(file: string): bigint {
  return fs.statSync(file, { bigint: true }).dev;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

/** `2026-01-02T03-04-05.123Z`: sorts by time, and is a valid file name everywhere. */
function stamp(when: Date): string {
  return when.toISOString().replace(/:/g, '-');
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(full));
    else files.push(full);
  }
  return files;
}

/** Removes `dir` and the folders in it, bottom up, as far as they are empty. */
function removeEmptyFolders(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) removeEmptyFolders(path.join(dir, entry.name));
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty: something is still held there.
  }
}
