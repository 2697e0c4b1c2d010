/**
 * Maps offsets in a text marked derived from the author's text (a list item without its indentation, a
 * quote without its `>` markers, a paragraph's text, a table cell without `\|` escapes) back to offsets in
 * the text it came from. Pure.
 *
 * marked derives text in three ways, and each has its alignment:
 * - `verbatim`: a substring (paragraph, heading, link text, emphasis, table cell).
 * - `lines`: the same lines with container syntax removed from the start of each (`>`, indentation, list
 *   markers, a task box) and tabs expanded to spaces; aligned line by line from the end of each line.
 * - `chars`: anything else (a cell with `\|`): characters in order, skipping the parent's deletions.
 */

export interface Segment {
  /** Child offsets [childStart, childEnd) map to parent offsets from parentStart on. */
  childStart: number;
  childEnd: number;
  parentStart: number;
  /** Every child offset of the segment maps to parentStart (spaces a tab was expanded to). */
  collapsed?: true;
}

export interface Alignment {
  segments: Segment[];
  /** Parent offset just past the last aligned character: where the next sibling's search starts. */
  end: number;
}

export type AlignMode = 'verbatim' | 'lines' | 'chars';

/** Unmapped text before a line's content may only be container syntax: quote and list markers, a task box. */
const CONTAINER_PREFIX = /^[ \t]*(?:(?:>|[*+-]|\d{1,9}[.)])[ \t]*)*(?:\[[ xX]\][ \t]*)?$/;
/** How far a `lines` alignment looks ahead for the line a derived line came from. */
const LINE_LOOKAHEAD = 64;

export function alignDerivedText(
  parent: string,
  from: number,
  child: string,
  mode: AlignMode,
): Alignment | null {
  if (child === '') return { segments: [], end: from };
  switch (mode) {
    case 'verbatim': {
      const at = parent.indexOf(child, from);
      return at < 0
        ? null
        : { segments: [{ childStart: 0, childEnd: child.length, parentStart: at }], end: at + child.length };
    }
    case 'lines':
      return alignLines(parent, from, child);
    case 'chars':
      return alignChars(parent, from, child);
  }
}

/** The parent offset of child offset `offset`, or undefined when the character was added by marked. */
export function mapOffset(segments: readonly Segment[], offset: number): number | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const segment = segments[mid] as Segment;
    if (offset < segment.childStart) hi = mid - 1;
    else if (offset >= segment.childEnd) lo = mid + 1;
    else return segment.collapsed ? segment.parentStart : segment.parentStart + (offset - segment.childStart);
  }
  return undefined;
}

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string, from = 0): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (;;) {
    const end = text.indexOf('\n', start);
    lines.push({ start, end: end < 0 ? text.length : end });
    if (end < 0) return lines;
    start = end + 1;
  }
}

function alignLines(parent: string, from: number, child: string): Alignment | null {
  const lineStart = parent.lastIndexOf('\n', from - 1) + 1;
  const parentLines = linesOf(parent, lineStart);
  const childLines = linesOf(child);
  const segments: Segment[] = [];
  let next = 0;
  let end = from;
  for (const childLine of childLines) {
    let matched = false;
    for (let k = next; k < Math.min(parentLines.length, next + LINE_LOOKAHEAD); k++) {
      const parentLine = parentLines[k] as Line;
      // The first line may start inside the parent line (the derivation began mid-line).
      const lineFrom = k === 0 ? Math.max(from, parentLine.start) : parentLine.start;
      const fitted = fitLine(parent, lineFrom, parentLine.end, child, childLine.start, childLine.end);
      if (!fitted) continue;
      segments.push(...fitted);
      next = k + 1;
      end = parentLine.end;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return { segments, end };
}

/**
 * Aligns one derived line with one parent line from their ends: the derived line is the parent line with
 * container syntax removed at the start and tabs expanded to spaces.
 */
function fitLine(
  parent: string,
  parentFrom: number,
  parentEnd: number,
  child: string,
  childStart: number,
  childEnd: number,
): Segment[] | null {
  const reversed: Segment[] = [];
  let i = childEnd - 1;
  let j = parentEnd - 1;
  while (i >= childStart && j >= parentFrom) {
    if (child[i] === parent[j]) {
      const last = reversed[reversed.length - 1];
      if (last && !last.collapsed && last.childStart === i + 1 && last.parentStart === j + 1) {
        last.childStart = i;
        last.parentStart = j;
      } else {
        reversed.push({ childStart: i, childEnd: i + 1, parentStart: j });
      }
      i--;
      j--;
    } else if (parent[j] === '\t' && child[i] === ' ') {
      let spaces = 0;
      while (spaces < 4 && i - spaces >= childStart && child[i - spaces] === ' ') spaces++;
      reversed.push({ childStart: i - spaces + 1, childEnd: i + 1, parentStart: j, collapsed: true });
      i -= spaces;
      j--;
    } else {
      break;
    }
  }
  // What is left of the child may only be spaces marked inserted; of the parent, only container syntax.
  for (let k = childStart; k <= i; k++) if (child[k] !== ' ') return null;
  if (!CONTAINER_PREFIX.test(parent.slice(parentFrom, j + 1))) return null;
  return reversed.reverse();
}

function alignChars(parent: string, from: number, child: string): Alignment | null {
  const segments: Segment[] = [];
  let j = from;
  const limit = Math.min(parent.length, from + child.length * 2 + 256);
  for (let i = 0; i < child.length; ) {
    if (j >= limit) return null;
    if (child[i] === parent[j]) {
      const last = segments[segments.length - 1];
      if (last && !last.collapsed && last.childEnd === i && last.parentStart + (i - last.childStart) === j) {
        last.childEnd = i + 1;
      } else {
        segments.push({ childStart: i, childEnd: i + 1, parentStart: j });
      }
      i++;
      j++;
    } else if (parent[j] === '\t' && child[i] === ' ') {
      let spaces = 0;
      while (spaces < 4 && child[i + spaces] === ' ') spaces++;
      segments.push({ childStart: i, childEnd: i + spaces, parentStart: j, collapsed: true });
      i += spaces;
      j++;
    } else {
      j++;
    }
  }
  return { segments, end: j };
}
