import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['plugins/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration tests run real `hexo generate` processes; two cores, so keep the pool small.
    maxWorkers: 2,
    // The plugin is compiled first; then the real site is built once into a temporary folder (inject('site')).
    globalSetup: [
      'plugins/hexo-typora-image-sync/test/support/build_plugin.ts',
      'test/support/build-site.ts',
    ],
  },
});
