#!/usr/bin/env node
/**
 * Writes the package-lock.json of each site in test/fixtures/installed/ (needs the npm registry):
 *
 *   node plugins/hexo-typora-image-sync/test/package/update_site_locks.mjs [setup ...]
 *
 * Run it after changing the plugin's dependencies or peerDependencies, or a site's package.json; the
 * installed-package test says when. The plugin's entry in each lock keeps no integrity, so `npm ci` installs
 * whatever tarball the test packed instead of a cached older one with the recorded hash.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PLUGIN_DIR = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(PLUGIN_DIR, 'test/fixtures/installed');
const TARBALL_NAME = 'hexo-typora-image-sync.tgz';
const PLUGIN_ENTRY = 'node_modules/hexo-typora-image-sync';

const setups =
  process.argv.length > 2
    ? process.argv.slice(2)
    : fs.readdirSync(FIXTURES).filter((name) => fs.existsSync(path.join(FIXTURES, name, 'package.json')));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-site-locks-'));
try {
  // Only the manifest matters for a lock: pack without building.
  execFileSync('npm', ['pack', '--ignore-scripts', '--loglevel=warn', '--pack-destination', work], {
    cwd: PLUGIN_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = fs.readdirSync(work).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no tarball');

  for (const setup of setups) {
    const site = path.join(work, setup);
    fs.mkdirSync(site);
    fs.copyFileSync(path.join(FIXTURES, setup, 'package.json'), path.join(site, 'package.json'));
    fs.copyFileSync(path.join(work, tarball), path.join(site, TARBALL_NAME));
    execFileSync(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--prefer-online',
        // Tarball URLs in the lock: `npm ci` then fetches each package by URL and integrity, from the cache
        // when it is there, without first looking up the package's metadata in the registry.
        '--omit-lockfile-registry-resolved=false',
      ],
      { cwd: site, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const lock = JSON.parse(fs.readFileSync(path.join(site, 'package-lock.json'), 'utf8'));
    const entry = lock.packages?.[PLUGIN_ENTRY];
    if (!entry) throw new Error(`${setup}: the lock has no ${PLUGIN_ENTRY}`);
    delete entry.integrity;
    fs.writeFileSync(path.join(FIXTURES, setup, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`${setup}: ${Object.keys(lock.packages).length - 1} packages locked`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
