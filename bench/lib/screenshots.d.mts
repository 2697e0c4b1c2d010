export const MAX_SCREENSHOTS: number;
/** Renders `count` screenshots (device scale 2) of the built site in `publicDir` and of generated pages. */
export function renderScreenshots(options: {
  publicDir: string;
  outDir: string;
  count?: number;
}): Promise<string[]>;
