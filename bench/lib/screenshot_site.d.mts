export const SCREENSHOT_POST: { slug: string; urlPath: string };
/** A throwaway copy of the blog (symlinks and a copy of source/); `set` changes keys of its _config.yml. */
export function makeSite(options?: { set?: Record<string, unknown>; prefix?: string }): string;
/** Writes the screenshot-heavy post showing `files`, in order. */
export function writeScreenshotPost(dir: string, files: string[]): void;
export function hexo(
  dir: string,
  args: string[],
): Promise<{ ms: number; cpuMs: number; mainMs: number; output: string }>;
