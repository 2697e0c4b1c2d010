/**
 * Property: in random documents nesting lists and quotes the way Typora writes them, the finder reports
 * exactly the images marked renders, at the offsets marked reads (compare_with_renderer.ts), and never
 * leaves one unlocated.
 */
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { scanReferences } from '../../../src/markdown/find_references';
import { compareWithRenderer } from './compare_with_renderer';
import { nestedDocument } from './nested_documents';

const renderer = { parse: (md: string) => marked.parse(md, { gfm: true, async: false }) as string };

describe('findReferences in nested containers', () => {
  it('agrees with marked on random Typora documents', () => {
    fc.assert(
      fc.property(nestedDocument, (doc) => {
        const scan = scanReferences(doc);
        expect(scan.unlocated).toEqual([]);
        expect(compareWithRenderer(doc, scan.references, renderer)).toBeNull();
      }),
      { numRuns: Number(process.env.FINDER_RUNS ?? 400) },
    );
  });
});
