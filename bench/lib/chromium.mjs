/**
 * The headless Chromium every browser test, bench and audit here runs: Debian's /usr/bin/chromium (or
 * CHROME_PATH), driven by playwright-core or Lighthouse's chrome-launcher. playwright's own browser downloads
 * cannot work here. The flags keep Chromium from calling home, which this network refuses.
 */
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A new headless Chromium with those flags. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
