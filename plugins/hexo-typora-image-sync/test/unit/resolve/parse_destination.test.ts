import { describe, expect, it } from 'vitest';
import { parseDestination } from '../../../src/resolve/parse_destination';

describe('parseDestination', () => {
  it.each([
    'https://example.com/a.png',
    'http://x/y.png',
    '//cdn.example.com/a.png',
    'data:image/png;base64,AAAA',
    'mailto:me@example.com',
    '#section',
    '',
    '   ',
  ])('leaves %j alone', (destination) => {
    expect(parseDestination(destination)).toEqual({ kind: 'external' });
  });

  it('reads relative forms as written and percent-decoded', () => {
    expect(parseDestination('hello/%E5%9B%BE%201.png')).toEqual({
      kind: 'local',
      style: 'relative',
      paths: ['hello/图 1.png', 'hello/%E5%9B%BE%201.png'],
      suffix: '',
    });
    expect(parseDestination('./hello.assets/x.png')).toMatchObject({
      style: 'relative',
      paths: ['./hello.assets/x.png'],
    });
  });

  it('keeps a query or fragment for the URL, and still tries a name that contains it', () => {
    expect(parseDestination('hello/paper.pdf#page=2')).toEqual({
      kind: 'local',
      style: 'relative',
      paths: ['hello/paper.pdf', 'hello/paper.pdf#page=2'],
      suffix: '#page=2',
    });
  });

  it('recognises absolute paths from macOS, Linux and Windows, raw or as file URLs', () => {
    expect(parseDestination('/Users/me/Library/Application Support/typora-user-images/a.png')).toMatchObject({
      style: 'rooted',
      paths: ['/Users/me/Library/Application Support/typora-user-images/a.png'],
    });
    expect(parseDestination('C:\\Users\\me\\Pictures\\a b.png')).toMatchObject({
      style: 'windows',
      paths: ['C:/Users/me/Pictures/a b.png'],
    });
    expect(parseDestination('file:///C:/Users/me/a%20b.png')).toMatchObject({
      style: 'windows',
      paths: ['C:/Users/me/a b.png', 'C:/Users/me/a%20b.png'],
    });
    expect(parseDestination('file:///home/me/.config/Typora/typora-user-images/a%23b.png')).toMatchObject({
      style: 'rooted',
      paths: [
        '/home/me/.config/Typora/typora-user-images/a#b.png',
        '/home/me/.config/Typora/typora-user-images/a%23b.png',
      ],
      suffix: '',
    });
    expect(parseDestination('~/Desktop/a.png')).toMatchObject({ style: 'home', paths: ['~/Desktop/a.png'] });
  });

  it('tries / for the backslashes Typora on Windows writes in relative paths, after the literal name', () => {
    expect(parseDestination('post-name\\1.png')).toEqual({
      kind: 'local',
      style: 'relative',
      paths: ['post-name\\1.png', 'post-name/1.png'],
      suffix: '',
      backslashes: true,
    });
    expect(parseDestination('post\\sub\\x%20y.png')).toMatchObject({
      paths: ['post\\sub\\x y.png', 'post\\sub\\x%20y.png', 'post/sub/x y.png', 'post/sub/x%20y.png'],
      backslashes: true,
    });
    expect(parseDestination('hello/x.png')).not.toHaveProperty('backslashes');
  });

  it('reports a bad percent-encoding instead of throwing, and keeps the raw spelling', () => {
    const parsed = parseDestination('hello/%E5%9B.png');
    expect(parsed).toMatchObject({ kind: 'local', paths: ['hello/%E5%9B.png'] });
    expect(parsed.kind === 'local' && parsed.problem).toMatch(/bad percent-encoding in "hello\/%E5%9B\.png"/);
  });
});
