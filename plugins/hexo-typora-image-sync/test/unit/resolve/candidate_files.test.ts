import { describe, expect, it } from 'vitest';
import { candidateFiles, mainCandidateFiles, type PostLocation } from '../../../src/resolve/candidate_files';
import { parseDestination } from '../../../src/resolve/parse_destination';

const where: PostLocation = {
  markdownFile: '/site/source/_posts/hello.md',
  assetDir: '/site/source/_posts/hello',
  sourceDir: '/site/source',
  homeDir: '/home/author',
};

function candidates(destination: string, location: PostLocation = where): string[] {
  const parsed = parseDestination(destination);
  if (parsed.kind !== 'local') throw new Error('not local');
  return candidateFiles(parsed, location);
}

describe('candidateFiles', () => {
  it('looks beside the markdown file first (what Typora shows), then in the asset folder', () => {
    expect(candidates('x.png')).toEqual(['/site/source/_posts/x.png', '/site/source/_posts/hello/x.png']);
    expect(candidates('sub/x.png')).toEqual([
      '/site/source/_posts/sub/x.png',
      '/site/source/_posts/hello/sub/x.png',
    ]);
  });

  it('never looks for the asset folder inside itself, nor climbs out of it', () => {
    expect(candidates('hello/x.png')).toEqual(['/site/source/_posts/hello/x.png']);
    expect(candidates('./hello/x.png')).toEqual(['/site/source/_posts/hello/x.png']);
    expect(candidates('../images/x.png')).toEqual(['/site/source/images/x.png']);
    expect(candidates('hello.assets/x.png')).toEqual(['/site/source/_posts/hello.assets/x.png']);
    // Unless the author wrote the folder twice.
    expect(candidates('hello/hello/x.png')).toEqual(['/site/source/_posts/hello/hello/x.png']);
  });

  it('resolves /paths under typora-root-url, then source/, then as an absolute path', () => {
    expect(candidates('/pic.png', { ...where, typoraRootUrl: './hello' })).toEqual([
      '/site/source/_posts/hello/pic.png',
      '/site/source/pic.png',
      '/pic.png',
    ]);
    expect(candidates('/Users/me/a.png')).toEqual(['/site/source/Users/me/a.png', '/Users/me/a.png']);
  });

  it('expands ~ to the home folder and keeps Windows paths as they are', () => {
    expect(candidates('~/Desktop/a.png')).toEqual(['/home/author/Desktop/a.png']);
    expect(candidates('C:\\Users\\me\\a.png')).toEqual(['C:/Users/me/a.png']);
  });

  it('tries the decoded spelling before the written one', () => {
    expect(candidates('hello/a%20b.png')[0]).toBe('/site/source/_posts/hello/a b.png');
    expect(candidates('hello/a%20b.png')).toContain('/site/source/_posts/hello/a%20b.png');
  });
});

describe('mainCandidateFiles', () => {
  it('leaves out the fallback spellings a "not found" message need not list', () => {
    const parsed = parseDestination('hello/paper.pdf#page=2');
    if (parsed.kind !== 'local') throw new Error('not local');
    expect(candidateFiles(parsed, where)).toContain('/site/source/_posts/hello/paper.pdf#page=2');
    expect(mainCandidateFiles(parsed, where)).toEqual(['/site/source/_posts/hello/paper.pdf']);
  });
});
