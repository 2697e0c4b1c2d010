/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (playwright's own
 * browser downloads cannot work here). The flags keep Chromium from calling home, which this network refuses.
 */
import { type Browser, chromium } from 'playwright-core';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
