/** No input crashes the reference finder, and what it reports is always the document's own bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/markdown/find_references';
import { parseDestination } from '../../../src/resolve/parse_destination';

const pieces = fc.constantFrom(
  '![a](x.png)',
  '![b](<a b.png> "t")',
  '![c](hello/图 1.png)',
  '[d]: ref.png',
  '![e][d]',
  '<img src="z.png" style="zoom:50%">',
  '```\n![f](code.png)\n```',
  '`![g](inline.png)`',
  '> ![h](q.png)',
  '- ![i](l.png)',
  '| ![j](t.png) |\n|---|',
  '%E5%9B',
  '\\![k](no.png)',
  '\r\n',
  '\n\n',
  '\u0000',
  '](',
  '<',
  '![',
  ' ',
);
const documents = fc.oneof(
  fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ maxLength: 300 }),
);

describe('findReferences on any input', () => {
  it('never throws, and every span is inside the document, ordered and non-overlapping', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const refs = findReferences(doc);
        let last = 0;
        for (const ref of refs) {
          expect(ref.start).toBeGreaterThanOrEqual(last);
          expect(ref.end).toBeGreaterThanOrEqual(ref.start);
          expect(ref.end).toBeLessThanOrEqual(doc.length);
          expect(ref.line).toBe(doc.slice(0, ref.start).split(/\r\n|\r|\n/).length);
          last = ref.end;
          expect(() => parseDestination(ref.destination)).not.toThrow();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never reports anything from inside a fenced code block', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
        const inside = parts.join('').replace(/`/g, '');
        const doc = `before\n\n\`\`\`\n${inside}\n\`\`\`\n`;
        const fenceStart = doc.indexOf('```');
        const fenceEnd = doc.lastIndexOf('```');
        for (const ref of findReferences(doc)) {
          expect(ref.start < fenceStart || ref.start > fenceEnd).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
