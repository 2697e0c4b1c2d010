/** Browser tests without Chromium: skipped with the install line on a developer's machine, an error in CI. */
import { describe, expect, it } from 'vitest';
import { missingChromium, skipBrowserTests } from '../support/browser';

const NOWHERE = '/nonexistent/chromium';

describe('a machine without Chromium', () => {
  it('says how to install it', () => {
    expect(missingChromium(NOWHERE)).toBe(
      `no Chromium at ${NOWHERE}: install it (Debian: \`apt-get install -y chromium\`) or point CHROME_PATH at ` +
        'Chrome or Chromium (macOS: CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")',
    );
  });

  it('skips the browser tests outside CI', () => {
    expect(skipBrowserTests({}, NOWHERE)).toBe(true);
  });

  it('fails in CI instead of skipping', () => {
    expect(() => skipBrowserTests({ CI: 'true' }, NOWHERE)).toThrow(
      /^browser tests cannot run in CI: no Chromium at \/nonexistent\/chromium: install it/,
    );
  });

  it('runs them where the binary is (here: node itself stands in for an executable)', () => {
    expect(missingChromium(process.execPath)).toBeUndefined();
    expect(skipBrowserTests({ CI: 'true' }, process.execPath)).toBe(false);
  });
});
