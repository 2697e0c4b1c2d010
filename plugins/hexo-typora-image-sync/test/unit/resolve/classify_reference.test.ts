import { describe, expect, it } from 'vitest';
import {
  classifyReference,
  isFileReference,
  type LocalDestination,
  type PublishPolicy,
  type ReferenceFacts,
  type ReferenceScope,
} from '../../../src/resolve/classify_reference';
import { describeReference } from '../../../src/resolve/describe_reference';
import { parseDestination } from '../../../src/resolve/parse_destination';

const scope: ReferenceScope = {
  markdownFile: '/site/source/_posts/hello.md',
  assetDir: '/site/source/_posts/hello',
  sourceDir: '/site/source',
  homeDir: '/home/me',
  realBaseDir: '/site',
  realSourceDir: '/site/source',
  fromDraft: false,
};
const policy: PublishPolicy = { strict: false, publishOutside: true, maxBytes: 50 * 1048576 };
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const whole = (size: number) => ({ kind: 'ends' as const, at: size });

function local(destination: string): LocalDestination {
  const parsed = parseDestination(destination);
  if (parsed.kind !== 'local') throw new Error(`${destination} is not local`);
  return parsed;
}

function found(file: string, extra: Partial<ReferenceFacts> = {}): ReferenceFacts {
  return {
    resolution: { found: true, file, caseMismatch: false },
    looked: [file],
    real: file,
    publishedByHexo: false,
    typoraFolders: [],
    ...extra,
  };
}

const missing = (looked: string[], extra: Partial<ReferenceFacts> = {}): ReferenceFacts => ({
  resolution: { found: false },
  looked,
  publishedByHexo: false,
  typoraFolders: [],
  ...extra,
});

describe('isFileReference', () => {
  it('ignores external URLs and links to pages, never images', () => {
    expect(isFileReference(true, parseDestination('https://x/y.png'))).toBe(false);
    expect(isFileReference(false, parseDestination('other-post.md'))).toBe(false);
    expect(isFileReference(false, parseDestination('/about/index.html'))).toBe(false);
    expect(isFileReference(true, parseDestination('page.html'))).toBe(true);
    expect(isFileReference(false, parseDestination('hello/data.csv'))).toBe(true);
  });
});

