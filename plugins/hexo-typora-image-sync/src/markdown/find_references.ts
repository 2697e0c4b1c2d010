/**
 * Finds every image and link destination in a markdown document, with the exact offsets of the destination
 * text, from the tokens of the site's own marked: the lexer records where each token starts
 * (`tracking_lexer.ts`) and the text marked derived inside lists, quotes and tables is mapped back to the
 * author's (`align_derived_text.ts`). Nothing is searched for again in the text. Code, math and Hexo tag
 * blocks are tokens (or escaped regions) of their own, so nothing inside them is ever reported.
 */
import { findHtmlReferences, isImageContext } from '../html/find_html_references';
import {
  type AlignMode,
  type AlignOptions,
  alignDerivedText,
  mapOffset,
  type Segment,
} from './align_derived_text';
import { defaultSiteMarkdown } from './default_site_markdown';
import { type HexoEscapeSettings, maskHexoEscapes } from './hexo_escapes';
import { scanDestinationAt, scanInlineDestination, scanLooseImageDestination } from './scan_destination';
import type { SiteMarkdown } from './site_markdown';
import { type Frame, type LexResult, lexWithPositions, type MarkedToken } from './tracking_lexer';

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

/** A destination the renderer sees but whose place in the text could not be pinned down: never rewritten. */
export interface UnlocatedReference {
  image: boolean;
  destination: string;
  /** 1-based line where the token containing it starts (as close as the parse tells). */
  line: number;
}

export interface ReferenceScan {
  references: MarkdownReference[];
  unlocated: UnlocatedReference[];
}

export interface FinderOptions {
  /** The site's marked, settings and extensions (default: the marked the plugin resolves, GFM). */
  markdown?: SiteMarkdown;
  /** What Hexo escapes before the renderer runs (tag blocks, highlighted code fences). */
  hexo?: HexoEscapeSettings;
}

export function findReferences(markdown: string, options: FinderOptions = {}): MarkdownReference[] {
  return scanReferences(markdown, options).references;
}

export function scanReferences(markdown: string, options: FinderOptions = {}): ReferenceScan {
  const text = new LineEndings(markdown);
  const lexed = maskHexoEscapes(text.normalized, options.hexo ?? { nunjucks: false, highlight: false });
  const result = lexWithPositions(lexed, options.markdown ?? defaultSiteMarkdown());
  const scan = new ReferenceCollector(result, text);
  scan.walk(result.tokens);
  scan.collectDefinitions();
  return scan.checked();
}

