/** Warnings about images, each naming the file and line, as `source/_posts/hello.md:12: …`. */
import path from 'node:path';

export interface Diagnostic {
  /** Path of the markdown file (or of the published file) relative to the site folder, with `/` separators. */
  file: string;
  /** The line of the reference; none for a file that Hexo publishes whether or not a post refers to it. */
  line?: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return d.line === undefined ? `${d.file}: ${d.message}` : `${d.file}:${d.line}: ${d.message}`;
}

export function strictFailureMessage(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map((d) => `  ${formatDiagnostic(d)}`);
  return [
    `hexo-typora-image-sync: ${diagnostics.length} image problem(s) in strict mode (typora.strict or HEXO_TYPORA_STRICT=1):`,
    ...lines,
    'Fix them (`hexo typora check` lists them, `hexo typora sync` copies outside images into the post folders), or turn strict mode off.',
  ].join('\n');
}

/** A path as the author reads it in a message: relative to the site folder when inside it, with `/`. */
export function displayPath(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
