/**
 * Every text file that could name a file of a post folder: documents, pages, HTML, data files and styles
 * under `source/`, the site's and the themes' config and layouts. Searched as bytes, ASCII letters folded
 * to lower case, so that a file in another encoding still shows its ASCII names; read once per run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from '../plan/post_text';
import { walkFiles } from './find_posts';

const TEXT_EXTENSIONS = new Set(
  '.md .markdown .mdown .mkd .mkdn .html .htm .xhtml .xml .svg .yml .yaml .json .toml .txt .css .scss .sass .less .styl .js .mjs .cjs .ts .njk .ejs .pug .swig .hbs .liquid'.split(
    ' ',
  ),
);

export interface TextMention {
  /** The file that contains the needle. */
  file: string;
  needle: string;
}

interface Document {
  file: string;
  start: number;
  end: number;
  utf8: boolean;
}

export class SiteTexts {
  private loaded: { all: Buffer; documents: Document[] } | null = null;
  private failed: { file: string; code: string }[] = [];

  constructor(private readonly roots: { baseDir: string; sourceDir: string }) {}

  /** Read every text file again (after a sync rewrote some). */
  reread(): void {
    this.loaded = null;
    this.failed = [];
  }

  /** Text files that exist but could not be read: what they name is unknown. */
  unreadable(): string[] {
    this.load();
    return this.failed.map((f) => f.file);
  }

  /** Text files whose bytes are not UTF-8: a name with other letters than ASCII may be spelled otherwise. */
  notUtf8(): string[] {
    return this.load()
      .documents.filter((doc) => !doc.utf8)
      .map((doc) => doc.file);
  }

  /**
   * The first text file that contains one of `needles` (ASCII letters in any case), searching only `only`
   * when given, never `except`.
   */
  find(needles: readonly string[], scope: { only?: string; except?: string } = {}): TextMention | undefined {
    const { all, documents } = this.load();
    const wanted = scope.only === undefined ? documents : documents.filter((d) => d.file === scope.only);
    for (const needle of needles) {
      const bytes = lowerAscii(Buffer.from(needle, 'utf8'));
      if (bytes.length === 0) continue;
      for (const doc of wanted) {
        if (doc.file === scope.except) continue;
        if (all.subarray(doc.start, doc.end).indexOf(bytes) >= 0) return { file: doc.file, needle };
      }
    }
    return undefined;
  }

  private load(): { all: Buffer; documents: Document[] } {
    if (this.loaded) return this.loaded;
    const chunks: Buffer[] = [];
    const documents: Document[] = [];
    let offset = 0;
    for (const file of this.textFiles()) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        this.failed.push({ file, code: (error as NodeJS.ErrnoException).code ?? 'error' });
        continue;
      }
      documents.push({ file, start: offset, end: offset + bytes.length, utf8: isUtf8(bytes) });
      chunks.push(lowerAscii(bytes));
      offset += bytes.length;
    }
    this.loaded = { all: Buffer.concat(chunks), documents };
    return this.loaded;
  }

  private *textFiles(): Generator<string> {
    const { baseDir, sourceDir } = this.roots;
    const isText = (file: string) => TEXT_EXTENSIONS.has(path.extname(file).toLowerCase());
    for (const { file } of walkFiles(sourceDir)) if (isText(file)) yield file;
    for (const name of listNames(baseDir)) {
      if (/^_config.*\.ya?ml$/.test(name)) yield path.join(baseDir, name);
    }
    for (const { file } of walkFiles(path.join(baseDir, 'themes'))) if (isText(file)) yield file;
  }
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** A copy with the bytes A–Z turned into a–z (the only case folding that holds in any ASCII-based encoding). */
function lowerAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const b = out[i] as number;
    if (b >= 0x41 && b <= 0x5a) out[i] = b + 0x20;
  }
  return out;
}