describe('classifyReference', () => {
  it('accepts a post asset in Typora form as it is, served by Hexo', () => {
    const file = '/site/source/_posts/hello/x.png';
    const verdict = classifyReference(
      true,
      local('hello/x.png'),
      found(file, { publishedByHexo: true, typoraFile: file }),
      scope,
      policy,
    );
    expect(verdict).toEqual({
      kind: 'found',
      file,
      real: file,
      place: 'asset-folder',
      servedBy: 'hexo',
      notes: [],
    });
  });

  it('notes a post asset written in a form Typora does not show', () => {
    const file = '/site/source/_posts/hello/x.png';
    const verdict = classifyReference(
      true,
      local('x.png'),
      found(file, { publishedByHexo: true, typoraFile: '/site/source/_posts/x.png' }),
      scope,
      policy,
    );
    expect(verdict).toMatchObject({ kind: 'found', notes: ['not-typora-form'] });
  });

  it('notes backslash separators found under /', () => {
    const file = '/site/source/_posts/hello/1.png';
    const parsed = local('hello\\1.png');
    expect(parsed.paths).toEqual(['hello\\1.png', 'hello/1.png']);
    const verdict = classifyReference(true, parsed, found(file, { publishedByHexo: true }), scope, policy);
    expect(verdict).toMatchObject({ kind: 'found', notes: ['backslashes'] });
    expect(describeFor(verdict, 'hello\\1.png')).toMatchObject({
      severity: 'warning',
      problem: expect.stringContaining('uses \\ between folders'),
      fix: expect.stringContaining('write / instead'),
    });
  });

  it('refuses a link in an asset folder that leads out of the repository, though Hexo publishes it', () => {
    const verdict = classifyReference(
      true,
      local('hello/passwd.png'),
      found('/site/source/_posts/hello/passwd.png', { real: '/etc/passwd', publishedByHexo: true }),
      scope,
      policy,
    );
    expect(verdict).toMatchObject({ kind: 'refused', linkOut: true, real: '/etc/passwd' });
    expect(describeFor(verdict, 'hello/passwd.png')?.fix).toMatch(/cp -L/);
  });

  it('accepts a post asset whose source/ is itself a link to another folder', () => {
    const linked = { ...scope, realSourceDir: '/notes/source' };
    const verdict = classifyReference(
      true,
      local('hello/x.png'),
      found('/site/source/_posts/hello/x.png', {
        real: '/notes/source/_posts/hello/x.png',
        publishedByHexo: true,
      }),
      linked,
      policy,
    );
    expect(verdict).toMatchObject({ kind: 'found', servedBy: 'hexo' });
  });

  it('follows a link in an asset folder into the repository: private or non-image targets are refused', () => {
    const file = '/site/source/_posts/hello/x.png';
    const env = classifyReference(
      true,
      local('hello/x.png'),
      found(file, {
        real: '/site/.env',
        publishedByHexo: true,
        content: {
          realPath: '/site/.env',
          name: 'x.png',
          size: 9,
          head: Buffer.from('SECRET=1\n'),
          end: { kind: 'unchecked' },
        },
      }),
      scope,
      policy,
    );
    expect(env).toMatchObject({ kind: 'refused', reason: 'it is a hidden (dot) file' });
    expect(env).not.toHaveProperty('linkOut');
    const draft = classifyReference(
      true,
      local('hello/x.png'),
      found(file, { real: '/site/source/_drafts/secret/x.png', publishedByHexo: true }),
      scope,
      policy,
    );
    expect(draft).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/draft/) });
    const image = classifyReference(
      true,
      local('hello/x.png'),
      found(file, {
        real: '/site/images/a.png',
        publishedByHexo: true,
        content: {
          realPath: '/site/images/a.png',
          name: 'x.png',
          size: PNG.length,
          head: PNG,
          end: whole(PNG.length),
        },
      }),
      scope,
      policy,
    );
    expect(image).toMatchObject({ kind: 'found', servedBy: 'hexo' });
  });

  it('publishes a file beside the post through the plugin, and Hexo privacy rules hold', () => {
    const beside = classifyReference(
      false,
      local('run.py'),
      found('/site/source/_posts/run.py'),
      scope,
      policy,
    );
    expect(beside).toMatchObject({ kind: 'found', place: 'source', servedBy: 'plugin' });
    const hidden = classifyReference(
      true,
      local('.env.png'),
      found('/site/source/_posts/.env.png'),
      scope,
      policy,
    );
    expect(hidden).toMatchObject({ kind: 'refused', reason: 'it is a hidden (dot) file' });
    const draft = classifyReference(
      true,
      local('../_drafts/x.png'),
      found('/site/source/_drafts/x.png'),
      scope,
      policy,
    );
    expect(draft).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/draft/) });
    const fromDraft = classifyReference(
      true,
      local('../_drafts/x.png'),
      found('/site/source/_drafts/x.png'),
      { ...scope, fromDraft: true },
      policy,
    );
    expect(fromDraft).toMatchObject({ kind: 'found' });
  });

  it('checks the content of a file from outside source/, and strict mode refuses outside the repository', () => {
    const outside = '/home/me/Pictures/x.png';
    const facts = found(outside, {
      content: { realPath: outside, size: PNG.length, head: PNG, end: whole(PNG.length) },
    });
    expect(classifyReference(true, local('/home/me/Pictures/x.png'), facts, scope, policy)).toMatchObject({
      kind: 'found',
      place: 'outside-repository',
      servedBy: 'plugin',
    });
    expect(
      classifyReference(true, local('/home/me/Pictures/x.png'), facts, scope, { ...policy, strict: true }),
    ).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/strict mode/) });
    const text = found(outside, {
      content: { realPath: outside, size: 5, head: Buffer.from('hello'), end: { kind: 'unchecked' } },
    });
    expect(classifyReference(true, local('/home/me/Pictures/x.png'), text, scope, policy)).toMatchObject({
      kind: 'refused',
    });
    const unreadable = found(outside, { content: { error: 'EACCES' } });
    expect(
      classifyReference(true, local('/home/me/Pictures/x.png'), unreadable, scope, policy),
    ).toMatchObject({
      kind: 'refused',
      reason: 'it cannot be read (EACCES)',
    });
  });

  it('serves nothing the plugin would publish when publish_outside is off, and says so', () => {
    const verdict = classifyReference(
      true,
      local('hello.assets/x.png'),
      found('/site/source/_posts/hello.assets/x.png'),
      scope,
      { ...policy, publishOutside: false },
    );
    expect(verdict).toMatchObject({ kind: 'found', servedBy: 'nobody' });
    expect(describeFor(verdict, 'hello.assets/x.png')).toMatchObject({
      severity: 'error',
      problem: expect.stringContaining('typora.publish_outside is off'),
    });
  });

  it('tells why a file is missing: the author machine, an obstacle, bad encoding, or just not there', () => {
    const looked = ['/site/source/_posts/hello/x.png'];
    expect(classifyReference(true, local('/Users/me/x.png'), missing(looked), scope, policy)).toMatchObject({
      reason: 'author-machine',
    });
    expect(
      classifyReference(true, local('C:\\Users\\me\\x.png'), missing(looked), scope, policy),
    ).toMatchObject({
      reason: 'author-machine',
    });
    expect(classifyReference(true, local('hello/%E5%9B.png'), missing(looked), scope, policy)).toMatchObject({
      reason: 'bad-encoding',
    });
    const dir = missing(looked, { obstacle: { file: looked[0] as string, kind: 'directory' } });
    const verdict = classifyReference(true, local('hello/x.png'), dir, scope, policy);
    expect(verdict).toMatchObject({ reason: 'not-a-file', entry: 'directory' });
    expect(describeFor(verdict, 'hello/x.png')?.problem).toMatch(/names a folder \(.*\), not a file/);
    const fifo = missing(looked, { obstacle: { file: looked[0] as string, kind: 'fifo' } });
    expect(
      describeFor(classifyReference(true, local('hello/x.png'), fifo, scope, policy), 'x')?.problem,
    ).toMatch(/named pipe/);
    const locked = missing(looked, {
      obstacle: { file: looked[0] as string, kind: 'unlistable', code: 'EACCES' },
    });
    expect(classifyReference(true, local('hello/x.png'), locked, scope, policy)).toMatchObject({
      reason: 'unreadable',
      code: 'EACCES',
    });
    expect(classifyReference(true, local('hello/x.png'), missing(looked), scope, policy)).toMatchObject({
      reason: 'not-found',
      looked,
    });
  });

  it('ignores a missing link target unless it looks like an attachment', () => {
    expect(classifyReference(false, local('/tags/moe/'), missing([]), scope, policy)).toEqual({
      kind: 'ignored',
    });
    expect(classifyReference(false, local('hello/paper.pdf'), missing([]), scope, policy)).toMatchObject({
      kind: 'missing',
    });
  });
});

describe('describeReference', () => {
  it('never prints control characters from a decoded path', () => {
    const verdict = classifyReference(true, local('hello/%1B[2K%0Dx.png'), missing(['/x']), scope, policy);
    const text = JSON.stringify(describeFor(verdict, '\u001b[2K\rx.png'));
    const problem = describeFor(verdict, '\u001b[2K\rx.png')?.problem ?? '';
    expect(problem.includes('\u001b') || problem.includes('\r')).toBe(false);
    expect(text).toContain('\\\\u001b');
  });
});

function describeFor(verdict: ReturnType<typeof classifyReference>, destination: string) {
  return describeReference(verdict, {
    image: true,
    destination,
    short: (file) => file.replace('/site/', ''),
    assetName: 'hello',
    assetShown: 'source/_posts/hello/',
  });
}
