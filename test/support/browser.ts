/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (playwright's own
 * browser downloads cannot work here). The flags keep Chromium from calling home, which this network refuses.
 */
import { accessSync, constants } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../../bench/lib/chromium.mjs';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium };

/** What to do when there is no Chromium to run: the one line the README also gives. */
export const INSTALL_CHROMIUM =
  'install it (Debian: `apt-get install -y chromium`) or point CHROME_PATH at Chrome or Chromium ' +
  '(macOS: CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")';

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingChromium(path = CHROMIUM): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${path}: ${INSTALL_CHROMIUM}`;
  }
}

/**
 * Whether to skip the browser tests: only on a developer's machine without Chromium. In CI (the CI variable
 * set, as GitHub Actions and .ci/run do) a missing browser is an error, so that skipped browser tests never
 * pass for a green run.
 */
export function skipBrowserTests(env: NodeJS.ProcessEnv = process.env, path = CHROMIUM): boolean {
  const missing = missingChromium(path);
  if (!missing) return false;
  if (env.CI) throw new Error(`browser tests cannot run in CI: ${missing}`);
  return true;
}
