/**
 * Locates the destination of an inline link or image inside its own source text,
 * following CommonMark's grammar for link text and link destinations.
 */

export interface DestinationSpan {
  /** Offset of the first character of the destination (inside `<…>` when bracketed). */
  start: number;
  /** Offset just past the destination. */
  end: number;
  /** The destination was written inside angle brackets. */
  bracketed: boolean;
}

const WHITESPACE = /[ \t\n]/;

/** Index of the `]` that closes the link text opened at `open` (a `[`), or -1. */
export function findClosingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * The destination span of `![alt](dest "title")` or `[text](dest)` written at `text[open]` (`!` or `[`).
 * Returns null for reference-style links (`![alt][ref]`), whose destination lives in a definition.
 */
export function scanInlineDestination(text: string, open: number): DestinationSpan | null {
  const bracket = text[open] === '!' ? open + 1 : open;
  const close = findClosingBracket(text, bracket);
  if (close < 0 || text[close + 1] !== '(') return null;
  let i = close + 2;
  while (i < text.length && WHITESPACE.test(text[i] as string)) i++;
  return scanDestinationAt(text, i);
}

/** Scans a link destination starting exactly at `start`. */
export function scanDestinationAt(text: string, start: number): DestinationSpan | null {
  if (text[start] === '<') {
    for (let i = start + 1; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\') i++;
      else if (ch === '\n' || ch === '<') return null;
      else if (ch === '>') return { start: start + 1, end: i, bracketed: true };
    }
    return null;
  }
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\') {
      i++;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if (WHITESPACE.test(ch) || ch.charCodeAt(0) < 0x20) {
      break;
    }
  }
  if (i === start) return null;
  return { start, end: i, bracketed: false };
}

/**
 * Typora shows `![alt](my image.png)` although CommonMark does not treat it as an image (a raw space
 * in the destination). Given such text at `open`, returns the destination span without an optional title.
 */
export function scanLooseImageDestination(text: string, open: number): DestinationSpan | null {
  const close = findClosingBracket(text, open + 1);
  if (close < 0 || text[close + 1] !== '(') return null;
  let depth = 0;
  let end = -1;
  for (let i = close + 2; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') return null;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    }
  }
  if (end < 0) return null;
  let start = close + 2;
  let stop = end;
  while (start < stop && text[start] === ' ') start++;
  while (stop > start && text[stop - 1] === ' ') stop--;
  const title = /\s+(?:"[^"]*"|'[^']*')$/.exec(text.slice(start, stop));
  if (title) stop -= title[0].length;
  if (stop <= start) return null;
  return { start, end: stop, bracketed: false };
}
