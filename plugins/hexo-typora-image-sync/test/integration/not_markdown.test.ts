/**
 * A real `hexo generate`, `hexo typora check` and `hexo typora sync` on a post with Hexo tag blocks, a
 * Nunjucks variable and a site marked extension (registered by a script through hexo-renderer-marked's
 * `marked:extensions` filter, as themes register math): paths inside them stay exactly as written, on the
 * page and in the file, and the images around them are resolved and synced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type Site } from '../support/hexo_site';
import { fixturePng } from '../support/make_png';

const POST = 'source/_posts/tags.md';
const TEXT = `---
title: Tags
date: 2024-03-01 10:00:00
---

![before](tags/before.png)

{% codeblock lang:md %}
![in a codeblock](tags/missing-1.png)
{% endcodeblock %}

{% raw %}
<img src="tags/missing-2.png">
{% endraw %}

An inline {{ "![in a variable](tags/missing-3.png)" }} and a hidden ::![in an extension](tags/missing-4.png):: here.

![outside](OUTSIDE/desk.png)
`;

let site: Site;
let outside: string;
beforeAll(() => {
  site = copyFixture('minimal');
  outside = site.file('desk-folder');
  site.write('desk-folder/desk.png', fixturePng(7));
  site.write('source/_posts/tags/before.png', fixturePng(8));
  site.write(POST, TEXT.replace('OUTSIDE', outside));
  // A marked extension of the site's own, as a theme registers math: `::…::` is shown as it is.
  site.write(
    'scripts/hidden.js',
    `hexo.extend.filter.register('marked:extensions', (extensions) => {
  extensions.push({
    name: 'hidden',
    level: 'inline',
    start: (src) => src.indexOf('::'),
    tokenizer(src) {
      const match = /^::([^:]+)::/.exec(src);
      if (match) return { type: 'hidden', raw: match[0], text: match[1] };
    },
    renderer: (token) => '<code class="hidden">' + token.text.replace(/</g, '&lt;') + '</code>',
  });
});
`,
  );
});
afterAll(() => site.remove());

describe('tag blocks, variables and extensions are not markdown to the plugin', () => {
  it('hexo generate resolves the images around them and leaves what is inside as written', async () => {
    const run = await site.hexo(['generate']);
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toMatch(/missing-\d/);
    const html = fs.readFileSync(site.file('public/2024/03/01/tags/index.html'), 'utf8');
    expect(html).toContain('src="/2024/03/01/tags/before.png"');
    expect(html).toMatch(/src="\/2024\/03\/01\/tags\/desk\.png"/);
    for (const n of [1, 2, 3, 4]) expect(html, `missing-${n}`).toContain(`tags/missing-${n}.png`);
    expect(html).not.toMatch(/typora-asset:/);
  });

  it('hexo typora check names only the outside image, and sync rewrites only it', async () => {
    const check = await site.hexo(['typora', 'check']);
    expect(check.output).not.toMatch(/missing-\d/);
    const problems = check.output.split('\n').filter((line) => line.startsWith('source/_posts/tags.md:'));
    expect(problems).toEqual([
      expect.stringMatching(/^source\/_posts\/tags\.md:18: image ".*desk\.png" is outside/),
    ]);
    // (The fixture's other post has two missing images: sync exits 1 for them.)
    const sync = await site.hexo(['typora', 'sync']);
    expect(sync.output).toMatch(/copy 1 file\(s\), rewrite 1 reference\(s\) in 1 post\(s\)/);
    const expected = TEXT.replace('OUTSIDE/desk.png', 'tags/desk.png');
    expect(fs.readFileSync(site.file(POST), 'utf8')).toBe(expected);
    expect(fs.readFileSync(site.file('source/_posts/tags/desk.png'))).toEqual(fixturePng(7));
    expect(fs.existsSync(path.join(outside, 'desk.png'))).toBe(true);
  });
});
