/**
 * Step 1 of the author's day: `npm run new -- "Title"` creates the post and its asset folder, with the front
 * matter that makes Typora paste images into that folder; step 2 is Typora pasting one (simulated: the file
 * where Typora puts it and the reference Typora writes); the strict build then publishes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixturePng } from '../../plugins/hexo-typora-image-sync/test/support/make_png';
import { copySite, listFiles, REPO_ROOT, type SiteCopy } from './support/site_copy';

/** What Typora reads to copy pasted images next to the post: `./` + the file name without `.md`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Typora's own variable, not a JavaScript template
const COPY_IMAGES_TO = './${filename}';

function frontMatter(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  expect(match, `no front matter in:\n${markdown}`).not.toBeNull();
  return parseYaml(match?.[1] ?? '') as Record<string, unknown>;
}

describe('scaffolds', () => {
  it.each(['post', 'draft', 'page'])('%s.md tells Typora to copy images into the asset folder', (name) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'scaffolds', `${name}.md`), 'utf8');
    expect(text).toContain('title: {{ title }}');
    expect(frontMatter(text.replace(/{{ \w+ }}/g, 'x'))['typora-copy-images-to']).toBe(COPY_IMAGES_TO);
  });
});

describe('npm run new', () => {
  let site: SiteCopy;
  beforeAll(() => {
    site = copySite('new-post');
  });
  afterAll(() => site?.remove());

  it('creates source/_posts/Some-Title.md with Typora front matter and an empty Some-Title/ folder', async () => {
    const run = await site.shell('npm run new -- "Some Title"');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Created: .*source\/_posts\/Some-Title\.md/);

    const data = frontMatter(site.read('source/_posts/Some-Title.md'));
    expect(data.title).toBe('Some Title');
    // Hexo renders the scaffold as a template: `${filename}` must reach Typora untouched.
    expect(data['typora-copy-images-to']).toBe(COPY_IMAGES_TO);
    expect(String(data.date)).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(fs.statSync(site.file('source/_posts/Some-Title')).isDirectory()).toBe(true);
    expect(fs.readdirSync(site.file('source/_posts/Some-Title'))).toEqual([]);
  });

  it('creates drafts and pages with the same front matter', async () => {
    const draft = await site.hexo(['new', 'draft', 'Half Done']);
    expect(draft.code, draft.output).toBe(0);
    expect(frontMatter(site.read('source/_drafts/Half-Done.md'))['typora-copy-images-to']).toBe(
      COPY_IMAGES_TO,
    );
    expect(fs.statSync(site.file('source/_drafts/Half-Done')).isDirectory()).toBe(true);

    const page = await site.hexo(['new', 'page', 'Reading List']);
    expect(page.code, page.output).toBe(0);
    expect(frontMatter(site.read('source/Reading-List/index.md'))['typora-copy-images-to']).toBe(
      COPY_IMAGES_TO,
    );
  });

  it('publishes an image pasted the way Typora does it, in a strict build', async () => {
    // Typora expands ./${filename} to ./Some-Title and, with "Use relative path if possible", writes this:
    const png = fixturePng(7);
    site.write('source/_posts/Some-Title/image-20250101120000000.png', png);
    const post = site.read('source/_posts/Some-Title.md');
    site.write(
      'source/_posts/Some-Title.md',
      `${post}\nA screenshot:\n\n![image-20250101120000000](Some-Title/image-20250101120000000.png)\n`,
    );

    const build = await site.hexo(['generate', '--config', '_config.yml,_config.publish.yml']);
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toMatch(/\bWARN\b/);

    const page = listFiles(site.file('public')).find((file) => /\/Some-Title\/index\.html$/.test(file));
    expect(page, 'the post page').toBeDefined();
    const html = site.read(`public/${page}`);
    const src = /<img [^>]*src="([^"]*image-20250101120000000\.png)"/.exec(html)?.[1];
    expect(src, 'the pasted image in the page').toBeDefined();
    expect(fs.readFileSync(site.file(`public${decodeURIComponent(src ?? '')}`))).toEqual(png);
  });

  it('fails the strict build, naming the file and line, when the pasted image is missing', async () => {
    fs.rmSync(site.file('source/_posts/Some-Title/image-20250101120000000.png'));
    // As `npm run build` and `npm run deploy` do: a clean build renders every post again.
    expect((await site.hexo(['clean'])).code).toBe(0);
    const build = await site.hexo(['generate', '--config', '_config.yml,_config.publish.yml']);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(
      /source\/_posts\/Some-Title\.md:\d+: image "Some-Title\/image-20250101120000000\.png"/,
    );
    expect(build.output).toContain('strict mode');
  });
});
