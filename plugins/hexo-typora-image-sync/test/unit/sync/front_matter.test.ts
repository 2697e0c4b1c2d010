/**
 * Sync finds the end of the front matter exactly where Hexo does (hexo-front-matter on the text Hexo sees:
 * BOM removed, CRLF folded), but on the bytes as written, so the body offsets are exact.
 */
import fc from 'fast-check';
import { parse } from 'hexo-front-matter';
import { describe, expect, it } from 'vitest';
import { readFrontMatter, valueSpan } from '../../../src/sync/plan/front_matter';

const piece = fc.constantFrom(
  '---',
  ';;;',
  '----',
  'title: Hello',
  'typora-root-url: ../',
  'tags: [a, b]',
  '"title": "json"',
  'date: 2024-01-02',
  '',
  '# Heading',
  '![x](hello/x.png)',
  'key: [unclosed',
  '  indented: yes',
);
const documents = fc
  .tuple(fc.array(piece, { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([lines, crlf, bom]) => (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n'));

/** What Hexo renders as the body of `text`, or undefined if Hexo cannot read its front matter. */
function hexoBody(text: string): string | undefined {
  const seen = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  try {
    return (parse(seen) as { _content: string })._content;
  } catch {
    return undefined;
  }
}

describe('readFrontMatter', () => {
  it('splits every document where Hexo does', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const result = readFrontMatter(text);
        const expected = hexoBody(text);
        if (expected === undefined) {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const body = text.slice(result.frontMatter.bodyStart).replace(/\r\n/g, '\n');
        expect(body).toBe(expected.replace(/^\uFEFF/, ''));
        expect(result.frontMatter.lineOffset).toBe(
          text.slice(0, result.frontMatter.bodyStart).split('\n').length - 1,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('locates a value to edit only its bytes, quoted or not, with a comment after it', () => {
    const text =
      "---\ntitle: x\ntypora-copy-images-to: 'old name' # Typora\ntypora-root-url: ./old/\r\n---\nbody\n";
    const result = readFrontMatter(text);
    if (!result.ok) throw new Error('front matter');
    const copy = valueSpan(text, result.frontMatter, 'typora-copy-images-to');
    expect(copy).toMatchObject({ value: 'old name', quote: "'" });
    expect(text.slice(copy?.start, copy?.end)).toBe('old name');
    const root = valueSpan(text, result.frontMatter, 'typora-root-url');
    expect(text.slice(root?.start, root?.end)).toBe('./old/');
    expect(valueSpan(text, result.frontMatter, 'missing')).toBeUndefined();
  });

  it('names the line of a YAML error', () => {
    const result = readFrontMatter('---\ntitle: ok\ntags: [unclosed\n---\n\nbody\n');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.line).toBeGreaterThanOrEqual(3);
  });
});
