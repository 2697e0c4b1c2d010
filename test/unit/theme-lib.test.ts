/**
 * The theme's build-time transforms (themes/paperwhite/lib), one at a time, on plain strings: each post
 * behaviour reads a parsed tree and answers with edits, applied here the way the pipeline applies them.
 */
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const lib = (name: string) => require(`../../themes/paperwhite/lib/${name}.js`);
type Transform = (html: string) => string;
type Tree = { html: string };
type Edit = { start: number; end: number; text: string };
type Behaviour = (tree: Tree, options: { labels: Record<string, string> }) => Edit[];

const { parseTree } = lib('html/parse-tree') as { parseTree: (html: string) => Tree };
const { applyEdits } = lib('html/edits') as { applyEdits: (html: string, edits: Edit[]) => string };
const LABELS = { table: '表格', zoom: '查看原图' };
/** A behaviour as a string transform: parse, edit, apply. */
const behaviour =
  (name: string, exported: string): Transform =>
  (html) =>
    applyEdits(html, (lib(`post/${name}`)[exported] as Behaviour)(parseTree(html), { labels: LABELS }));

const { blockMath, inlineMath } = lib('math');
const { findMathErrors } = lib('post/math-errors') as { findMathErrors: (tree: Tree) => string[] };
const { compactMathml } = lib('compact-mathml') as { compactMathml: Transform };
const linkHeadings = behaviour('link-headings', 'linkHeadings');
const compactCodeBlocks = behaviour('compact-code-blocks', 'compactCodeBlocks');
const lazyLoadImages = behaviour('lazy-load-images', 'lazyLoadImages');
const captionFigures = behaviour('caption-figures', 'captionFigures');
const makeScrollRegions = behaviour('scroll-regions', 'makeScrollRegions');
const demoteEmptyHeaderCells = behaviour('empty-header-cells', 'demoteEmptyHeaderCells');
const linkImagesToOriginals = behaviour('zoom-links', 'linkImagesToOriginals');
const markRowHeaders = behaviour('row-headers', 'markRowHeaders');
const { transformPost } = lib('post/transform-post') as {
  transformPost: (html: string, options: { labels: Record<string, string> }) => { html: string };
};
const { absolutizeUrls } = lib('absolute-urls') as { absolutizeUrls: (html: string, url: string) => string };
const { minifyCss } = lib('minify-css') as { minifyCss: Transform };
const { minifyJs } = lib('minify-js') as { minifyJs: Transform };
const { countReadingUnits, readingMinutes } = lib('reading-time') as {
  countReadingUnits: (text: string) => { cjk: number; words: number };
  readingMinutes: (units: { cjk: number; words: number }) => number;
};
const { collectHeadings } = lib('post/headings');
const { renderToc } = lib('toc') as {
  renderToc: (headings: unknown, o?: { min_headings?: number }) => string;
};
const toc = (html: string, o?: { min_headings?: number }) => renderToc(collectHeadings(parseTree(html)), o);
const { plainText } = lib('post/plain-text') as { plainText: Transform };
const { summarizePost } = lib('post/summary');

const markdown = (src: string) =>
  new Marked({ extensions: [blockMath, inlineMath] } as ConstructorParameters<typeof Marked>[0]).parse(
    src,
  ) as string;

describe('math ($…$ and $$…$$ to MathML at build time)', () => {
  it('renders inline and display math as bare MathML', () => {
    const html = markdown('负载 $L_i = x^2$。\n\n$$\n\\sum_{i=1}^{E} f_i\n$$\n');
    expect(html).toContain('<math><msub><mi>L</mi><mi>i</mi></msub>');
    expect(html).toContain('<div class="math" tabindex="0"><math display="block"><munderover>');
    expect(html).not.toMatch(/annotation|semantics|katex|xmlns/);
  });

  it('leaves prices, spaced dollars, escaped dollars and code alone', () => {
    for (const text of ['价格是 $5 和 $6。', 'from $ 5 to $ 6', 'it costs $5$10', '`$x$` and `$HOME`']) {
      expect(markdown(text), text).not.toContain('<math');
    }
    const escaped = markdown('\\$100 and $y$');
    expect(escaped).toContain('$100 and <math><mi>y</mi></math>');
  });

  it('marks TeX that does not parse, and findMathErrors reports it', () => {
    const html = markdown('bad: $\\frac{1}{$ and $\\nosuchcommand{x}$');
    expect(html.match(/<span class="katex-error"/g)?.length).toBe(2);
    expect(findMathErrors(parseTree(html))).toEqual([
      expect.stringContaining('Unexpected end of input'),
      expect.stringContaining('Undefined control sequence'),
    ]);
  });
});