/** marked folds `\r\n` and `\r` to `\n`; this maps its offsets back to the original text. */
class LineEndings {
  readonly normalized: string;
  private readonly removed: number[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(readonly original: string) {
    let normalized = original;
    if (original.includes('\r')) {
      normalized = '';
      for (let i = 0; i < original.length; i++) {
        const ch = original[i];
        if (ch === '\r' && original[i + 1] === '\n') {
          this.removed.push(normalized.length);
          continue;
        }
        normalized += ch === '\r' ? '\n' : ch;
      }
    }
    this.normalized = normalized;
    for (let i = 0; i < normalized.length; i++)
      if (normalized.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  toOriginal(offset: number): number {
    let lo = 0;
    let hi = this.removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.removed[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  }

  lineOf(offset: number): number {
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

/** A frame's text mapped onto an ancestor's (usually its parent's). */
interface FrameAlignment {
  target: Frame;
  segments: Segment[];
}

/** Token types whose children are never references: code, and math or other leaves of extensions. */
const OPAQUE = new Set(['code', 'codespan']);
const REFERENCE_LABEL = /^!?\[((?:\\.|[^\\\]])*)\](?:\[((?:\\.|[^\\\]])*)\])?$/;
const DEFINITION_START = /^ {0,3}\[(?:\\.|[^\\\]])+\]:[ \t]*\n?[ \t]*/;

class ReferenceCollector {
  readonly references: MarkdownReference[] = [];
  readonly unlocated: UnlocatedReference[] = [];
  /** Code the renderer shows as text: no reference may be placed inside it. */
  private readonly code: MarkedToken[] = [];
  /** Labels that images use (`![x][ref]`): their definitions are images. */
  private readonly imageLabels = new Set<string>();
  private readonly maps = new Map<Frame, FrameAlignment | null>();
  /** Where each frame's text ends in its parent's: the next sibling's alignment starts there. */
  private readonly ends = new Map<Frame, number>();

  constructor(
    private readonly lexed: LexResult,
    private readonly text: LineEndings,
  ) {}

  walk(tokens: readonly MarkedToken[]): void {
    for (const token of tokens) this.visit(token);
  }

  private visit(token: MarkedToken): void {
    if (OPAQUE.has(token.type)) {
      this.code.push(token);
      return;
    }
    switch (token.type) {
      case 'image':
        // Its children (newer marked keeps them) are alt text: an image there is never rendered.
        this.addInline(token);
        return;
      case 'link':
        this.addInline(token);
        break;
      case 'html':
        this.addHtml(token);
        return;
      case 'text':
        if (!Array.isArray(token.tokens)) this.addLooseImages(token);
        break;
    }
    for (const children of this.childrenOf(token)) this.walk(children);
  }

  private *childrenOf(token: MarkedToken): Generator<MarkedToken[]> {
    if (Array.isArray(token.tokens)) yield token.tokens as MarkedToken[];
    if (token.type === 'list') {
      for (const item of token.items as MarkedToken[]) yield [item];
    }
    if (token.type === 'table') {
      for (const cell of token.header as { tokens: MarkedToken[] }[]) yield cell.tokens;
      for (const row of token.rows as { tokens: MarkedToken[] }[][])
        for (const cell of row) yield cell.tokens;
    }
    for (const property of this.lexed.childTokens[token.type] ?? []) {
      const value = token[property];
      if (Array.isArray(value)) yield value as MarkedToken[];
    }
  }

  private addInline(token: MarkedToken): void {
    const image = token.type === 'image';
    const span = scanInlineDestination(token.raw, 0);
    if (!span) {
      // Reference style: the definition carries the destination.
      const label = REFERENCE_LABEL.exec(token.raw);
      const name = label?.[2] || label?.[1];
      if (image && name !== undefined) this.imageLabels.add(normalizeLabel(name));
      return;
    }
    this.add(token, 'inline', image, String(token.href ?? ''), span.start, span.end);
  }

  private addHtml(token: MarkedToken): void {
    for (const ref of findHtmlReferences(token.raw)) {
      this.add(token, 'html', isImageContext(ref.tag), ref.value, ref.start, ref.end);
    }
  }

  /** Typora's `![alt](a b.png)`: not an image to CommonMark (raw space), but Typora shows it. */
  private addLooseImages(token: MarkedToken): void {
    const raw = token.raw;
    let from = raw.indexOf('![');
    while (from >= 0) {
      if (raw[from - 1] !== '\\') {
        const span = scanLooseImageDestination(raw, from);
        if (span) this.add(token, 'loose', true, raw.slice(span.start, span.end), span.start, span.end);
      }
      from = raw.indexOf('![', from + 2);
    }
  }

  /**
   * The references, each checked once more against the parse: two references never share a place, and
   * none lies in code. A reference that fails is moved to `unlocated` (reported, never rewritten).
   */
  checked(): ReferenceScan {
    const codeSpans: [number, number][] = [];
    for (const token of this.code) {
      const origin = this.lexed.origins.get(token);
      if (!origin || token.raw === '') continue;
      const start = this.toDocument(origin.frame, origin.offset);
      const last = this.toDocument(origin.frame, origin.offset + token.raw.length - 1);
      if (start !== undefined && last !== undefined) {
        codeSpans.push([this.text.toOriginal(start), this.text.toOriginal(last + 1)]);
      }
    }
    const sorted = this.references.sort((a, b) => a.start - b.start);
    const references: MarkdownReference[] = [];
    const unlocated = [...this.unlocated];
    for (let i = 0; i < sorted.length; i++) {
      const reference = sorted[i] as MarkdownReference;
      const shared = sorted[i - 1]?.start === reference.start || sorted[i + 1]?.start === reference.start;
      const inCode = codeSpans.some(([start, end]) => reference.start >= start && reference.end <= end);
      if (shared || inCode)
        unlocated.push({ image: reference.image, destination: reference.destination, line: reference.line });
      else references.push(reference);
    }
    return { references, unlocated };
  }

  /** Definitions are not tokens in marked; the lexer recorded where each was read. */
  collectDefinitions(): void {
    const seen = new Set<string>();
    for (const definition of this.lexed.definitions) {
      // A definition right after a paragraph is its text; a second one for a label is never used.
      if (definition.merged || seen.has(definition.tag)) continue;
      seen.add(definition.tag);
      const lead = DEFINITION_START.exec(definition.raw);
      const span = lead ? scanDestinationAt(definition.raw, lead[0].length) : null;
      if (!span) continue;
      const image = this.imageLabels.has(definition.tag);
      this.addAt(
        definition.origin.frame,
        definition.origin.offset,
        'definition',
        image,
        definition.href,
        span.start,
        span.end,
      );
    }
  }

  private add(
    token: MarkedToken,
    syntax: ReferenceSyntax,
    image: boolean,
    destination: string,
    start: number,
    end: number,
  ): void {
    const origin = this.lexed.origins.get(token);
    if (!origin) {
      this.unlocated.push({ image, destination, line: 1 });
      return;
    }
    this.addAt(origin.frame, origin.offset, syntax, image, destination, start, end);
  }

  /** `start`/`end` are offsets in the raw text that begins at `offset` in `frame`. */
  private addAt(
    frame: Frame,
    offset: number,
    syntax: ReferenceSyntax,
    image: boolean,
    destination: string,
    start: number,
    end: number,
  ): void {
    const from = this.toDocument(frame, offset + start);
    const last = end > start ? this.toDocument(frame, offset + end - 1) : from;
    const expected = frame.src.slice(offset + start, offset + end);
    if (from === undefined || last === undefined) {
      const near = this.toDocument(frame, offset) ?? this.nearestDocumentOffset(frame);
      this.unlocated.push({ image, destination, line: this.text.lineOf(near) });
      return;
    }
    const docEnd = end > start ? last + 1 : from;
    if (!sameText(this.lexed.root.src.slice(from, docEnd), expected)) {
      this.unlocated.push({ image, destination, line: this.text.lineOf(from) });
      return;
    }
    this.references.push({
      syntax,
      image,
      destination,
      start: this.text.toOriginal(from),
      end: this.text.toOriginal(docEnd),
      line: this.text.lineOf(from),
    });
  }

  /** The offset in the document of `offset` in `frame`'s text, or undefined if marked added it. */
  private toDocument(frame: Frame, offset: number): number | undefined {
    let current: Frame = frame;
    let at: number | undefined = offset;
    while (current.parent) {
      const alignment = this.alignmentOf(current);
      if (!alignment) return undefined;
      at = mapOffset(alignment.segments, at);
      if (at === undefined) return undefined;
      current = alignment.target;
    }
    return at;
  }

  private nearestDocumentOffset(frame: Frame): number {
    let current: Frame = frame;
    while (current.parent) {
      const at = current.parent.parent ? this.toDocument(current.parent, current.at) : current.at;
      if (at !== undefined) return at;
      current = current.parent;
    }
    return 0;
  }

  /**
   * How `frame`'s text maps onto its parent's (or, when marked glued texts of two parents together, as a
   * quote does with a lazy continuation line, onto the nearest ancestor it fits), computed once.
   */
  private alignmentOf(frame: Frame): FrameAlignment | null {
    const cached = this.maps.get(frame);
    if (cached !== undefined) return cached;
    this.maps.set(frame, null);
    const parent = frame.parent as Frame;
    // Siblings derived from one position (list items, table cells, the parts of a quote) are aligned in
    // order, each from where the one before ended; a new reading of the position starts over.
    let from = frame.at;
    for (const sibling of parent.derived) {
      if (sibling === frame) break;
      if (sibling.at !== frame.at || sibling.reading !== frame.reading) continue;
      this.alignmentOf(sibling);
      if (sibling.quotePart === frame.quotePart) from = this.ends.get(sibling) ?? from;
    }
    const limit = frame.reading > 0 ? undefined : this.regionEnd(frame);
    let found = this.align(parent, [from], frame, this.modesFor(frame), limit === undefined ? {} : { limit });
    let anchor: Frame = parent;
    let anchorAt = frame.at;
    while (!found && anchor.parent) {
      const up = this.alignmentOf(anchor);
      const start = up ? mapOffset(up.segments, anchorAt) : undefined;
      if (!up || start === undefined) break;
      found = this.align(up.target, [start], frame, ['lines', 'chars', 'diff'], {});
      anchor = up.target;
      anchorAt = start;
    }
    // Last resort: the parent, accepting a few characters marked made up (it garbles some quotes).
    found ??= this.align(parent, [frame.at], frame, ['lenient-diff'], {});
    this.maps.set(frame, found?.alignment ?? null);
    this.ends.set(frame, found?.end ?? from);
    return found?.alignment ?? null;
  }

  private align(
    target: Frame,
    starts: readonly number[],
    frame: Frame,
    modes: readonly AlignMode[],
    options: AlignOptions,
  ): { alignment: FrameAlignment; end: number } | null {
    for (const start of starts) {
      for (const mode of modes) {
        const aligned = alignDerivedText(target.src, start, frame.src, mode, options);
        if (aligned) return { alignment: { target, segments: aligned.segments }, end: aligned.end };
      }
    }
    return null;
  }

  /** Where the token `frame` was derived from ends in its parent's text: the next token's start. */
  private regionEnd(frame: Frame): number | undefined {
    const parent = frame.parent as Frame;
    let end: number | undefined;
    for (const token of parent.tokens) {
      const origin = this.lexed.origins.get(token);
      if (
        origin?.frame === parent &&
        origin.offset > frame.at &&
        (end === undefined || origin.offset < end)
      ) {
        end = origin.offset;
      }
    }
    return end;
  }

  private modesFor(frame: Frame): AlignMode[] {
    const parent = frame.parent as Frame;
    if (!parent.parent && frame.src === parent.src) return ['verbatim'];
    const owner = this.ownerOf(frame);
    if (owner === 'blockquote' || owner === 'list') return ['lines', 'chars', 'diff'];
    if (frame.kind === 'block') return ['verbatim', 'lines', 'chars', 'diff'];
    return ['verbatim', 'chars', 'diff'];
  }

  /** The type of the token that was being lexed in the parent frame when `frame` was derived. */
  private ownerOf(frame: Frame): string | undefined {
    const parent = frame.parent as Frame;
    for (let i = parent.tokens.length - 1; i >= 0; i--) {
      const token = parent.tokens[i] as MarkedToken;
      const origin = this.lexed.origins.get(token);
      if (origin?.frame === parent && origin.offset === frame.at) return token.type;
      if (origin?.frame === parent && origin.offset < frame.at) break;
    }
    return undefined;
  }
}

/** A destination marked read from a table cell lost its `\|` escapes. */
function sameText(document: string, derived: string): boolean {
  return document === derived || document.replace(/\\\|/g, '|') === derived;
}

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/\s+/g, ' ');
}
