/**
 * The destination sync writes must read back as the same file everywhere: marked's lexer (one inline image,
 * nothing lost to escapes), the HTML attribute reader, and the plugin's own path parser (percent-decoding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHtmlReferences } from '../../../src/html/find_html_references';
import { findReferences } from '../../../src/markdown/find_references';
import { parseDestination } from '../../../src/resolve/parse_destination';
import { assetDestination, encodeAssetSegment } from '../../../src/sync/plan/asset_destination';

const fileName = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 20 })
  .filter(
    (name) =>
      !/\p{Cs}/u.test(name) && !name.includes('/') && !name.includes('\0') && name !== '.' && name !== '..',
  );

describe('assetDestination', () => {
  it('encodes only what must be: spaces, reserved ASCII, invisible characters; CJK stays raw', () => {
    expect(assetDestination('hello', '截图 2.png')).toBe('hello/截图%202.png');
    expect(assetDestination('hello', 'shot(1) #2?.png')).toBe('hello/shot%281%29%20%232%3F.png');
    expect(assetDestination('hello', '100%<>"\'&\\.png')).toBe('hello/100%25%3C%3E%22%27%26%5C.png');
    expect(assetDestination('hello', 'a:b.png')).toBe('hello/a%3Ab.png');
    expect(assetDestination('hello', 'zero\u200Bwidth\u00A0nbsp.png')).toBe(
      'hello/zero%E2%80%8Bwidth%C2%A0nbsp.png',
    );
    expect(assetDestination('my post', 'sub/x.png', '#page=2 (b)')).toBe(
      'my%20post/sub/x.png#page=2%20%28b%29',
    );
    expect(encodeAssetSegment('Ünïcödé-ok_~!$+,;@.png')).toBe('Ünïcödé-ok_~!$+,;@.png');
  });

  it('reads back, for any file name, as exactly that file in markdown, HTML and the path parser', () => {
    fc.assert(
      fc.property(fileName, fileName, (post, name) => {
        const destination = assetDestination(post, name);
        const markdown = `![x](${destination})\n`;
        const [reference, ...more] = findReferences(markdown);
        expect(more).toEqual([]);
        expect(reference?.syntax).toBe('inline');
        expect(markdown.slice(reference?.start, reference?.end)).toBe(destination);
        expect(reference?.destination).toBe(destination);
        const html = findHtmlReferences(`<img src="${destination}">`);
        expect(html.map((h) => h.value)).toEqual([destination]);
        const parsed = parseDestination(destination);
        expect(parsed).toMatchObject({ kind: 'local', style: 'relative', suffix: '' });
        expect(parsed.kind === 'local' && parsed.paths[0]).toBe(`${post}/${name}`);
      }),
      { numRuns: 1000 },
    );
  });
});