describe('compactMathml', () => {
  it('merges upright letters into one identifier and drops redundant rows', () => {
    const katex = require('katex') as { renderToString(tex: string, o: object): string };
    const raw = katex.renderToString('R_{\\mathrm{Lat}}', { output: 'mathml' });
    expect(compactMathml(raw)).toBe('<math><msub><mi>R</mi><mi>Lat</mi></msub></math>');
    const single = katex.renderToString('\\mathrm{d}x', { output: 'mathml' });
    expect(compactMathml(single)).toBe('<math><mi mathvariant="normal">d</mi><mi>x</mi></math>');
  });
});

describe('post HTML transforms', () => {
  it('linkHeadings turns the heading text into its anchor link', () => {
    const marked =
      '<h2 id="背景"><a href="#背景" class="headerlink" title="背景"></a>背景 <code>x</code></h2>';
    expect(linkHeadings(marked)).toBe('<h2 id="背景"><a href="#背景">背景 <code>x</code></a></h2>');
    const withLink = '<h2 id="a"><a href="#a" class="headerlink" title="A"></a><a href="/x">A</a></h2>';
    expect(linkHeadings(withLink)).toBe(withLink);
  });

  it('compactCodeBlocks drops the one-cell table and line wrappers, keeping tokens and newlines', () => {
    const hexo =
      '<figure class="highlight python"><table><tr><td class="code"><pre><span class="line"><span class="keyword">import</span> x</span><br><span class="line">y</span><br></pre></td></tr></table></figure>';
    expect(compactCodeBlocks(hexo)).toBe(
      '<figure class="highlight python"><pre><span class="keyword">import</span> x\ny</pre></figure>',
    );
    const numbered = hexo.replace(
      '<td class="code">',
      '<td class="gutter"><pre>1</pre></td><td class="code">',
    );
    expect(compactCodeBlocks(numbered)).toBe(numbered);
  });

  it('lazyLoadImages lazy-loads every image but the first, respecting existing attributes', () => {
    const html = '<img src="/a.png"><p><img src="/b.png" alt="b"/></p><img src="/c.png" loading="eager">';
    expect(lazyLoadImages(html)).toBe(
      '<img src="/a.png"><p><img src="/b.png" alt="b" loading="lazy" decoding="async"/></p><img src="/c.png" loading="eager" decoding="async">',
    );
  });

  it('captionFigures turns a lone image into a figure with a caption from its title or alt', () => {
    expect(captionFigures('<p><img src="/a.svg" alt="数据流" title="图 1"></p>')).toBe(
      '<figure><img src="/a.svg" alt="数据流" title="图 1"><figcaption>图 1</figcaption></figure>',
    );
    expect(captionFigures('<p><img src="/a.svg" alt="数据流"></p>')).toBe(
      '<figure><img src="/a.svg" alt="数据流"><figcaption aria-hidden="true">数据流</figcaption></figure>',
    );
    for (const same of [
      '<p><img src="/a.png" alt="image-20240312101010123"></p>',
      '<p>见 <img src="/a.svg" alt="x"></p>',
    ]) {
      expect(captionFigures(same)).toBe(same);
    }
  });

  it('makeScrollRegions wraps data tables and makes code blocks focusable', () => {
    expect(makeScrollRegions('<table><tr><td>1</td></tr></table>')).toBe(
      '<div class="table" tabindex="0" role="region" aria-label="表格"><table><tr><td>1</td></tr></table></div>',
    );
    expect(
      makeScrollRegions(
        '<figure class="highlight js"><table><tr><td><pre>x</pre></td></tr></table></figure>',
      ),
    ).toBe(
      '<figure class="highlight js"><table><tr><td><pre tabindex="0">x</pre></td></tr></table></figure>',
    );
  });

  it('markRowHeaders makes the first column row headers below an empty corner, and only there', () => {
    expect(
      markRowHeaders(
        '<table><thead><tr><th></th><th>A</th></tr></thead><tbody><tr><td align="left">x</td><td>1</td></tr><tr><td></td><td>2</td></tr></tbody></table>',
      ),
    ).toBe(
      '<table><thead><tr><th></th><th>A</th></tr></thead><tbody><tr><th scope="row" align="left">x</th><td>1</td></tr><tr><td></td><td>2</td></tr></tbody></table>',
    );
    for (const same of [
      '<table><thead><tr><th>名</th><th>A</th></tr></thead><tbody><tr><td>x</td><td>1</td></tr></tbody></table>',
      '<figure class="highlight"><table><tr><td></td><td>1</td></tr><tr><td>x</td><td>2</td></tr></table></figure>',
      '<table><thead><tr><th><img src="/logo.png" alt=""></th><th>A</th></tr></thead><tbody><tr><td>x</td><td>1</td></tr></tbody></table>',
    ]) {
      expect(markRowHeaders(same)).toBe(same);
    }
  });

  it('makeScrollRegions numbers the names of several tables, so that each landmark is told apart', () => {
    const two = makeScrollRegions(
      '<table><tr><td>1</td></tr></table><figure class="highlight"><table><tr><td><pre>x</pre></td></tr></table></figure><table><tr><td>2</td></tr></table>',
    );
    expect(two.match(/aria-label="[^"]*"/g)).toEqual(['aria-label="表格 1"', 'aria-label="表格 2"']);
  });

  it('demoteEmptyHeaderCells makes an empty corner header an ordinary cell', () => {
    expect(demoteEmptyHeaderCells('<tr><th style="x"></th><th>A</th></tr>')).toBe(
      '<tr><td style="x"></td><th>A</th></tr>',
    );
  });
});

describe('the post pipeline', () => {
  it('applyEdits puts insertions before a replacement at the same place, in the order given, and refuses overlaps', () => {
    const html = '<p><img src="a"></p>';
    expect(
      applyEdits(html, [
        { start: 0, end: 3, text: '<figure>' },
        { start: 16, end: 20, text: '</figure>' },
        { start: 16, end: 16, text: '</a>' },
        { start: 3, end: 3, text: '<a>' },
        { start: 16, end: 16, text: '<!--x-->' },
      ]),
    ).toBe('<figure><a><img src="a"></a><!--x--></figure>');
    expect(() =>
      applyEdits(html, [
        { start: 0, end: 5, text: '' },
        { start: 3, end: 8, text: '' },
      ]),
    ).toThrow(/overlapping HTML edits at 3/);
  });

  it('parseTree records where each tag starts and ends, and null for implied end tags', () => {
    const tree = parseTree('<p>a<img src="x"><p>b</p>') as Tree & {
      elements: (name: string) => { open: { start: number; end: number }; close: unknown }[];
    };
    const [first, second] = tree.elements('p');
    expect(first?.open).toEqual({ start: 0, end: 3 });
    expect(first?.close).toBeNull();
    expect(second?.close).toEqual({ start: 21, end: 25 });
    expect(tree.elements('img')[0]?.open).toEqual({ start: 4, end: 17 });
  });

  it('linkImagesToOriginals links each image to its src, wraps a whole <picture>, and leaves linked images alone', () => {
    expect(linkImagesToOriginals('<p>见 <img src="/a%20b.png" alt="图"> 右上角</p>')).toBe(
      '<p>见 <a class="zoom" href="/a%20b.png"><img src="/a%20b.png" alt="图"></a> 右上角</p>',
    );
    const picture =
      '<picture><source type="image/avif" srcset="/a-640.avif 640w" sizes="100vw"><source type="image/webp" srcset="/a-640.webp 640w"><img src="/a.png" alt="终端" width="1280" height="800"></picture>';
    expect(linkImagesToOriginals(picture)).toBe(`<a class="zoom" href="/a.png">${picture}</a>`);
    const linked = `<a href="https://example.com/">${picture}</a><a href="/x"><img src="/b.png" alt="b"></a>`;
    expect(linkImagesToOriginals(linked)).toBe(linked);
    expect(linkImagesToOriginals('<img src="/c.png" alt="">')).toBe(
      '<a class="zoom" href="/c.png" aria-label="查看原图"><img src="/c.png" alt=""></a>',
    );
    expect(linkImagesToOriginals('<img src="/q.png?a=1&amp;b=&quot;2" alt="q">')).toBe(
      '<a class="zoom" href="/q.png?a=1&amp;b=&quot;2"><img src="/q.png?a=1&amp;b=&quot;2" alt="q"></a>',
    );
  });

  it('captionFigures makes a figure of a lone <picture> and captions it from its <img>', () => {
    const picture =
      '<picture><source type="image/webp" srcset="/a.webp 640w"><img src="/a.png" alt="数据流"></picture>';
    expect(captionFigures(`<p>${picture}</p>`)).toBe(
      `<figure>${picture}<figcaption aria-hidden="true">数据流</figcaption></figure>`,
    );
    const two = `<p>${picture}${picture}</p>`;
    expect(captionFigures(two)).toBe(two);
  });

  it('transformPost runs every behaviour on one parse: a lone image becomes a linked, captioned figure', () => {
    const html =
      '<h2 id="a"><a href="#a" class="headerlink" title="A"></a>A</h2>\n<p><img src="/1.png" alt="一"></p>\n<p><img src="/2.png" alt="二"/></p>\n<table><tr><th></th><th>x</th></tr></table>';
    expect(transformPost(html, { labels: LABELS }).html).toBe(
      '<h2 id="a"><a href="#a">A</a></h2>\n' +
        '<figure><a class="zoom" href="/1.png"><img src="/1.png" alt="一"></a><figcaption aria-hidden="true">一</figcaption></figure>\n' +
        '<figure><a class="zoom" href="/2.png"><img src="/2.png" alt="二" loading="lazy" decoding="async"/></a><figcaption aria-hidden="true">二</figcaption></figure>\n' +
        '<div class="table" tabindex="0" role="region" aria-label="表格"><table><tr><td></td><th>x</th></tr></table></div>',
    );
  });

  it('summarizePost keeps the headings, the start of the text and of the excerpt, and the reading units', () => {
    const html =
      '<h2 id="x/y"><a href="#x/y" class="headerlink" title="x/y"></a>x/y &amp; <code>z</code></h2><p>前言。</p><span id="more"></span><p>正文 words here。</p><figure class="highlight"><pre>code</pre></figure>';
    expect(summarizePost(parseTree(html))).toEqual({
      headings: [{ level: 2, id: 'x/y', text: 'x/y & z', html: 'x&#x2F;y &amp; z' }],
      text: 'x/y & z 前言。 正文 words here。',
      excerpt: 'x/y & z 前言。',
      reading: { cjk: 4, words: 5 },
    });
  });
});

describe('feed URLs', () => {
  it('absolutizeUrls makes root-relative links and images absolute, and leaves the rest', () => {
    const html =
      '<a href="/2024/a/">a</a><img src="/2024/a/f%20g.svg" alt="x &amp; y"><a href="#n">n</a><img src="//cdn/x.png">';
    expect(absolutizeUrls(html, 'https://example.github.io')).toBe(
      '<a href="https://example.github.io/2024/a/">a</a><img src="https://example.github.io/2024/a/f%20g.svg" alt="x &amp; y"><a href="#n">n</a><img src="//cdn/x.png">',
    );
    expect(absolutizeUrls('<img src="/blog/a.png">', 'https://u.github.io/blog')).toBe(
      '<img src="https://u.github.io/blog/a.png">',
    );
  });
});

describe('small helpers', () => {
  it('minifyCss drops comments and spaces but not strings or calc() spacing', () => {
    expect(minifyCss('/* c */\na > b {\n  content: " # ";\n  top: calc(100% - 1rem);\n}\n')).toBe(
      'a>b{content:" # ";top:calc(100% - 1rem)}',
    );
  });

  it('minifyJs drops comment lines and indentation, and keeps line breaks and code', () => {
    expect(
      minifyJs("// a comment\n(() => {\n  // why\n  const url = 'http://x'; // kept\n\n  go(url);\n})();\n"),
    ).toBe("(() => {\nconst url = 'http://x'; // kept\ngo(url);\n})();");
  });

  it('readingMinutes counts ~400 Chinese characters a minute', () => {
    expect(readingMinutes(countReadingUnits('字'.repeat(4000)))).toBe(10);
    expect(readingMinutes(countReadingUnits('短'))).toBe(1);
    expect(countReadingUnits('用 all-to-all 通信 2 次')).toEqual({ cjk: 4, words: 2 });
  });

  it('renderToc nests h2..h4 and skips short posts', () => {
    const html = '<h2 id="a">A</h2><h3 id="b">B</h3><h2 id="c">C</h2>';
    expect(toc(html)).toBe(
      '<ol><li><a href="#a">A</a><ol><li><a href="#b">B</a></li></ol></li><li><a href="#c">C</a></li></ol>',
    );
    expect(toc(html, { min_headings: 4 })).toBe('');
  });

  it('plainText reads prose and skips code, math and marked anchors', () => {
    const html =
      '<h2><a class="headerlink" title="T"></a>标题</h2><p>正文 <math><mi>x</mi></math>。</p><figure class="highlight"><pre>code</pre></figure>';
    expect(plainText(html)).toBe('标题 正文 。');
  });
});
