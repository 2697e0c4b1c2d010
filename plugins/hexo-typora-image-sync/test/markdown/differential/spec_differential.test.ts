/**
 * Differential test against the renderer (see compare_with_renderer.ts): every CommonMark and GFM spec
 * example, alone and in every Typora container, must find exactly the images marked renders, at the
 * offsets marked reads them from.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/markdown/find_references';
import { compareWithRenderer } from './compare_with_renderer';
import { differentialCases } from './spec_cases';

const renderer = { parse: (md: string) => marked.parse(md, { gfm: true, async: false }) as string };

describe('findReferences agrees with marked', () => {
  it('on every spec example in every container', () => {
    const cases = differentialCases();
    const failures: string[] = [];
    const tally = new Map<string, { agree: number; all: number }>();
    for (const c of cases) {
      const disagreement = compareWithRenderer(c.markdown, findReferences(c.markdown), renderer);
      const row = tally.get(c.context) ?? { agree: 0, all: 0 };
      row.all++;
      if (!disagreement) row.agree++;
      tally.set(c.context, row);
      if (disagreement)
        failures.push(`${c.name}: ${JSON.stringify(disagreement)}\n${JSON.stringify(c.markdown)}`);
    }
    const table = [...tally].map(([context, row]) => `  ${context}: ${row.agree}/${row.all}`).join('\n');
    console.log(`differential: ${cases.length - failures.length} of ${cases.length} cases agree\n${table}`);
    expect(failures.slice(0, 20).join('\n\n')).toBe('');
    expect(failures.length).toBe(0);
  });
});
