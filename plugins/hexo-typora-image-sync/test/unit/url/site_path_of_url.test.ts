import { describe, expect, it } from 'vitest';
import { sitePathOfUrl } from '../../../src/url/site_path_of_url';

const SITE = { url: 'https://example.github.io/blog', root: '/blog/' };
const PAGE = '2024/01/02/hello/';

describe('sitePathOfUrl', () => {
  it('maps root-relative, page-relative and same-host absolute URLs to a decoded site path', () => {
    expect(sitePathOfUrl('/blog/2024/01/02/hello/%E5%9B%BE%201.png', PAGE, SITE)).toBe(
      '2024/01/02/hello/图 1.png',
    );
    expect(sitePathOfUrl('x.png', PAGE, SITE)).toBe('2024/01/02/hello/x.png');
    expect(sitePathOfUrl('../../03/other/y.png', PAGE, SITE)).toBe('2024/01/03/other/y.png');
    expect(sitePathOfUrl('https://example.github.io/blog/images/z.png', PAGE, SITE)).toBe('images/z.png');
    expect(sitePathOfUrl('/blog/images/z.png?v=2#top', PAGE, SITE)).toBe('images/z.png');
    expect(sitePathOfUrl('x.png', 'about/index.html', SITE)).toBe('about/x.png');
  });

  it('works at root /', () => {
    expect(sitePathOfUrl('/images/z.png', PAGE, { url: 'http://example.com', root: '/' })).toBe(
      'images/z.png',
    );
  });

  it('is null for what the site does not serve', () => {
    expect(sitePathOfUrl('https://cdn.example.org/blog/x.png', PAGE, SITE)).toBeNull();
    expect(sitePathOfUrl('//cdn.example.org/x.png', PAGE, SITE)).toBeNull();
    expect(sitePathOfUrl('/elsewhere/x.png', PAGE, SITE)).toBeNull();
    expect(sitePathOfUrl('data:image/png;base64,AAAA', PAGE, SITE)).toBeNull();
    expect(sitePathOfUrl('/blog/%E0%A4%A.png', PAGE, SITE)).toBeNull();
    expect(sitePathOfUrl('  ', PAGE, SITE)).toBeNull();
  });
});
