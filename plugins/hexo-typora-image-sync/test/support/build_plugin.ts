/**
 * vitest globalSetup: compile the plugin once per test run, so the real `hexo` processes in integration
 * tests load the code under test, not a stale dist/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildPlugin(): void {
  const root = path.resolve(__dirname, '../../../..');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      path.join(root, 'plugins/hexo-typora-image-sync/tsconfig.build.json'),
    ],
    { stdio: 'inherit' },
  );
}
