/**
 * vitest globalSetup: compile the plugin once per test run, so the real `hexo` processes in integration
 * tests load the code under test, not a stale dist/. `tsc -b` is incremental: when nothing changed it only
 * compares the sources with its .tsbuildinfo. Two tiers name this setup; the second call does nothing.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const BUILT = Symbol.for('hexo-typora-image-sync/test/plugin-built');

export default function buildPlugin(): void {
  const state = globalThis as { [BUILT]?: boolean };
  if (state[BUILT]) return;
  const root = path.resolve(__dirname, '../../../..');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '-b',
      path.join(root, 'plugins/hexo-typora-image-sync/tsconfig.build.json'),
    ],
    { stdio: 'inherit' },
  );
  state[BUILT] = true;
}
