export const SCREENSHOT_POST: { slug: string; urlPath: string };
/** A throwaway copy of the blog (symlinks and a copy of source/); `config` is appended to _config.yml. */
export function makeSite(options?: { config?: string; prefix?: string }): string;
/** Writes the screenshot-heavy post showing `files`, in order. */
export function writeScreenshotPost(dir: string, files: string[]): void;
export function hexo(dir: string, args: string[]): Promise<{ ms: number; output: string }>;
