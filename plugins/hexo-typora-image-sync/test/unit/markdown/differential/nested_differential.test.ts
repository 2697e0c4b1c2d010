/**
 * Properties over random documents that nest lists and quotes (compare_with_renderer.ts is the oracle):
 * - never wrong: no image reported that marked does not render, no offset that is not the renderer's, and
 *   every image marked renders is either found exactly or reported as not located (never lost silently),
 *   in documents as Typora writes them and in documents edited by hand (lazy lines);
 * - as Typora writes them, nearly everything is found exactly: the rate is measured on a fixed sample.
 */
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { type ReferenceScan, scanReferences } from '../../../../src/markdown/find_references';
import { compareWithRenderer } from './compare_with_renderer';
import { handEditedDocument, typoraDocument } from './nested_documents';

const renderer = { parse: (md: string) => marked.parse(md, { gfm: true, async: false }) as string };
const runs = Number(process.env.FINDER_RUNS ?? 300);

function expectNeverWrong(doc: string, scan: ReferenceScan): void {
  const disagreement = compareWithRenderer(doc, scan.references, renderer);
  if (!disagreement) return;
  expect(disagreement.extra).toEqual([]);
  expect(disagreement.misplaced).toEqual([]);
  const reported = new Set(scan.unlocated.map((u) => encodeURI(u.destination).replace(/%25/g, '%')));
  for (const src of [...disagreement.missing, ...disagreement.untouched]) {
    expect(reported.has(src) || scan.unlocated.some((u) => u.destination === src), src).toBe(true);
  }
}

describe('findReferences in nested containers', () => {
  it('is never wrong and never silent, in Typora documents and hand-edited ones', () => {
    fc.assert(
      fc.property(fc.oneof(typoraDocument, handEditedDocument), (doc) =>
        expectNeverWrong(doc, scanReferences(doc)),
      ),
      { numRuns: runs },
    );
  });

  it('finds ≥ 99.5% of Typora documents exactly (fixed sample of 2,000)', () => {
    const docs = fc.sample(typoraDocument, { numRuns: 2000, seed: 20261201 });
    let exact = 0;
    for (const doc of docs) {
      const scan = scanReferences(doc);
      if (scan.unlocated.length === 0 && !compareWithRenderer(doc, scan.references, renderer)) exact++;
    }
    console.log(`nested Typora documents found exactly: ${exact} of ${docs.length}`);
    expect(exact / docs.length).toBeGreaterThanOrEqual(0.995);
  });
});
