/**
 * A unified diff (`diff -u`, `git apply`, `patch -p1` read it) of a text and its edited version, built
 * from the edits themselves: exact, and linear in the size of the post. Pure.
 */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const CONTEXT = 3;

interface Line {
  start: number;
  end: number; // past the line break
}

export function unifiedDiff(displayPath: string, before: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return '';
  const lines = splitLines(before);
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  // Each edit touches a range of whole lines; edits on the same or adjacent lines form one change.
  const changes: { first: number; last: number; edits: TextEdit[] }[] = [];
  for (const edit of sorted) {
    const first = lineIndexAt(lines, edit.start);
    let last = Math.max(first, lineIndexAt(lines, Math.max(edit.start, edit.end - 1)));
    // An edit that removes a line break joins the next line to this one: that line changes too.
    if (edit.end > edit.start && before[edit.end - 1] === '\n' && last + 1 < lines.length) last++;
    const previous = changes[changes.length - 1];
    if (previous && first <= previous.last) {
      previous.last = Math.max(previous.last, last);
      previous.edits.push(edit);
    } else {
      changes.push({ first, last, edits: [edit] });
    }
  }
  let out = `--- a/${displayPath}\n+++ b/${displayPath}\n`;
  let delta = 0;
  let index = 0;
  while (index < changes.length) {
    // Changes closer than twice the context share a hunk.
    let end = index;
    while (
      end + 1 < changes.length &&
      (changes[end + 1]?.first as number) - (changes[end]?.last as number) <= 2 * CONTEXT
    )
      end++;
    const hunkFirst = Math.max(0, (changes[index]?.first as number) - CONTEXT);
    const hunkLast = Math.min(lines.length - 1, (changes[end]?.last as number) + CONTEXT);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let at = hunkFirst;
    for (let c = index; c <= end; c++) {
      const change = changes[c] as (typeof changes)[number];
      for (; at < change.first; at++) {
        body.push(...lineOut(' ', before, lines[at] as Line));
        oldCount++;
        newCount++;
      }
      const from = (lines[change.first] as Line).start;
      const to = (lines[change.last] as Line).end;
      const oldText = before.slice(from, to);
      const newText = applyRelative(oldText, change.edits, from);
      for (const line of splitLines(oldText)) body.push(...lineOut('-', oldText, line));
      const added = splitLines(newText);
      for (const line of added) body.push(...lineOut('+', newText, line));
      oldCount += change.last - change.first + 1;
      newCount += added.length;
      at = change.last + 1;
    }
    for (; at <= hunkLast; at++) {
      body.push(...lineOut(' ', before, lines[at] as Line));
      oldCount++;
      newCount++;
    }
    out += `@@ -${hunkFirst + 1},${oldCount} +${hunkFirst + 1 + delta},${newCount} @@\n${body.join('')}`;
    delta += newCount - oldCount;
    index = end + 1;
  }
  return out;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    lines.push({ start, end });
    start = end;
  }
  return lines;
}

function lineIndexAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as Line).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

function lineOut(mark: string, text: string, line: Line): string[] {
  const content = text.slice(line.start, line.end);
  if (content.endsWith('\n')) return [`${mark}${content}`];
  return [`${mark}${content}\n`, '\\ No newline at end of file\n'];
}

function applyRelative(text: string, edits: readonly TextEdit[], base: number): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start - base) + edit.text;
    at = edit.end - base;
  }
  return out + text.slice(at);
}
