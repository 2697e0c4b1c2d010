/**
 * Random markdown documents that nest lists and quotes the way Typora writes them (bullets and ordered
 * items, whitespace-only blank lines, `>` on every quoted line, tabs), with images in every syntax, code,
 * tables and definitions at any depth: input for the differential property tests.
 */
import fc from 'fast-check';

const names = fc.constantFrom('a.png', 'post/图 1.png', 'post/b%20c.png', 'x(1).png', 'd/e.jpg', 'f.svg');
const angled = fc.constantFrom('post/a b.png', 'post/截图 2.png');

const inline: fc.Arbitrary<string> = fc.oneof(
  names.map((n) => `![alt](${n.replace(/ /g, '%20')})`),
  names.map((n) => `![t](${n.replace(/ /g, '%20')} "title")`),
  angled.map((n) => `![angle](<${n}>)`),
  names.map((n) => `<img src="${n}" style="zoom:50%;">`),
  fc.constantFrom('![ref][r1]', '![r2][]', '![r3]', '[link](doc.pdf)', '[![badge](b.png)](big.png)'),
  fc.constantFrom(
    '`![code](no.png)`',
    '\\![escaped](no2.png)',
    '**bold**',
    '*em* ',
    '中文 ',
    'text ',
    '$x$ ',
  ),
  fc.constantFrom('![loose](my pic.png)', '~~![del](del.png)~~', '<span>![in span](s.png)</span>'),
);

const paragraph = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));

const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: paragraph },
  { weight: 1, arbitrary: paragraph.map((p) => `## ${p}`) },
  { weight: 1, arbitrary: fc.constant('```md\n![fenced](no3.png)\n```') },
  { weight: 1, arbitrary: fc.constant('    ![indented](no4.png)') },
  { weight: 1, arbitrary: names.map((n) => `<p><img src='${n}'></p>`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(inline, inline)
      .map(([a, b]) => `| ${a} | h |\n|---|---|\n| ${b} | c\\|d |\n| ![pipe](p\\|q.png) | x |`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('[r1]: ref/one.png "t"', '[r2]: <ref/two b.png>', '[R3]:\n  ref/three.png'),
  },
  { weight: 1, arbitrary: fc.constant('---') },
);

/** `first` before the first line, `rest` before the others; blank lines get `blank` (Typora writes the indent). */
function prefixLines(text: string, first: string, rest: string, blank: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line.trim() === '' ? blank : rest) + line)
    .join('\n');
}

/** `handEdited`: also lazy continuation lines and blocks one line apart, which Typora never writes. */
function documents(handEdited: boolean): fc.Arbitrary<string> {
  const { block } = fc.letrec<{ block: string; container: string }>((tie) => ({
    block: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('container')),
    container: fc.oneof(
      fc
        .record({
          marker: fc.constantFrom('-', '*', '+', '1.', '1)'),
          blank: fc.constantFrom('', '  ', '   ', '    '),
          items: fc.array(fc.array(tie('block'), { minLength: 1, maxLength: 3 }), {
            minLength: 1,
            maxLength: 3,
          }),
          loose: fc.boolean(),
        })
        .map(({ marker, blank, items, loose }) => {
          const pad = ' '.repeat(marker.length + 1);
          return items
            .map((blocks) => prefixLines(blocks.join(`\n${blank}\n`), `${marker} `, pad, blank))
            .join(loose ? `\n${blank}\n` : '\n');
        }),
      fc
        .record({
          blocks: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
          space: fc.constantFrom('> ', '>'),
          lazy: handEdited ? fc.boolean() : fc.constant(false),
        })
        .map(({ blocks, space, lazy }) => {
          const quoted = prefixLines(blocks.join('\n\n'), space, space, '>');
          // A lazy continuation line: Typora never writes one, authors editing by hand do.
          return lazy ? `${quoted}\nlazy ![lazy](lazy.png)` : quoted;
        }),
      fc
        .array(tie('block'), { minLength: 1, maxLength: 2 })
        .map((blocks) => prefixLines(blocks.join('\n\n'), '-\t', '\t', '')),
    ),
  }));

  const gaps = handEdited ? ['\n', '\n\n', '\n\n\n', '\r\n\r\n'] : ['\n\n', '\n\n\n', '\r\n\r\n'];
  return fc
    .array(block, { minLength: 1, maxLength: 5 })
    .chain((blocks) => fc.constantFrom(...gaps).map((gap) => `${blocks.join(gap)}\n`));
}

/** Documents as Typora writes them. */
export const typoraDocument: fc.Arbitrary<string> = documents(false);
/** Documents an author also edited by hand: lazy continuation lines, blocks one line apart. */
export const handEditedDocument: fc.Arbitrary<string> = documents(true);
