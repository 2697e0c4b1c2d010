import type { Browser } from 'playwright-core';

export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
/** A new headless Chromium with those flags. */
export function launchChromium(): Promise<Browser>;
