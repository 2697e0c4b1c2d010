/**
 * Maps offsets in a text marked derived from the author's text (a list item without its indentation, a
 * quote without its `>` markers, a paragraph's text, a table cell without `\|` escapes) back to offsets in
 * the text it came from. Pure.
 *
 * marked derives text in three ways, and each has its alignment:
 * - `verbatim`: a substring (paragraph, heading, link text, emphasis, table cell).
 * - `lines`: the same lines with container syntax removed from the start of each (`>`, indentation, list
 *   markers, a task box) and tabs expanded to spaces; aligned line by line from the end of each line.
 * - `chars`: anything else (a cell with `\|`, a paragraph marked glued a definition to): characters in
 *   order, skipping what marked left out and the whitespace it added.
 * - `diff`: for text marked rebuilt (a quote re-read after a lazy line): a shortest edit script (Myers)
 *   between the text and the stretch of the parent it came from; `lenient-diff`, the last resort, also
 *   accepts a few characters marked made up.
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

export type AlignMode = 'verbatim' | 'lines' | 'chars' | 'diff' | 'lenient-diff';

/** Unmapped text before a line's content may only be container syntax: quote and list markers, a task box. */
const CONTAINER_PREFIX = /^[ \t]*(?:(?:>|[*+-]|\d{1,9}[.)])[ \t]*)*(?:\[[ xX]\][ \t]*)?$/;

export interface AlignOptions {
  /** The parent text ends here for this alignment (the end of the token the child came from). */
  limit?: number;
}

export function alignDerivedText(
  whole: string,
  from: number,
  child: string,
  mode: AlignMode,
  options: AlignOptions = {},
): Alignment | null {
  if (child === '') return { segments: [], end: from };
  const parent = options.limit === undefined ? whole : whole.slice(0, options.limit);
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
    case 'diff':
      return alignDiff(parent, from, child, false);
    case 'lenient-diff':
      return alignDiff(parent, from, child, true);
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
    // Each derived line comes from the next parent line; marked may have dropped blank lines (and the
    // first line may start on the line after the derivation point), never a line with content.
    for (let k = next; k < parentLines.length; k++) {
      const parentLine = parentLines[k] as Line;
      // The first line may start inside the parent line (the derivation began mid-line).
      const lineFrom = k === 0 ? Math.max(from, parentLine.start) : parentLine.start;
      const fitted = fitLine(parent, lineFrom, parentLine.end, child, childLine.start, childLine.end);
      if (fitted) {
        segments.push(...fitted);
        next = k + 1;
        end = parentLine.end;
        matched = true;
        break;
      }
      const skippable = k === 0 || CONTAINER_PREFIX.test(parent.slice(lineFrom, parentLine.end));
      if (!skippable) break;
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
    } else if ((child[i] === '\n' || child[i] === ' ') && child[i + 1] === parent[j]) {
      // marked added it (a blank line after a definition glued to a paragraph).
      i++;
    } else if (/[\s>\\|]/.test(parent[j] as string)) {
      // marked left it out: whitespace, a quote marker, a cell's `|` or the backslash of its `\|`.
      j++;
    } else {
      return null;
    }
  }
  return { segments, end: j };
}

/** Edits beyond which two texts are not the same text rewritten. */
const MAX_EDITS = 512;

/**
 * `lenient`: marked may have added a few characters of any kind (its quote re-reading can garble a
 * line), up to a tenth of the text; otherwise only whitespace and container syntax.
 */
function alignDiff(parent: string, from: number, child: string, lenient: boolean): Alignment | null {
  const a = child;
  const b = parent.slice(from, Math.min(parent.length, from + child.length * 2 + 256));
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** `v` before each step, to walk the edit script back. */
  const trace: Int32Array[] = [];
  let end: { d: number; x: number; y: number } | undefined;
  for (let d = 0; d <= max && !end; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      // Down (skip a parent character) or right (skip a child character), then along equal characters.
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      if (y > m) continue;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      // The child must be used up; the parent may go on (only a stretch of it is the child's).
      if (x >= n) {
        end = { d, x, y };
        break;
      }
    }
  }
  if (!end) return null;
  const matches: [number, number][] = [];
  let { x, y } = end;
  for (let d = end.d; d > 0; d--) {
    const before = trace[d] as Int32Array;
    const k = x - y;
    const down =
      k === -d || (k !== d && (before[offset + k - 1] as number) < (before[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = before[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      matches.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    matches.push([x, y]);
  }
  matches.reverse();
  // What marked added may only be whitespace and container syntax; anything else means this stretch of
  // the parent is not where the child's text came from.
  if (lenient) {
    if (n - matches.length > Math.max(4, n / 10)) return null;
  } else {
    let matched = 0;
    for (let i = 0; i < n; i++) {
      if (matched < matches.length && (matches[matched] as [number, number])[0] === i) matched++;
      else if (!/[\s>*+\-.)\d]/.test(a[i] as string)) return null;
    }
  }
  const segments: Segment[] = [];
  for (const [i, j] of matches) {
    const last = segments[segments.length - 1];
    if (last && last.childEnd === i && last.parentStart + (i - last.childStart) === from + j)
      last.childEnd = i + 1;
    else segments.push({ childStart: i, childEnd: i + 1, parentStart: from + j });
  }
  const last = matches[matches.length - 1];
  return { segments, end: last ? from + last[1] + 1 : from };
}
