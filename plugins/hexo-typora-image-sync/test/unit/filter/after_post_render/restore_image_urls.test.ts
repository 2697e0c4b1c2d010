/**
 * The after_post_render filter called directly, as Hexo core tests its filters (test/scripts/filters/): a
 * small fake plugin context and the data object Hexo would pass, no Hexo process. The sizes come from PNG
 * files written here, the attributes are read back with an HTML parser.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TyporaConfig } from '../../../../src/config';
import type { PluginContext, RewrittenReference } from '../../../../src/context';
import { restoreImageUrls } from '../../../../src/filter/after_post_render/restore_image_urls';
import type { RenderData } from '../../../../src/hexo/site_model';
import { ImageSizeReader } from '../../../../src/images/read_image_size';
import { makePng } from '../../../support/make_png';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-urls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const PNG = path.join(dir, 'shot.png');
fs.writeFileSync(PNG, makePng(40, 20, [10, 20, 30]));
const PDF = path.join(dir, 'paper.pdf');
fs.writeFileSync(PDF, '%PDF-1.4\n');

const PLACEHOLDER = 'typora-asset:0123abcd-';

/** The part of the plugin context this filter reads. */
function fakeContext(config: Partial<TyporaConfig> = {}): PluginContext {
  return {
    config: { ...DEFAULT_CONFIG, ...config },
    placeholder: PLACEHOLDER,
    rewritten: new WeakMap(),
    imageSizes: new ImageSizeReader(),
  } as unknown as PluginContext;
}

/** A rendered post whose references the before_post_render filter replaced by placeholders 0, 1, 2… */
function renderedPost(ctx: PluginContext, html: string, references: RewrittenReference[]): RenderData {
  const data: RenderData = { content: html };
  ctx.rewritten.set(data, references);
  return data;
}

const imgs = (html: string) =>
  DomUtils.getElementsByTagName('img', parseDocument(html)).map((img) => img.attribs);

const REFERENCES: RewrittenReference[] = [
  { url: '/2024/01/02/hello/shot.png', file: PNG, image: true },
  { url: '/2024/01/02/hello/zoomed%20shot.png', file: PNG, image: true },
  { url: '/2024/01/02/hello/paper.pdf', file: PDF, image: false },
];
const HTML = [
  `<p><img src="${PLACEHOLDER}0-" alt="shot"></p>`,
  `<p><img src="${PLACEHOLDER}1-" alt="zoomed" style="zoom:50%;"></p>`,
  `<p><a href="${PLACEHOLDER}2-">the paper</a></p>`,
].join('\n');

describe('restoreImageUrls (after_post_render)', () => {
  it('puts the final URLs in place of the placeholders, and gives each image its size', () => {
    const ctx = fakeContext();
    const out = restoreImageUrls(ctx)(renderedPost(ctx, HTML, REFERENCES)).content;
    expect(out).not.toContain(PLACEHOLDER);
    expect(imgs(out)).toEqual([
      { src: '/2024/01/02/hello/shot.png', alt: 'shot', width: '40', height: '20' },
      // Typora's zoom becomes the size; the emptied style goes.
      { src: '/2024/01/02/hello/zoomed%20shot.png', alt: 'zoomed', width: '20', height: '10' },
    ]);
    expect(DomUtils.getElementsByTagName('a', parseDocument(out))[0]?.attribs.href).toBe(
      '/2024/01/02/hello/paper.pdf',
    );
  });

  it('leaves sizes out with image_size: false, and Typora’s zoom where it is', () => {
    const ctx = fakeContext({ image_size: false });
    const out = restoreImageUrls(ctx)(renderedPost(ctx, HTML, REFERENCES)).content;
    expect(imgs(out).map((attributes) => Object.keys(attributes))).toEqual([
      ['src', 'alt'],
      ['src', 'alt', 'style'],
    ]);
  });

  it('never overrides a size the author wrote', () => {
    const ctx = fakeContext();
    const html = `<img src="${PLACEHOLDER}0-" alt="shot" width="300">`;
    const out = restoreImageUrls(ctx)(renderedPost(ctx, html, REFERENCES)).content;
    expect(imgs(out)).toEqual([{ src: '/2024/01/02/hello/shot.png', alt: 'shot', width: '300' }]);
  });

  it('passes through a document it did not rewrite, and each document only once', () => {
    const ctx = fakeContext();
    const untouched: RenderData = { content: `<p>${PLACEHOLDER}0- is only text here</p>` };
    expect(restoreImageUrls(ctx)(untouched).content).toBe(`<p>${PLACEHOLDER}0- is only text here</p>`);
    const post = renderedPost(ctx, HTML, REFERENCES);
    const once = restoreImageUrls(ctx)(post).content;
    expect(ctx.rewritten.has(post)).toBe(false);
    expect(restoreImageUrls(ctx)(post).content).toBe(once);
  });
});
