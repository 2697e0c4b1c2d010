import { describe, expect, it } from 'vitest';
import { findHtmlReferences, findHtmlTags } from '../../../src/html/find_html_references';

describe('findHtmlTags', () => {
  it('reads a quoted > inside an attribute as part of the value', () => {
    const html = '<img alt="a > b" src="x.png">';
    const [tag] = findHtmlTags(html);
    expect(tag?.name).toBe('img');
    expect(tag?.end).toBe(html.length);
    const src = tag?.attributes.find((a) => a.name === 'src');
    expect(src && html.slice(src.start, src.end)).toBe('x.png');
  });

  it('places new attributes before the closing slash of a self-closing tag', () => {
    const html = '<img src="x.png" />';
    const [tag] = findHtmlTags(html);
    expect(html.slice(0, tag?.insertAt)).toBe('<img src="x.png"');
  });

  it('gives the whole attribute, name to closing quote, for removal', () => {
    const html = '<img style="zoom:50%;" src=x.png>';
    const style = findHtmlTags(html)[0]?.attributes.find((a) => a.name === 'style');
    expect(style && html.slice(style.outerStart, style.outerEnd)).toBe('style="zoom:50%;"');
  });

  it('stops after `limit` tags', () => {
    const html = '<img src="a.png"><p>text</p><img src="b.png"><a href="c.pdf">c</a>';
    expect(findHtmlTags(html).map((t) => t.name)).toEqual(['img', 'p', 'img', 'a']);
    expect(findHtmlTags(html, 1).map((t) => t.name)).toEqual(['img']);
    expect(findHtmlTags(html, 3).map((t) => t.name)).toEqual(['img', 'p', 'img']);
  });

  it('ignores tags inside comments', () => {
    expect(findHtmlTags('<!-- <img src="x.png"> --><br>').map((t) => t.name)).toEqual(['br']);
  });
});

describe('findHtmlReferences', () => {
  it('decodes entities in the value but reports the raw offsets', () => {
    const html = '<a href="a&amp;b.pdf">x</a>';
    const [reference] = findHtmlReferences(html);
    expect(reference?.value).toBe('a&b.pdf');
    expect(html.slice(reference?.start, reference?.end)).toBe('a&amp;b.pdf');
  });
});
