/**
 * Which files another process has open for writing, read from /proc on Linux. An editor that saves in place
 * keeps the post open from the truncating open to the close, pauses included; while it does, its file is
 * not a finished save, and a replaced version it still holds may yet be written. Elsewhere (macOS, Windows)
 * this cannot be asked cheaply, and the write protocol relies on time alone.
 *
 * A descriptor's link names the path its file has now: a post renamed into the trash shows its trash path.
 */
import fs from 'node:fs';

/** A scan of all processes is reused for at most this long (and only by questions it can answer). */
const SCAN_REUSE_MS = 1000;
const ACCESS_MODE = 0o3;

/** Every path open in another process, with where to read each descriptor's flags. */
let cached: { at: number; open: Map<string, string[]>; writing: Map<string, boolean> } | undefined;

export function canSeeOpenWriters(): boolean {
  return process.platform === 'linux' && fs.existsSync('/proc/self/fdinfo');
}

/**
 * The files among `files` another process has open for writing, or undefined if that cannot be known. The
 * answer comes from a look at all processes started at `notBefore` or later (ms since the epoch): a file
 * renamed or truncated since an older look may show differently now.
 */
export function openForWriting(files: readonly string[], notBefore: number): Set<string> | undefined {
  if (!canSeeOpenWriters()) return undefined;
  if (!cached || cached.at < notBefore || Date.now() - cached.at > SCAN_REUSE_MS) {
    cached = { at: Date.now(), open: scan(), writing: new Map() };
  }
  const { open, writing } = cached;
  return new Set(
    files.filter((file) => {
      // A descriptor's link shows the path with every symbolic link resolved.
      const real = realPath(file);
      const known = writing.get(real);
      if (known !== undefined) return known;
      const answer = (open.get(real) ?? []).some(isOpenForWriting);
      writing.set(real, answer);
      return answer;
    }),
  );
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

function scan(): Map<string, string[]> {
  const open = new Map<string, string[]>();
  const self = String(process.pid);
  for (const pid of listNames('/proc')) {
    if (pid === self || !/^\d+$/.test(pid)) continue;
    for (const fd of listNames(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('/')) continue;
      const infos = open.get(target);
      if (infos) infos.push(`/proc/${pid}/fdinfo/${fd}`);
      else open.set(target, [`/proc/${pid}/fdinfo/${fd}`]);
    }
  }
  return open;
}

function isOpenForWriting(fdinfo: string): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync(fdinfo, 'utf8'))?.[1];
    return flags !== undefined && (Number.parseInt(flags, 8) & ACCESS_MODE) !== 0;
  } catch {
    return false;
  }
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
