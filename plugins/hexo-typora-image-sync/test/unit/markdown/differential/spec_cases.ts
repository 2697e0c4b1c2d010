/**
 * Markdown documents for the differential tests: every example of the CommonMark spec (the
 * `commonmark-spec` package) and of the GFM extensions (marked's copy of the GFM 0.29 spec), each alone and
 * wrapped the way Typora writes containers: list items with whitespace-only blank lines, nested and ordered
 * lists with text around, quotes with `>` on every line, lists inside quotes and quotes inside lists.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface SpecExample {
  source: 'commonmark' | 'gfm';
  number: number;
  section: string;
  markdown: string;
}

export interface DifferentialCase {
  name: string;
  /** The container it is wrapped in (a key of WRAPPERS). */
  context: string;
  markdown: string;
}

const require = createRequire(__filename);

export function specExamples(): SpecExample[] {
  const commonmark = (
    require('commonmark-spec') as { tests: { markdown: string; section: string; number: number }[] }
  ).tests.map((t) => ({
    source: 'commonmark' as const,
    number: t.number,
    section: t.section,
    // The spec shows tabs as →.
    markdown: t.markdown.replace(/→/g, '\t'),
  }));
  const gfmFile = path.join(__dirname, '../../../fixtures/specs/gfm.0.29.json');
  const gfm = (
    JSON.parse(fs.readFileSync(gfmFile, 'utf8')) as { markdown: string; section: string; example: number }[]
  ).map((t) => ({ source: 'gfm' as const, number: t.example, section: t.section, markdown: t.markdown }));
  return [...commonmark, ...gfm];
}

export type Wrapper = (markdown: string) => string;

const lines = (markdown: string): string[] => markdown.replace(/\n$/, '').split('\n');

/** Each line after the first gets `rest`; Typora writes blank lines inside containers as the bare prefix. */
function prefixed(markdown: string, first: string, rest: string): string {
  return `${lines(markdown)
    .map((line, i) => (i === 0 ? first : line === '' ? rest.trimEnd() || rest : rest) + line)
    .join('\n')}\n`;
}

/** Typora's whitespace-only blank lines inside a list item. */
function listLines(markdown: string, first: string, rest: string): string {
  return `${lines(markdown)
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n')}\n`;
}

export const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  alone: (md) => md,
  'list item': (md) => listLines(md, '- ', '  '),
  'nested list': (md) => `- item\n  \n${listLines(md, '  + ', '    ')}`,
  'ordered list with text around': (md) =>
    `1. before\n   \n${listLines(md, '   ', '   ')}   \n   after\n2. next\n`,
  quote: (md) => prefixed(md, '> ', '> '),
  'list in a quote': (md) => prefixed(md, '> - ', '>   '),
  'quote in a list': (md) => listLines(md, '- > ', '  > '),
};

export function differentialCases(): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  for (const example of specExamples()) {
    for (const [context, wrap] of Object.entries(WRAPPERS)) {
      cases.push({
        name: `${example.source} #${example.number} (${example.section}), ${context}`,
        context,
        markdown: wrap(example.markdown),
      });
    }
  }
  return cases;
}
