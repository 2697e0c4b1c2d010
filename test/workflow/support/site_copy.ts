/**
 * A private copy of this site for tests of the author's commands (`hexo new`, `npm run dev`, `hexo deploy`),
 * which write into the site folder: source/, public/, db.json, .deploy_git/. What they write goes to a
 * temporary folder; what they only read (node_modules, the theme, scripts/) is linked to the repository.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const HEXO_BIN = path.join(REPO_ROOT, 'node_modules/hexo/bin/hexo');

/** Copied, because the commands under test change them. */
const COPIED = ['package.json', 'scaffolds', 'source'];
/** Linked: only read. */
const LINKED = ['node_modules', 'themes', 'scripts'];

export interface Run {
  code: number;
  /** stdout and stderr together, without colours. */
  output: string;
}

export interface SiteCopy {
  dir: string;
  file(relative: string): string;
  read(relative: string): string;
  write(relative: string, content: string | Buffer): void;
  /** Runs the real hexo CLI in the copy. */
  hexo(args: string[], env?: NodeJS.ProcessEnv): Promise<Run>;
  /** Runs a command line through the shell, with node_modules/.bin on PATH, as npm runs a script. */
  shell(command: string, env?: NodeJS.ProcessEnv): Promise<Run>;
  remove(): void;
}

export function copySite(prefix = 'author-loop'): SiteCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  for (const name of fs.readdirSync(REPO_ROOT)) {
    if (/^_config(\..+)?\.yml$/.test(name)) fs.copyFileSync(path.join(REPO_ROOT, name), path.join(dir, name));
  }
  for (const name of COPIED) fs.cpSync(path.join(REPO_ROOT, name), path.join(dir, name), { recursive: true });
  for (const name of LINKED) {
    if (fs.existsSync(path.join(REPO_ROOT, name)))
      fs.symlinkSync(path.join(REPO_ROOT, name), path.join(dir, name));
  }
  const site: SiteCopy = {
    dir,
    file: (relative) => path.join(dir, relative),
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    write(relative, content) {
      const full = path.join(dir, relative);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    },
    hexo: (args, env) => run(process.execPath, [HEXO_BIN, ...args], dir, env),
    shell: (command, env) => run('sh', ['-c', command], dir, env),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  return site;
}

/** The environment every command here runs with: no colours, the repository's binaries on PATH. */
export function testEnv(cwd: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const bin = path.join(cwd, 'node_modules/.bin');
  return {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: testEnv(cwd, env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: plain(`${stdout}\n${stderr}`) });
      },
    );
  });
}

/** Starts a long-running command (a server) in its own process group, so that it can be stopped whole. */
export function startInGroup(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { cwd, env: testEnv(cwd, env), detached: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += plain(String(chunk));
  });
  child.stderr?.on('data', (chunk) => {
    output += plain(String(chunk));
  });
  return {
    child,
    output: () => output,
    /**
     * Resolves with the first match of `pattern` in the output after its first `since` characters (from
     * `output().length` taken before the action that should print it), or rejects with the output so far.
     */
    waitFor(pattern: RegExp, timeoutMs: number, since = 0): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const match = pattern.exec(output.slice(since));
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`no ${pattern} in the output (exit code ${child.exitCode}):\n${output}`));
          }
        }, 50);
      });
    },
    /** Sends `signal` to the whole group (npm, sh, node) and waits for the leader to exit. */
    stop: (signal: NodeJS.Signals = 'SIGINT', timeoutMs = 10_000) => stopGroup(child, signal, timeoutMs),
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The group did not stop on `signal` within the time allowed and was killed. */
  forced: boolean;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode, forced: false });
  }
  const pid = child.pid;
  let forced = false;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      forced = true;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('exit', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, forced });
    });
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  });
}

/** Every file under `dir` (not following `skip`), relative with `/` separators, sorted. */
export function listFiles(dir: string, skip: readonly string[] = []): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !skip.some((prefix) => file === prefix || file.startsWith(`${prefix}/`)))
    .sort();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
