/**
 * The theme serves an English blog too: a tiny English site (`language: en`, English posts) built with the real
 * hexo CLI and this theme has not one Chinese character in any page, script or index it publishes, so every UI
 * string (headings, labels, aria-labels, the scripts' messages) came from languages/en.yml. A few of them are
 * checked by name as well, so that a string dropped altogether does not pass unnoticed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../support/site';

const REPO = resolve(import.meta.dirname, '../..');
const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

const CONFIG = `title: Notes
author: Someone
language: en
url: https://example.org
root: /
permalink: :year/:month/:day/:title/
post_asset_folder: true
per_page: 1
syntax_highlighter: highlight.js
highlight:
  line_number: false
  auto_detect: false
  wrap: true
  hljs: false
theme: paperwhite
`;

const PACKAGE = {
  name: 'english-blog',
  private: true,
  hexo: { version: '8.1.2' },
  dependencies: {
    hexo: '8.1.2',
    'hexo-generator-archive': '*',
    'hexo-generator-category': '*',
    'hexo-generator-index': '*',
    'hexo-generator-tag': '*',
    'hexo-renderer-ejs': '*',
    'hexo-renderer-marked': '*',
  },
};

/** A post with everything the theme labels: headings (TOC), a table with an empty corner, code, an image. */
const POST = `---
title: Ring all-reduce in practice
date: 2024-03-12 10:00:00
updated: 2024-04-01 10:00:00
tags: [allreduce]
categories: [training]
---
Gradients are summed across workers with a ring.

<!-- more -->

## Reduce-scatter

Each worker sends one chunk to its right neighbour.

![ring of four workers](ring.svg)

## All-gather

|   | bytes | steps |
| - | ----- | ----- |
| ring | 2(N-1)/N | 2(N-1) |

## Code

\`\`\`python
import torch.distributed as dist
dist.all_reduce(tensor)
\`\`\`
`;

const OLDER = `---
title: Bucketing gradients
date: 2024-01-05 10:00:00
tags: [allreduce]
---
Small tensors are grouped into buckets before they are reduced.
`;

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><circle cx="50" cy="50" r="40"/></svg>';

let dir: string;
const read = (path: string) => readFileSync(join(dir, 'public', path), 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperwhite-english-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('_config.yml', CONFIG);
  write('package.json', JSON.stringify(PACKAGE));
  write('source/_posts/ring.md', POST);
  write('source/_posts/ring/ring.svg', SVG);
  write('source/_posts/buckets.md', OLDER);
  write('source/about/index.md', '---\ntitle: About\n---\nNotes on distributed training.\n');
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(REPO, 'themes'), join(dir, 'themes'));
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(REPO, 'node_modules/hexo/bin/hexo'), 'generate'],
    { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  );
  expect(`${stdout}${stderr}`).not.toMatch(/\b(ERROR|FATAL|WARN)\b/);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an English blog', () => {
  it('publishes no Chinese character in any page, script or index', () => {
    const files = listFiles(join(dir, 'public')).filter((f) => /\.(html|js|json|xml)$/.test(f));
    expect(files).toContain('2024/03/12/ring/index.html');
    expect(files).toContain('js/zoom.js');
    const chinese = files.flatMap((file) =>
      read(file)
        .split('\n')
        .filter((line) => HAN.test(line))
        .map((line) => `${file}: ${line.trim().slice(0, 160)}`),
    );
    expect(chinese).toEqual([]);
  });

  it('labels the post page in English', () => {
    const html = read('2024/03/12/ring/index.html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta property="og:locale" content="en">');
    expect(html).toContain('<a class="skip" href="#main">Skip to content</a>');
    expect(html).toContain('<nav aria-label="Main navigation"><a href="/archives/">Archives</a>');
    expect(html).toContain('aria-label="Dark mode"');
    expect(html).toContain(' · updated <time');
    expect(html).toMatch(/ · 1 min read/);
    expect(html).toContain('<summary>Contents</summary><nav aria-label="Contents">');
    expect(html).toContain('<div class="table" tabindex="0" role="region" aria-label="Table">');
    expect(html).toContain('data-copy="Copy" data-copied="Copied" data-copy-failed="Copy failed"');
    expect(html).toContain('<dialog class="zoom" aria-label="Original image">');
    expect(html).toContain('<button aria-label="Close">');
    expect(html).toContain('<span>Previous</span>Bucketing gradients');
  });

  it('labels lists, pagination, search and the generated pages in English', () => {
    const home = read('index.html');
    expect(home).toContain('<nav class="pager" aria-label="Pagination">');
    expect(home).toContain('<span>Page 1 of 2</span>');
    expect(home).toContain('Older →');
    expect(read('page/2/index.html')).toContain('<title>Posts · page 2 · Notes</title>');
    expect(read('tags/index.html')).toContain('<h1>Tags</h1>');
    expect(read('tags/allreduce/index.html')).toContain('<h1>Tag: allreduce</h1>');
    expect(read('categories/training/index.html')).toContain('<h1>Category: training</h1>');
    expect(read('archives/index.html')).toContain('<h1>Archives</h1>');
    expect(read('archives/2024/index.html')).toContain('<h1>Archives: 2024</h1>');
    const search = read('search/index.html');
    expect(search).toContain('<label for="q">Search titles, tags and the start of each post</label>');
    expect(search).toContain('data-none="No post matches."');
    expect(search).toContain('Search needs JavaScript.');
  });
});
