/** The dry-run diff is a real unified diff: GNU patch applies it and gets exactly what sync writes. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type TextEdit, unifiedDiff } from '../../../src/sync/plan/unified_diff';
import { applyEdits } from '../../../src/text/apply_edits';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-diff-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function patched(before: string, diff: string): string {
  const file = path.join(work, 'source/_posts/p.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, before);
  execFileSync('patch', ['-p1', '--batch', '--quiet', '--no-backup-if-mismatch'], {
    cwd: work,
    input: diff,
    timeout: 10_000,
  });
  return fs.readFileSync(file, 'utf8');
}

const line = fc.constantFrom(
  'text',
  '![a](x.png)',
  '',
  '  indented',
  '```',
  'ünïcode 图',
  'a\r',
  'x'.repeat(30),
);
const document = fc
  .array(line, { minLength: 1, maxLength: 40 })
  .chain((lines) => fc.boolean().map((finalNewline) => lines.join('\n') + (finalNewline ? '\n' : '')))
  .filter((text) => text.length >= 12);

/** Non-overlapping edits of random spans, some with line breaks in the new text. */
function editsFor(text: string) {
  return fc
    .uniqueArray(fc.nat({ max: Math.max(0, text.length - 1) }), { minLength: 2, maxLength: 12 })
    .chain((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const spans: [number, number][] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        spans.push([sorted[i] as number, sorted[i + 1] as number]);
      return fc
        .tuple(...spans.map(() => fc.constantFrom('hello/x%20y.png', '', 'A', 'two\nlines')))
        .map((texts) => spans.map(([start, end], i): TextEdit => ({ start, end, text: texts[i] as string })));
    });
}

describe('unifiedDiff', () => {
  it('prints a hunk with three lines of context', () => {
    const before = 'a\nb\nc\nd\n![x](/Users/me/x.png)\ne\nf\ng\nh\n';
    const start = before.indexOf('/Users');
    const diff = unifiedDiff('source/_posts/p.md', before, [
      { start, end: start + '/Users/me/x.png'.length, text: 'p/x.png' },
    ]);
    expect(diff).toBe(
      '--- a/source/_posts/p.md\n+++ b/source/_posts/p.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-![x](/Users/me/x.png)\n+![x](p/x.png)\n e\n f\n g\n',
    );
  });

  it('is applied by patch to give exactly the edited text, for any edits', () => {
    fc.assert(
      fc.property(
        document.chain((text) => editsFor(text).map((edits) => ({ text, edits }))),
        ({ text, edits }) => {
          const real = edits.filter((e) => text.slice(e.start, e.end) !== e.text);
          if (real.length === 0) return;
          expect(patched(text, unifiedDiff('source/_posts/p.md', text, real))).toBe(applyEdits(text, real));
        },
      ),
      { numRuns: 150 },
    );
  });
});
