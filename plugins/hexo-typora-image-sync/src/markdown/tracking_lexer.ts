/**
 * Lexes markdown with the site's own marked and records where every token starts, from the parse itself.
 *
 * marked keeps no positions, and the text it lexes inside a container is not the author's text: list items
 * and quotes lose their indentation and `>` markers, a table cell its `\|` escapes. So the lexer records,
 * for every token, the call of `blockTokens`/`inlineTokens` ("frame") that produced it and how far into
 * that call's text it starts (a probe extension runs first at every step of marked's loop and sees how
 * much text is left), and, for every frame, the frame and position it was derived from. Mapping a
 * frame's text back to the author's text is `align_derived_text.ts`'s job.
 */
import type { SiteMarkdown } from './site_markdown';

/** A token as marked gives it: only the fields this module reads are typed. */
export interface MarkedToken {
  type: string;
  raw: string;
  [key: string]: unknown;
}

export interface Frame {
  /** The text this call of `blockTokens`/`inlineTokens` lexed. */
  src: string;
  kind: 'block' | 'inline';
  /** The frame the text was derived from, and where in its text the token being lexed then started. */
  parent?: Frame;
  at: number;
  /** A part of a quote (marked lexes a quote in parts, and may read it again after a lazy line). */
  quotePart: boolean;
  /**
   * Which reading of its parent position this frame belongs to: marked 5+ reads a quote's last list or
   * quote again when a lazy line follows it, deriving new texts from the same place (0: the first).
   */
  reading: number;
  /** The tokens this call produced (for a block call, the array it pushed them to). */
  readonly tokens: readonly MarkedToken[];
  /** Frames derived from this one, in the order marked derived them. */
  readonly derived: Frame[];
}

export interface Origin {
  frame: Frame;
  /** Offset of the token's first character in `frame.src`. */
  offset: number;
}

export interface LinkDefinition {
  origin: Origin;
  raw: string;
  /** marked's normalized label (`tag`), as reference links look it up. */
  tag: string;
  href: string;
  /** A definition right after a paragraph is paragraph text, not a definition. */
  merged: boolean;
}

export interface LexResult {
  /** The document as given: the frame every other frame derives from. */
  root: Frame;
  tokens: MarkedToken[];
  origins: WeakMap<object, Origin>;
  definitions: LinkDefinition[];
  /** Properties that hold child tokens, per token type of the site's extensions (marked's `childTokens`). */
  childTokens: Readonly<Record<string, readonly string[]>>;
}

interface OpenFrame extends Frame {
  readonly tokens: MarkedToken[];
  /** No step has been seen yet: the first one shows the text marked really lexes (marked 4 expands tabs). */
  fresh: boolean;
  /** Characters of `src` not yet consumed when marked's loop last began a step. */
  remaining: number;
  /** Tokens of `tokens` that already have an origin. */
  assigned: number;
}

interface LexerInstance {
  tokens: MarkedToken[] & { links?: Record<string, unknown> };
  tokenizer: Record<string, (...args: never[]) => unknown>;
  lex(src: string): MarkedToken[];
}

type LexerClass = new (options: unknown) => LexerInstance;

