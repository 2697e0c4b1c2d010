/**
 * The theme's build-time transforms (themes/paperwhite/lib), one at a time, on plain strings.
 */
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const lib = (name: string) => require(`../../themes/paperwhite/lib/${name}.js`);
type Transform = (html: string) => string;

const { blockMath, inlineMath, findMathErrors } = lib('math');
const { compactMathml } = lib('compact-mathml') as { compactMathml: Transform };
const { linkHeadings } = lib('link-headings') as { linkHeadings: Transform };
const { compactCodeBlocks } = lib('compact-code-blocks') as { compactCodeBlocks: Transform };
const { lazyLoadImages } = lib('lazy-load-images') as { lazyLoadImages: Transform };
const { captionFigures } = lib('caption-figures') as { captionFigures: Transform };
const { makeScrollRegions } = lib('scroll-regions') as { makeScrollRegions: Transform };
const { demoteEmptyHeaderCells } = lib('empty-header-cells') as { demoteEmptyHeaderCells: Transform };
const { absolutizeUrls } = lib('absolute-urls') as { absolutizeUrls: (html: string, url: string) => string };
const { minifyCss } = lib('minify-css') as { minifyCss: Transform };
const { readingMinutes } = lib('reading-time') as { readingMinutes: (text: string) => number };
const { renderToc } = lib('toc') as { renderToc: (html: string, o?: { min_headings?: number }) => string };
const { plainText } = lib('plain-text') as { plainText: Transform };

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
    expect(findMathErrors(html)).toEqual([
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

  it('demoteEmptyHeaderCells makes an empty corner header an ordinary cell', () => {
    expect(demoteEmptyHeaderCells('<tr><th style="x"></th><th>A</th></tr>')).toBe(
      '<tr><td style="x"></td><th>A</th></tr>',
    );
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

  it('readingMinutes counts ~400 Chinese characters a minute', () => {
    expect(readingMinutes('字'.repeat(4000))).toBe(10);
    expect(readingMinutes('短')).toBe(1);
  });

  it('renderToc nests h2..h4 and skips short posts', () => {
    const html = '<h2 id="a">A</h2><h3 id="b">B</h3><h2 id="c">C</h2>';
    expect(renderToc(html)).toBe(
      '<ol><li><a href="#a">A</a><ol><li><a href="#b">B</a></li></ol></li><li><a href="#c">C</a></li></ol>',
    );
    expect(renderToc(html, { min_headings: 4 })).toBe('');
  });

  it('plainText reads prose and skips code, math and marked anchors', () => {
    const html =
      '<h2><a class="headerlink" title="T"></a>标题</h2><p>正文 <math><mi>x</mi></math>。</p><figure class="highlight"><pre>code</pre></figure>';
    expect(plainText(html)).toBe('标题 正文 。');
  });
});
