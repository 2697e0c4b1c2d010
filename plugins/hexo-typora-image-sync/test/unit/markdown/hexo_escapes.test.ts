/**
 * Hexo tag blocks, Nunjucks variables and comments, highlighted code fences and math are not markdown to
 * the renderer: nothing in them is ever reported, and what follows them still is.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/markdown/find_references';
import { maskHexoEscapes } from '../../../src/markdown/hexo_escapes';
import { createSiteMarkdown } from '../../../src/markdown/site_markdown';

const HEXO = { nunjucks: true, highlight: true };
const images = (md: string, hexo = HEXO) => findReferences(md, { hexo }).map((r) => md.slice(r.start, r.end));

describe('Hexo escapes', () => {
  it.each([
    ['codeblock', '{% codeblock lang:md %}\n![in](no1.png)\n{% endcodeblock %}'],
    ['raw', '{% raw %}\n![in](no2.png) <img src="no2b.png">\n{% endraw %}'],
    ['code', '{% code %}\n![in](no3.png)\n{% endcode %}'],
    ['blockquote tag', '{% blockquote %}\n![in](no4.png)\n{% endblockquote %}'],
    ['a variable', 'See {{ "![in](no5.png)" }} here'],
    ['a comment', 'See {# ![in](no6.png) #} here'],
    ['an inline tag', 'See {% asset_img no7.png ![in](no7b.png) %} here'],
  ])('never reports anything in %s, and still finds what follows', (_, block) => {
    const md = `![before](a.png)\n\n${block}\n\n![after](b.png)\n`;
    expect(images(md)).toEqual(['a.png', 'b.png']);
  });

  it('leaves the text alone with disableNunjucks (the renderer then sees markdown there)', () => {
    const md = '{% raw %}\n![in](yes.png)\n{% endraw %}\n';
    expect(images(md, { nunjucks: false, highlight: true })).toEqual(['yes.png']);
  });

  it('keeps offsets: the mask has the length of what it hides, line breaks folded', () => {
    const md = 'x {% raw %}\n![in](no.png)\n{% endraw %} y\n\n![after](b.png)\n';
    const masked = maskHexoEscapes(md, HEXO);
    expect(masked.length).toBe(md.length);
    expect(masked.slice(md.indexOf('![after]'))).toBe('![after](b.png)\n');
    expect(masked.split('\n').length).toBeLessThan(md.split('\n').length);
  });

  it('does not let a tag shown inside a highlighted fence swallow the images after it', () => {
    // A post that documents Hexo's tags: Hexo hides the fence before it looks for tags.
    const md = '```md\n{% raw %}\n```\n\n![after](b.png)\n\n```md\n{% endraw %}\n```\n\n![last](c.png)\n';
    expect(images(md)).toEqual(['b.png', 'c.png']);
  });

  it('treats a fence Hexo leaves to the renderer (highlight:false) as code, its braces as text', () => {
    const md = '```md highlight:false\n{% raw %}\n```\n\n![after](b.png)\n';
    expect(images(md)).toEqual(['b.png']);
  });
});

describe('math from the site’s marked extensions', () => {
  // The theme's own extensions, as its marked:extensions filter registers them.
  const { blockMath, inlineMath } = require('../../../../../themes/paperwhite/lib/math.js');
  const markdown = createSiteMarkdown(
    marked as never,
    '15',
    {},
    { extensions: [blockMath, inlineMath], tokenizer: {} },
  );

  it('never reports what is inside $…$ or $$…$$, and finds the rest', () => {
    const md = 'In $x ![i](no1.png)$ text ![a](a.png)\n\n$$\n\\text{![d](no2.png)}\n$$\n\n![b](b.png)\n';
    expect(findReferences(md, { markdown }).map((r) => r.destination)).toEqual(['a.png', 'b.png']);
    // Without the extensions marked would render them: the site's dialect is what decides.
    expect(findReferences(md).map((r) => r.destination)).toContain('no1.png');
  });
});
