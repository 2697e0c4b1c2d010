/** Which files are markdown: the extensions hexo-renderer-marked renders (posts, pages, drafts). */
import path from 'node:path';

export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  '.md',
  '.markdown',
  '.mkd',
  '.mkdn',
  '.mdwn',
  '.mdown',
  '.mdtxt',
  '.mdtext',
]);

export function isMarkdownFile(name: string): boolean {
  return MARKDOWN_EXTENSIONS.has(path.extname(name).toLowerCase());
}
