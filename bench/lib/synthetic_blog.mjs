/**
 * Writes a synthetic Typora blog: `posts` posts, each with `imagesPerPost` images in the forms Typora
 * writes (asset folder, `./`, bare name, `post.assets/`, percent-encoded CJK, raw CJK with a space, zoomed
 * `<img>`, reference style, nested, with title), some prose, a fenced code block and a code span that
 * mention image paths. Every image is a small real PNG and every reference resolves: a correct build with
 * the plugin prints no warning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededPng } from './png.mjs';

const PROSE = [
  'All-to-all moves each token to the worker that holds its expert, then moves the result back.',
  'The dispatch and combine steps cost two all-to-alls per MoE layer, four per training step with backward.',
  'With capacity padding every chunk has the same size, so a plain all_to_all_single with equal splits works.',
  'Without padding, the counts are exchanged first so that each worker knows how much it will receive.',
];

/** The image forms, in order; `slug` is the post's file name without `.md`, `n` the image's number. */
const FORMS = [
  (slug, n) => ({ file: `${slug}/fig-${n}.png`, markdown: `![diagram ${n}](${slug}/fig-${n}.png)` }),
  (slug, n) => ({ file: `${slug}/fig-${n}.png`, markdown: `![dot slash ${n}](./${slug}/fig-${n}.png)` }),
  (slug, n) => ({ file: `${slug}/fig-${n}.png`, markdown: `![bare ${n}](fig-${n}.png)` }),
  (slug, n) => ({
    file: `${slug}.assets/image-20240102-${n}.png`,
    markdown: `![typora default ${n}](${slug}.assets/image-20240102-${n}.png)`,
  }),
  (slug, n) => ({
    file: `${slug}/图片 ${n}.png`,
    markdown: `![cjk ${n}](${slug}/${encodeURIComponent(`图片 ${n}.png`)})`,
  }),
  (slug, n) => ({
    file: `${slug}/fig-${n}.png`,
    markdown: `<img src="${slug}/fig-${n}.png" alt="zoomed ${n}" style="zoom:50%;" />`,
  }),
  (slug, n) => ({
    file: `${slug}/fig-${n}.png`,
    markdown: `![reference ${n}][fig${n}]\n\n[fig${n}]: ${slug}/fig-${n}.png "Figure ${n}"`,
  }),
  (slug, n) => ({ file: `${slug}/截图 ${n}.png`, markdown: `![raw space ${n}](${slug}/截图 ${n}.png)` }),
  (slug, n) => ({ file: `${slug}/sub/fig-${n}.png`, markdown: `![nested ${n}](${slug}/sub/fig-${n}.png)` }),
  (slug, n) => ({
    file: `${slug}/fig-${n}.png`,
    markdown: `![titled ${n}](${slug}/fig-${n}.png "Figure ${n}")`,
  }),
];

/** Typora's default form again, after `hexo typora sync` moved the image into the post's asset folder. */
const SYNCED_TYPORA_DEFAULT = (slug, n) => ({
  file: `${slug}/image-20240102-${n}.png`,
  markdown: `![typora default ${n}](${slug}/image-20240102-${n}.png)`,
});

function postMarkdown(index, slug, imagesPerPost, writeImage, synced) {
  const date = new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
  const lines = [
    '---',
    `title: Synthetic post ${index + 1}`,
    `date: ${date} 10:00:00`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Typora's own placeholder, written as is
    'typora-copy-images-to: ${filename}',
    '---',
    '',
    PROSE[index % PROSE.length],
    '',
  ];
  for (let n = 1; n <= imagesPerPost; n++) {
    const form = (
      synced && (n - 1) % FORMS.length === 3 ? SYNCED_TYPORA_DEFAULT : FORMS[(n - 1) % FORMS.length]
    )(slug, n);
    writeImage(form.file, index * imagesPerPost + n);
    lines.push(form.markdown, '');
    if (n === 1) lines.push('<!-- more -->', '');
    if (n % 3 === 0) lines.push(`## Section ${n / 3}`, '', PROSE[(index + n) % PROSE.length], '');
    if (n === 5) {
      lines.push(
        '```markdown',
        `![not an image in code](${slug}/fig-1.png)`,
        `<img src="${slug}/fig-6.png">`,
        '```',
        '',
        `The code span \`![also not](${slug}/fig-2.png)\` stays as written.`,
        '',
      );
    }
  }
  return lines.join('\n');
}

const LAYOUT_LIST =
  '<!doctype html><html><head><title>{{ config.title }}</title></head><body>{% for post in page.posts.toArray() %}<article><h2><a href="{{ url_for(post.path) }}">{{ post.title }}</a></h2>{{ (post.excerpt or post.content) | safe }}</article>{% endfor %}</body></html>\n';
const LAYOUT_POST =
  '<!doctype html><html><head><title>{{ page.title }}</title></head><body><article>{{ page.content | safe }}</article></body></html>\n';

/**
 * Writes the shared parts of a site (source/ and the theme) into `dir`. With `synced`, every image is in
 * the post's asset folder (the state `hexo typora sync` leaves), so that Hexo publishes every image itself.
 */
export function writeSyntheticSource(dir, { posts, imagesPerPost, synced = false }) {
  const postsDir = path.join(dir, 'source/_posts');
  fs.mkdirSync(postsDir, { recursive: true });
  for (let i = 0; i < posts; i++) {
    const slug = `post-${String(i + 1).padStart(4, '0')}`;
    const writeImage = (relative, seed) => {
      const file = path.join(postsDir, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, seededPng(seed));
    };
    fs.writeFileSync(
      path.join(postsDir, `${slug}.md`),
      postMarkdown(i, slug, imagesPerPost, writeImage, synced),
    );
  }
  const layout = path.join(dir, 'themes/plain/layout');
  fs.mkdirSync(layout, { recursive: true });
  for (const name of ['index', 'archive']) fs.writeFileSync(path.join(layout, `${name}.njk`), LAYOUT_LIST);
  for (const name of ['post', 'page']) fs.writeFileSync(path.join(layout, `${name}.njk`), LAYOUT_POST);
}

/** Makes `dir` a Hexo site that loads exactly `plugins` (plus marked and the index generator). */
export function writeSiteConfig(dir, { plugins, repoRoot }) {
  const dependencies = Object.fromEntries(
    ['hexo-generator-index', 'hexo-renderer-marked', ...plugins].sort().map((name) => [name, '*']),
  );
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-site', private: true, hexo: { version: '8.1.2' }, dependencies }, null, 2)}\n`,
  );
  fs.writeFileSync(
    path.join(dir, '_config.yml'),
    [
      'title: Bench',
      'url: https://example.github.io',
      'root: /',
      'permalink: :year/:month/:day/:title/',
      'post_asset_folder: true',
      'theme: plain',
      'marked:',
      '  smartypants: false',
      'index_generator:',
      "  path: ''",
      '  per_page: 10',
      // This bench times path resolution; responsive variants have their own (images.bench.mjs).
      'typora:',
      '  images: false',
      '',
    ].join('\n'),
  );
  fs.rmSync(path.join(dir, 'node_modules'), { force: true });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
}
