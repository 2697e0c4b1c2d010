/**
 * Property: for random markdown mixing code fences, inline code, HTML, lists, tables, definitions and
 * image references in every syntax, a real sync changes nothing but the destinations it rewrites. Every
 * byte between references (front matter, code, text, titles, line endings) stays, every rewritten
 * destination shows the same bytes as before, and nothing written inside code is ever copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReferences } from '../../src/markdown/find_references';
import { parseDestination } from '../../src/resolve/parse_destination';
import { syncPosts } from '../../src/sync/sync_posts';
import { fixturePng } from '../support/make_png';
import { makeSyncSite, type SyncSite } from './sync_site';

let s: SyncSite;
const OUTSIDE = ['Desktop/a b.png', 'Desktop/图 1.png', 'typora-user-images/image-1.png', 'Pictures/(1).png'];
beforeAll(() => {
  s = makeSyncSite();
  OUTSIDE.forEach((name, i) => {
    fs.mkdirSync(path.dirname(path.join(s.home, name)), { recursive: true });
    fs.writeFileSync(path.join(s.home, name), fixturePng(100 + i));
  });
});
afterAll(() => s.remove());

function pieces(home: string) {
  const image = fc.constantFrom(...OUTSIDE.map((name) => `${home}/${name}`));
  const encoded = image.map((p) => p.split('/').map(encodeURIComponent).join('/'));
  return fc.oneof(
    image.map((p) => `![loose](${p})`),
    encoded.map((p) => `![inline](${p} "a title")`),
    image.map((p) => `![angle](<${p}>)`),
    image.map((p) => `<img src="${p}" alt="html" style="zoom:50%;">`),
    image.map((p) => `<p><img src='${p}'></p>`),
    encoded.map((p) => `[def]: ${p}`),
    encoded.map((p) => `[a file](${p})`),
    image.map((p) => `\`![in code](${p})\``),
    image.map((p) => `\n\`\`\`md\n![fenced](${p})\n<img src="${p}">\n\`\`\`\n`),
    image.map((p) => `\n    ![indented code](${p})\n`),
    image.map((p) => `> ![quoted](${p})`),
    image.map((p) => `- ![listed](${p})`),
    encoded.map((p) => `| ![cell](${p}) | x |\n|---|---|`),
    fc.constantFrom(
      'plain text ',
      '**bold** ',
      '*emph* ',
      '中文段落 ',
      '\n',
      '\n\n',
      '\r\n',
      '![external](https://example.com/x.png)',
      '![ref][def]',
      '<!-- comment ![c](x.png) -->',
      '\\![escaped](../some-page/)',
      '$x^2$ ',
      '[link](#anchor)',
      '```\nunclosed fence',
    ),
  );
}

/** The text between destinations: everything sync must keep. */
function between(text: string): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const reference of findReferences(text)) {
    parts.push(text.slice(at, reference.start));
    at = reference.end;
  }
  parts.push(text.slice(at));
  return parts;
}

/** The file a destination shows, relative to the post's folder (undefined when it is not a local file). */
function shownFile(destination: string, postDir: string): string | undefined {
  const parsed = parseDestination(destination);
  if (parsed.kind !== 'local') return undefined;
  const spelling = parsed.paths[0] as string;
  return parsed.style === 'rooted' ? spelling : path.join(postDir, spelling);
}

let counter = 0;
describe('sync keeps every byte outside the destinations it rewrites', () => {
  it('for random markdown with code, HTML and references', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pieces(s.home), { minLength: 1, maxLength: 25 }), async (parts) => {
        const name = `p${counter++}`;
        const post = path.join(s.settings.sourceDir, '_posts', `${name}.md`);
        const front = `---\ntitle: ${name}\ndate: 2024-02-01\ntypora-copy-images-to: \${filename}\n---\n`;
        const before = front + parts.join('\n');
        fs.writeFileSync(post, before);
        const report = await syncPosts({ ...s.settings, posts: [post] });
        const after = fs.readFileSync(post, 'utf8');

        expect(report.problems).toEqual([]);
        expect(after.startsWith(front)).toBe(true);
        const oldBody = before.slice(front.length);
        const newBody = after.slice(front.length);
        expect(between(newBody)).toEqual(between(oldBody));

        const postDir = path.dirname(post);
        const oldRefs = findReferences(oldBody);
        const newRefs = findReferences(newBody);
        const used = new Set<string>();
        newRefs.forEach((reference, i) => {
          const old = oldRefs[i];
          const was = old && shownFile(old.destination, postDir);
          const now = shownFile(reference.destination, postDir);
          if (!was || !now || !fs.existsSync(was)) return;
          expect(reference.destination.startsWith(`${name}/`), reference.destination).toBe(true);
          expect(fs.readFileSync(now).equals(fs.readFileSync(was))).toBe(true);
          used.add(path.basename(now));
        });
        // Nothing from code blocks or code spans was copied: the folder holds exactly what is referenced.
        const folder = path.join(postDir, name);
        const copied = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
        expect(copied.sort()).toEqual([...used].sort());

        const again = await syncPosts({ ...s.settings, posts: [post] });
        expect(again.changed).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });
});
