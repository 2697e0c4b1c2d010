/** Replaces ranges of a text; every byte outside the edited ranges stays exactly as it was. */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits, in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
