/**
 * Differential test against the renderer (see compare_with_renderer.ts): every CommonMark and GFM spec
 * example, alone and in every Typora container, must find exactly the images marked renders, at the
 * offsets marked reads them from. With each marked a supported hexo-renderer-marked brings: 4.x
 * (renderer 6.x, Hexo 7), 15.x (renderer 7.x), and the newest (18.x), to see the finder keep up.
 */
import * as marked15 from 'marked';
import * as marked4 from 'marked-4';
import * as marked18 from 'marked-18';
import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../../src/markdown/find_references';
import { createSiteMarkdown } from '../../../../src/markdown/site_markdown';
import { compareWithRenderer } from './compare_with_renderer';
import { differentialCases } from './spec_cases';

interface MarkedLike {
  Lexer: unknown;
  Tokenizer: new () => Record<string, unknown>;
  getDefaults?: () => Record<string, unknown>;
  parse(markdown: string, options: Record<string, unknown>): unknown;
}

const VERSIONS: [string, MarkedLike][] = [
  ['4.3.0', marked4 as unknown as MarkedLike],
  ['15.0.12', marked15 as unknown as MarkedLike],
  ['18.2.1', marked18 as unknown as MarkedLike],
];

describe.each(VERSIONS)('findReferences agrees with marked %s', (version, marked) => {
  it('on every spec example in every container', () => {
    const markdown = createSiteMarkdown(marked, version);
    const renderer = { parse: (md: string) => marked.parse(md, { gfm: true, async: false }) as string };
    const cases = differentialCases();
    const failures: string[] = [];
    const tally = new Map<string, { agree: number; all: number }>();
    for (const c of cases) {
      const disagreement = compareWithRenderer(
        c.markdown,
        findReferences(c.markdown, { markdown }),
        renderer,
      );
      const row = tally.get(c.context) ?? { agree: 0, all: 0 };
      row.all++;
      if (!disagreement) row.agree++;
      tally.set(c.context, row);
      if (disagreement)
        failures.push(`${c.name}: ${JSON.stringify(disagreement)}\n${JSON.stringify(c.markdown)}`);
    }
    const table = [...tally].map(([context, row]) => `  ${context}: ${row.agree}/${row.all}`).join('\n');
    console.log(
      `differential, marked ${version}: ${cases.length - failures.length} of ${cases.length} cases agree\n${table}`,
    );
    expect(failures.slice(0, 10).join('\n\n')).toBe('');
    expect(failures.length).toBe(0);
  });
});
