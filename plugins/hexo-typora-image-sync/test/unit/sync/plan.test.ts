/**
 * The planner is pure: it decides from the facts it is given, with no file system of its own. Called here with
 * plain fake facts, as Hexo core tests a filter with a small fake context.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarkdownReference } from '../../../src/markdown/find_references';
import type { LocalDestination } from '../../../src/resolve/classify_reference';
import { parseDestination } from '../../../src/resolve/parse_destination';
import { readFrontMatter } from '../../../src/sync/plan/front_matter';
import { type PlanFacts, planPost } from '../../../src/sync/plan/plan_post';
import { type PruneFacts, planPrune } from '../../../src/sync/plan/plan_prune';
import { postEntry } from '../../../src/sync/read/find_posts';

const PLAN_DIR = path.join(__dirname, '../../../src/sync/plan');

describe('sync/plan/', () => {
  it('touches no file system: no module imports fs, or the read/ and apply/ layers', () => {
    for (const name of fs.readdirSync(PLAN_DIR)) {
      const source = fs.readFileSync(path.join(PLAN_DIR, name), 'utf8');
      const imports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]);
      for (const from of imports) {
        expect(from, `${name} imports ${from}`).not.toMatch(/^(node:)?fs(\/|$)|\/(read|apply)\//);
      }
    }
  });
});

const BASE = '/site';
const post = postEntry(BASE, '/site/source/_posts/hello.md');
const DESKTOP = '/Users/me/Desktop/a.png';

/** Facts where `/Users/me/Desktop/a.png` is an image outside the site, and the asset folder is `kind`. */
function facts(assetDirKind: PlanFacts['assetDirKind']): PlanFacts {
  return {
    baseDir: BASE,
    finderOptions: () => ({}),
    inspect: (reference: MarkdownReference) => {
      if (reference.destination !== DESKTOP) return undefined;
      return {
        parsed: parseDestination(DESKTOP) as LocalDestination,
        verdict: {
          kind: 'found',
          file: DESKTOP,
          real: DESKTOP,
          place: 'outside-repository',
          servedBy: 'plugin',
          notes: [],
        },
      };
    },
    assetFolder: {
      entryAt: () => 'free',
      hasOtherCase: () => false,
      hashOf: () => 'hash',
    },
    assetDirKind,
    isDirectory: () => false,
    exists: () => false,
    mentionedElsewhere: () => false,
  };
}

function text(body: string, mode = 0o644) {
  const all = `---\ntitle: Hello\n---\n\n${body}`;
  const front = readFrontMatter(all);
  if (!front.ok) throw new Error('fixture front matter');
  return { text: all, frontMatter: front.frontMatter, mode };
}

describe('planPost with fake facts', () => {
  it('copies an outside image into the asset folder and rewrites only its destination', () => {
    const plan = planPost(post, text(`![a](${DESKTOP})\n`), facts('missing'));
    expect(plan.copies).toEqual([{ from: DESKTOP, to: '/site/source/_posts/hello/a.png' }]);
    expect(plan.newText).toBe('---\ntitle: Hello\n---\n\n![a](hello/a.png)\n');
    expect(plan.referencedNow).toContain(DESKTOP);
    expect(plan.referenced).toEqual(['/site/source/_posts/hello/a.png']);
  });

  it('refuses a read-only post, and plans nothing for it', () => {
    const plan = planPost(post, text(`![a](${DESKTOP})\n`, 0o444), facts('directory'));
    expect(plan.refused?.problem).toBe(
      'the post is read-only (mode 0444): sync never rewrites a file you protected',
    );
    expect([plan.copies, plan.edits]).toEqual([[], []]);
  });

  it('refuses a post whose asset folder is a file', () => {
    const plan = planPost(post, text(`![a](${DESKTOP})\n`), facts('file'));
    expect(plan.refused?.problem).toMatch(
      /^source\/_posts\/hello is a file, but it is where the post's asset folder must be/,
    );
    expect(plan.copies).toEqual([]);
  });

  it('leaves a read-only post that needs nothing alone without a word', () => {
    const plan = planPost(post, text('No images.\n', 0o444), facts('file'));
    expect(plan.refused).toBeUndefined();
  });
});

describe('planPrune with fake facts', () => {
  const pruneFacts = (over: Partial<PruneFacts>): PruneFacts => ({
    isReferenced: () => false,
    mentionedIn: () => undefined,
    unreadable: () => [],
    unreadablePosts: new Set(),
    notUtf8: () => [],
    shown: (file) => path.relative(BASE, file),
    ...over,
  });
  const candidate = { file: '/site/source/_posts/hello/x.png', belowPostFolder: 'hello/x.png' };

  it('moves what nothing names, and never a file that is not media', () => {
    const plan = planPrune(
      [candidate, { file: '/site/source/_posts/hello/n.txt', belowPostFolder: 'hello/n.txt' }],
      pruneFacts({}),
    );
    expect(plan).toEqual({ orphans: [candidate.file], kept: [] });
  });

  it('keeps everything when a text of the site cannot be read', () => {
    const plan = planPrune([candidate], pruneFacts({ unreadable: () => ['/site/source/about/index.md'] }));
    expect(plan.kept).toEqual([
      { file: candidate.file, reason: 'source/about/index.md cannot be read, so what it names is unknown' },
    ]);
  });

  it('asks for every spelling of the path: raw, percent-encoded, with backslashes', () => {
    const asked: string[][] = [];
    planPrune(
      [{ file: '/site/source/_posts/hello/图 1.png', belowPostFolder: 'hello/图 1.png' }],
      pruneFacts({
        mentionedIn: (needles) => {
          asked.push([...needles]);
          return undefined;
        },
      }),
    );
    expect(asked[0]).toEqual(['hello/图 1.png', 'hello/%E5%9B%BE%201.png', 'hello\\图 1.png']);
  });
});
