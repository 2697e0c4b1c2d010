/**
 * Three tiers, chosen by where a test file lives (docs/testing.md):
 *   unit         test/unit/ and plugins/<name>/test/unit/: pure modules and filters called with a fake
 *                context. No Hexo process, no built site, no browser. `npm run test:unit`, in seconds.
 *   site         test/site/: the real site, built once per run by test/support/build-site.ts, read as
 *                files and in headless Chromium. `npm run test:site`.
 *   integration  every other test file: real `hexo` commands, servers, watchers and git repositories on
 *                temporary sites. `npm run test:integration`.
 * `npm test` runs all three (after lint and typecheck) and prints the slowest files.
 */
import { configDefaults, defineConfig } from 'vitest/config';

const UNIT = ['test/unit/**/*.test.ts', 'plugins/*/test/unit/**/*.test.ts'];
const SITE = ['test/site/**/*.test.ts'];
const ALL = ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'];

/** Compiles the plugin (incrementally), so that the `hexo` processes tests start load the code under test. */
const BUILD_PLUGIN = 'plugins/hexo-typora-image-sync/test/support/build_plugin.ts';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration tests run real `hexo generate` processes; two cores, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default', './test/support/slowest_files_reporter.ts'],
    projects: [
      // Pure modules: one worker runs many files (no fresh process per file).
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ALL,
          exclude: [...configDefaults.exclude, ...UNIT, ...SITE],
          globalSetup: [BUILD_PLUGIN],
        },
      },
      {
        extends: true,
        // The real site is built once into a temporary folder (inject('site')).
        test: { name: 'site', include: SITE, globalSetup: [BUILD_PLUGIN, 'test/support/build-site.ts'] },
      },
    ],
  },
});
