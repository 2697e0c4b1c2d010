/**
 * Real Hexo sites for integration tests: copy a fixture into a temporary folder (linked to the
 * repository's node_modules, so Hexo loads the built plugin), then run the real `hexo` CLI in it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.resolve(__dirname, '../fixtures');
const HEXO_BIN = path.join(REPO_ROOT, 'node_modules/hexo/bin/hexo');

export interface HexoRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr without colours. */
  output: string;
}

export interface Site {
  dir: string;
  file(relative: string): string;
  write(relative: string, content: string | Buffer): void;
  hexo(args: string[], env?: NodeJS.ProcessEnv): Promise<HexoRun>;
  remove(): void;
}

/**
 * Copies `fixtures/<name>` to a new temporary site. `replace` substitutes text in every .md and .yml file;
 * as a function it receives the new site's folder (for fixtures that mention absolute paths).
 */
export function copyFixture(
  name: string,
  replace: Record<string, string> | ((dir: string) => Record<string, string>) = {},
): Site {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `typora-${name}-`));
  const replacements = typeof replace === 'function' ? replace(dir) : replace;
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(md|yml)$/.test(file) || file.startsWith('node_modules')) continue;
    const full = path.join(dir, file);
    let text = fs.readFileSync(full, 'utf8');
    for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
    fs.writeFileSync(full, text);
  }
  return siteAt(dir);
}

export function siteAt(dir: string): Site {
  return {
    dir,
    file: (relative) => path.join(dir, relative),
    write(relative, content) {
      const full = path.join(dir, relative);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    },
    hexo: (args, env) => runHexo(dir, args, env),
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the hexo CLI at `bin` (by default the repository's) in `cwd`. */
export function runHexo(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  bin: string = HEXO_BIN,
): Promise<HexoRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
        const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
        resolve({ code, stdout, stderr, output: plain(`${stdout}\n${stderr}`) });
      },
    );
  });
}
