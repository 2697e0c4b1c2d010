import { describe, expect, it } from 'vitest';
import { encodeUrlPath, joinRoot } from '../../../src/url/encode_url_path';

describe('encodeUrlPath', () => {
  it('encodes every segment, and the characters that end markdown destinations or quoted attributes', () => {
    expect(encodeUrlPath('2024/01/02/hello/图 1.png')).toBe('2024/01/02/hello/%E5%9B%BE%201.png');
    expect(encodeUrlPath("a/shot(1)'s #2?.png")).toBe('a/shot%281%29%27s%20%232%3F.png');
    expect(decodeURIComponent(encodeUrlPath('x/100%.png'))).toBe('x/100%.png');
  });

  it('joins root with exactly one slash', () => {
    expect(joinRoot('/', 'a/b.png')).toBe('/a/b.png');
    expect(joinRoot('/blog/', '/a/b.png')).toBe('/blog/a/b.png');
    expect(joinRoot('/blog', 'a/b.png')).toBe('/blog/a/b.png');
  });
});