/** Lexes `markdown` (line endings `\n`) as the site's renderer would, recording positions. */
export function lexWithPositions(markdown: string, site: SiteMarkdown): LexResult {
  const root: OpenFrame = {
    src: markdown,
    kind: 'block',
    at: 0,
    quotePart: false,
    reading: 0,
    tokens: [],
    derived: [],
    fresh: false,
    remaining: markdown.length,
    assigned: 0,
  };
  const origins = new WeakMap<object, Origin>();
  const definitions: LinkDefinition[] = [];
  const stack: OpenFrame[] = [];
  /** Derivations recorded when marked queues inline text, claimed when it lexes the queue. */
  const queued = new WeakMap<object, { parent: OpenFrame; at: number }>();

  const positionIn = (frame: OpenFrame): number => frame.src.length - frame.remaining;
  const assignPending = (frame: OpenFrame): void => {
    const offset = positionIn(frame);
    for (let i = frame.assigned; i < frame.tokens.length; i++) {
      const token = frame.tokens[i] as MarkedToken;
      if (!origins.has(token)) origins.set(token, { frame, offset });
    }
    frame.assigned = frame.tokens.length;
  };
  const open = (
    src: string,
    tokens: MarkedToken[],
    kind: Frame['kind'],
    from?: { parent: OpenFrame; at: number; reading?: number },
    quotePart = false,
  ): OpenFrame => {
    const parent = from?.parent;
    const at = from?.at ?? 0;
    const frame: OpenFrame = {
      src,
      kind,
      at,
      quotePart,
      reading: from?.reading ?? 0,
      tokens,
      derived: [],
      fresh: true,
      remaining: src.length,
      assigned: tokens.length,
      ...(parent ? { parent } : {}),
    };
    parent?.derived.push(frame);
    stack.push(frame);
    return frame;
  };
  const closeHooks: ((frame: OpenFrame) => void)[] = [];
  const close = (frame: OpenFrame): void => {
    // Tokens of the last step started where that step began.
    assignPending(frame);
    frame.remaining = 0;
    stack.pop();
    for (const hook of closeHooks) hook(frame);
  };
  /** Set while marked reads a quote's last block again: texts then come from where that block was. */
  let rereading: { top: OpenFrame; parent: OpenFrame; at: number; reading: number } | undefined;
  let readings = 0;
  const derivation = (): { parent: OpenFrame; at: number; reading?: number } => {
    const parent = stack[stack.length - 1];
    if (rereading && parent === rereading.top) return rereading;
    return parent ? { parent, at: positionIn(parent) } : { parent: root, at: 0 };
  };
  // Runs first at every step of marked's block and inline loops, with the text still to lex.
  const probe = (src: string, tokens: MarkedToken[]): undefined => {
    const frame = stack[stack.length - 1];
    if (frame && frame.tokens === tokens) {
      if (frame.fresh) {
        frame.fresh = false;
        frame.src = src;
      }
      assignPending(frame);
      frame.remaining = src.length;
    }
    return undefined;
  };

  const Base = site.marked.Lexer as unknown as LexerClass;
  class TrackingLexer extends Base {
    blockTokens(src: string, tokens: MarkedToken[] = [], ...rest: unknown[]): MarkedToken[] {
      // Only a quote passes `lastParagraphClipped` (marked 5+): its parts.
      const frame = open(src, tokens, 'block', derivation(), rest[0] === true);
      try {
        return (Base.prototype as unknown as TrackingMethods).blockTokens.call(this, src, tokens, ...rest);
      } finally {
        close(frame);
      }
    }

    inline(src: string, tokens: MarkedToken[] = []): MarkedToken[] {
      queued.set(tokens, derivation());
      return (Base.prototype as unknown as TrackingMethods).inline.call(this, src, tokens);
    }

    inlineTokens(src: string, tokens: MarkedToken[] = []): MarkedToken[] {
      const frame = open(src, tokens, 'inline', queued.get(tokens) ?? derivation());
      try {
        return (Base.prototype as unknown as TrackingMethods).inlineTokens.call(this, src, tokens);
      } finally {
        close(frame);
      }
    }
  }

  const options = site.lexerOptions(probe);
  const lexer = new TrackingLexer(options);
  const tokenizer = lexer.tokenizer;
  // marked 5+ re-reads a quote's last list or quote when a lazy line follows (`this.list(newText)` from
  // inside its blockquote tokenizer, with the stack unchanged): derive those texts from the part that
  // held the old token, where it was.
  const quotes: { top: OpenFrame | undefined; lastPart?: OpenFrame }[] = [];
  const onPartClosed = (frame: OpenFrame): void => {
    const quote = quotes[quotes.length - 1];
    if (quote && frame.parent === quote.top && frame.quotePart) quote.lastPart = frame;
  };
  closeHooks.push(onPartClosed);
  for (const name of ['blockquote', 'list'] as const) {
    const original = tokenizer[name] as (src: string) => MarkedToken | undefined;
    tokenizer[name] = function trackReread(this: unknown, src: string): MarkedToken | undefined {
      const top = stack[stack.length - 1];
      const quote = quotes[quotes.length - 1];
      const part = quote && quote.top === top ? quote.lastPart : undefined;
      const old = part?.tokens[part.tokens.length - 1];
      const origin = old ? origins.get(old) : undefined;
      const saved = rereading;
      if (top && part && origin?.frame === part) {
        rereading = { top, parent: part, at: origin.offset, reading: ++readings };
      }
      if (name === 'blockquote') quotes.push({ top });
      try {
        return original.call(this, src);
      } finally {
        if (name === 'blockquote') quotes.pop();
        rereading = saved;
      }
    };
  }
  const def = tokenizer.def as (src: string) => MarkedToken | undefined;
  tokenizer.def = function trackDefinition(this: unknown, src: string): MarkedToken | undefined {
    const token = def.call(this, src);
    const frame = stack[stack.length - 1];
    if (token && frame) {
      const last = frame.tokens[frame.tokens.length - 1];
      definitions.push({
        origin: { frame, offset: positionIn(frame) },
        raw: token.raw,
        tag: String(token.tag ?? ''),
        href: String(token.href ?? ''),
        merged: last?.type === 'paragraph' || last?.type === 'text',
      });
    }
    return token;
  };
  const tokens = lexer.lex(markdown);
  return { root, tokens, origins, definitions, childTokens: site.childTokens };
}

interface TrackingMethods {
  blockTokens(src: string, tokens: MarkedToken[], ...rest: unknown[]): MarkedToken[];
  inline(src: string, tokens: MarkedToken[]): MarkedToken[];
  inlineTokens(src: string, tokens: MarkedToken[]): MarkedToken[];
}
