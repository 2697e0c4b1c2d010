/**
 * Finds every image and link destination in a markdown document, with the exact offsets of the
 * destination text, by walking the tokens of marked's lexer (the lexer hexo-renderer-marked renders
 * with). Code blocks and code spans are tokens of their own, so nothing inside them is ever reported.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { findHtmlReferences, isImageContext } from '../html/find_html_references';
import { scanDestinationAt, scanInlineDestination, scanLooseImageDestination } from './scan_destination';

export type ReferenceSyntax = 'inline' | 'definition' | 'html' | 'loose';

export interface MarkdownReference {
  /** How the destination is written: `![](…)`, `[ref]: …`, `<img src="…">`, or Typora's `![](a b.png)`. */
  syntax: ReferenceSyntax;
  /** The reference displays the file (an image, video, …) rather than linking to it. */
  image: boolean;
  /** The destination as the renderer will see it (backslash escapes and HTML entities removed). */
  destination: string;
  /** Offsets of the destination text in the document (inside `<…>` when bracketed). */
  start: number;
  end: number;
  /** 1-based line of the destination. */
  line: number;
}

const DEFINITION_LINE = /^ {0,3}\[(?:\\.|[^\\\]])+\]:[ \t]*/;

export function findReferences(markdown: string): MarkdownReference[] {
  const walker = new ReferenceWalker(markdown);
  walker.walk(new Lexer({ gfm: true }).lex(markdown));
  walker.scanGapForDefinitions(walker.cursor, walker.source.length);
  return walker.references.sort((a, b) => a.start - b.start);
}

/** marked works on text with `\r\n` folded to `\n`; this maps its offsets back to the original. */
class LineEndingMap {
  readonly normalized: string;
  private readonly removed: number[] = [];

  constructor(original: string) {
    if (!original.includes('\r')) {
      this.normalized = original;
      return;
    }
    let out = '';
    for (let i = 0; i < original.length; i++) {
      const ch = original[i];
      if (ch === '\r' && original[i + 1] === '\n') {
        this.removed.push(out.length);
        continue;
      }
      out += ch === '\r' ? '\n' : ch;
    }
    this.normalized = out;
  }

  toOriginal(offset: number): number {
    let shift = 0;
    for (const at of this.removed) {
      if (at < offset) shift++;
      else break;
    }
    return offset + shift;
  }
}

class ReferenceWalker {
  readonly source: string;
  readonly references: MarkdownReference[] = [];
  cursor = 0;
  private readonly map: LineEndingMap;
  private readonly lineStarts: number[] = [0];

  constructor(original: string) {
    this.map = new LineEndingMap(original);
    this.source = this.map.normalized;
    for (let i = 0; i < this.source.length; i++) if (this.source[i] === '\n') this.lineStarts.push(i + 1);
  }

  walk(tokens: readonly Token[], blockLevel = true): void {
    for (const token of tokens) this.visit(token, blockLevel);
  }

  private visit(token: Token, blockLevel: boolean): void {
    const raw = token.raw ?? '';
    const at = raw ? this.source.indexOf(raw, this.cursor) : -1;
    if (at >= 0 && blockLevel) this.scanGapForDefinitions(this.cursor, at);
    const found = at >= 0;
    if (found) this.cursor = at;

    switch (token.type) {
      case 'code':
      case 'codespan':
        break;
      case 'image':
      case 'link':
        if (found) this.addInline(token as Tokens.Image | Tokens.Link, at);
        if (token.type === 'link' && token.tokens) this.walk(token.tokens, false);
        break;
      case 'html':
        if (found) this.addHtml(raw, at);
        break;
      case 'text':
        if ('tokens' in token && token.tokens) this.walk(token.tokens, false);
        else if (found) this.addLooseImages(raw, at);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) this.visit(item, true);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const cell of table.header) this.walk(cell.tokens, false);
        for (const row of table.rows) for (const cell of row) this.walk(cell.tokens, false);
        break;
      }
      default:
        if ('tokens' in token && Array.isArray(token.tokens)) {
          const isBlockContainer = token.type === 'blockquote' || token.type === 'list_item';
          this.walk(token.tokens, isBlockContainer);
        }
    }
    if (found) this.cursor = Math.max(this.cursor, at + raw.length);
  }

  private addInline(token: Tokens.Image | Tokens.Link, at: number): void {
    const span = scanInlineDestination(token.raw, 0);
    if (!span) return; // reference style: the definition carries the destination
    this.add('inline', token.type === 'image', token.href, at + span.start, at + span.end);
  }

  private addHtml(raw: string, at: number): void {
    for (const ref of findHtmlReferences(raw)) {
      this.add('html', isImageContext(ref.tag), ref.value, at + ref.start, at + ref.end);
    }
  }

  /** Typora's `![alt](a b.png)`: not an image to CommonMark (raw space), but Typora shows it. */
  private addLooseImages(raw: string, at: number): void {
    let from = raw.indexOf('![');
    while (from >= 0) {
      if (raw[from - 1] !== '\\') {
        const span = scanLooseImageDestination(raw, from);
        if (span) this.add('loose', true, raw.slice(span.start, span.end), at + span.start, at + span.end);
      }
      from = raw.indexOf('![', from + 2);
    }
  }

  /** Link reference definitions are not tokens in marked: find them in the text between block tokens. */
  scanGapForDefinitions(from: number, to: number): void {
    if (to <= from) return;
    const gap = this.source.slice(from, to);
    let lineStart = 0;
    while (lineStart < gap.length) {
      const lineEnd = gap.indexOf('\n', lineStart);
      const line = gap.slice(lineStart, lineEnd < 0 ? gap.length : lineEnd);
      const prefix = /^(?:[ \t]*>)*[ \t]*/.exec(line)?.[0].length ?? 0;
      const match = DEFINITION_LINE.exec(line.slice(prefix).replace(/^ +/, ''));
      if (match) {
        const destAt = prefix + (line.slice(prefix).length - line.slice(prefix).replace(/^ +/, '').length);
        const span = scanDestinationAt(line, destAt + match[0].length);
        if (span) {
          const text = line.slice(span.start, span.end).replace(/\\([!-/:-@[-`{-~])/g, '$1');
          this.add('definition', false, text, from + lineStart + span.start, from + lineStart + span.end);
        }
      }
      if (lineEnd < 0) break;
      lineStart = lineEnd + 1;
    }
  }

  private add(
    syntax: ReferenceSyntax,
    image: boolean,
    destination: string,
    start: number,
    end: number,
  ): void {
    this.references.push({
      syntax,
      image,
      destination,
      start: this.map.toOriginal(start),
      end: this.map.toOriginal(end),
      line: this.lineOf(start),
    });
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
