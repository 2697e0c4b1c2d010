import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/markdown/find_references';

/** The destinations found, as the document's own bytes at the reported offsets. */
function spans(md: string) {
  return findReferences(md).map((r) => ({
    text: md.slice(r.start, r.end),
    destination: r.destination,
    syntax: r.syntax,
    image: r.image,
    line: r.line,
  }));
}

describe('findReferences', () => {
  it('finds inline images and links with titles, on the right line', () => {
    const md = '# Hi\n\n![a](hello/x.png "t") and [pdf](hello/paper.pdf)\n';
    expect(spans(md)).toEqual([
      { text: 'hello/x.png', destination: 'hello/x.png', syntax: 'inline', image: true, line: 3 },
      { text: 'hello/paper.pdf', destination: 'hello/paper.pdf', syntax: 'inline', image: false, line: 3 },
    ]);
  });

  it('never reports anything inside fenced, indented or inline code', () => {
    const md = [
      '```md',
      '![code](no.png)',
      '```',
      '',
      '    ![indented](no3.png)',
      '',
      'Inline `![x](no2.png)` text ![b](<hello/a b.png>)',
      '',
    ].join('\n');
    expect(spans(md).map((s) => s.text)).toEqual(['hello/a b.png']);
  });

  it('reads raw HTML images, Typora zoom included', () => {
    const md =
      'Text\n\n<img src="hello/z.png" alt="z" style="zoom:50%;" />\n\nand <img src=\'in&amp;line.png\'> here\n';
    expect(spans(md)).toEqual([
      { text: 'hello/z.png', destination: 'hello/z.png', syntax: 'html', image: true, line: 3 },
      { text: 'in&amp;line.png', destination: 'in&line.png', syntax: 'html', image: true, line: 5 },
    ]);
  });

  it('finds reference definitions, not the reference use', () => {
    const md = '![ref][r] and ![other][]\n\n[r]: hello/ref.png "title"\n[other]: <hello/o b.png>\n';
    expect(spans(md).map((s) => [s.text, s.syntax, s.line])).toEqual([
      ['hello/ref.png', 'definition', 3],
      ['hello/o b.png', 'definition', 4],
    ]);
  });

  it("finds Typora's destinations with raw spaces that CommonMark does not parse", () => {
    const md = 'see ![loose](hello/my pic.png "cap") end\n';
    expect(spans(md)).toEqual([
      { text: 'hello/my pic.png', destination: 'hello/my pic.png', syntax: 'loose', image: true, line: 1 },
    ]);
  });

  it('finds images in blockquotes, lists, tables and link text', () => {
    const md = [
      '> quote ![q](q.png)',
      '> ![q2](q2.png)',
      '',
      '- item ![l](l.png)',
      '  - nested ![n](n.png)',
      '',
      '| a | b |',
      '|---|---|',
      '| ![t](t.png) | x |',
      '',
      '[![badge](b.png)](big.png)',
      '',
    ].join('\n');
    expect(spans(md).map((s) => [s.text, s.line])).toEqual([
      ['q.png', 1],
      ['q2.png', 2],
      ['l.png', 4],
      ['n.png', 5],
      ['t.png', 9],
      ['b.png', 11],
      ['big.png', 11],
    ]);
  });

  it('maps offsets back through CRLF line endings', () => {
    const md = 'a\r\n\r\n![x](hello/x.png)\r\n\r\n![y](hello/y.png)\r\n';
    expect(spans(md).map((s) => [s.text, s.line])).toEqual([
      ['hello/x.png', 3],
      ['hello/y.png', 5],
    ]);
  });

  it('keeps percent-encoding and CJK as written', () => {
    const md = '![图](hello/%E5%9B%BE%201.png) ![c](hello/图 1.png)\n';
    expect(spans(md).map((s) => s.text)).toEqual(['hello/%E5%9B%BE%201.png', 'hello/图 1.png']);
  });

  it('ignores escaped image syntax', () => {
    expect(spans('\\![not](an image.png)\n')).toEqual([]);
  });
});
