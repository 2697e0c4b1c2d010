/**
 * The last check before bytes are published or copied, on real files: it decides about the file that was
 * opened and, from outside source/, hands back exactly the bytes it checked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckedFile, readCheckedCopy } from '../../../src/publish/open_checked_file';
import { serveScopeOf } from '../../../src/publish/serve_scope';
import { makePng } from '../../support/make_png';

let root: string;
const png = makePng(8, 8, [1, 2, 3]);
const at = (relative: string) => path.join(root, relative);
const scope = () =>
  serveScopeOf(
    { baseDir: at('site'), sourceDir: at('site/source'), homeDir: at('home') },
    { strict: false, maxBytes: 4096 },
  );

function write(relative: string, data: string | Buffer): string {
  fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
  fs.writeFileSync(at(relative), data);
  return at(relative);
}

async function close(pending: ReturnType<typeof openCheckedFile>) {
  const result = await pending;
  if (result.kind === 'stream') fs.closeSync(result.fd);
  return result;
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'checked-'));
  write('home/Pictures/a.png', png);
  write('home/.ssh/id_rsa', 'KEY\n');
  write('home/Desktop/notes.png', 'SECRET=1\n');
  write('home/big.png', Buffer.concat([png, Buffer.alloc(5000)]));
  write('site/source/_posts/hello/own.png', png);
  execFileSync('mkfifo', [at('home/pipe.png')]);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('openCheckedFile', () => {
  it('hands back the very bytes it checked for a file from outside source/', async () => {
    const result = await openCheckedFile(at('home/Pictures/a.png'), 'plugin', scope());
    expect(result.kind).toBe('bytes');
    expect(result.kind === 'bytes' && result.bytes.equals(png)).toBe(true);
  });

  it('refuses a file that is now a link to a key, text, too large, or a pipe (without hanging)', async () => {
    const swapped = write('home/Pictures/b.png', png);
    fs.rmSync(swapped);
    fs.symlinkSync(at('home/.ssh/id_rsa'), swapped);
    expect(await openCheckedFile(swapped, 'plugin', scope())).toEqual({
      kind: 'refused',
      reason: 'it is inside a hidden (dot) folder',
    });
    expect(await openCheckedFile(at('home/Desktop/notes.png'), 'plugin', scope())).toMatchObject({
      kind: 'refused',
    });
    expect(await openCheckedFile(at('home/big.png'), 'plugin', scope())).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/larger than/),
    });
    expect(await openCheckedFile(at('home/pipe.png'), 'plugin', scope())).toEqual({
      kind: 'refused',
      reason: 'it is not a regular file',
    });
  });

  it("streams Hexo's own files, and refuses one that became a link out of the repository", async () => {
    const own = at('site/source/_posts/hello/own.png');
    expect((await close(openCheckedFile(own, 'hexo', scope()))).kind).toBe('stream');
    const link = at('site/source/_posts/hello/passwd.png');
    fs.symlinkSync('/etc/passwd', link);
    expect(await openCheckedFile(link, 'hexo', scope())).toEqual({
      kind: 'refused',
      reason: 'it is a symbolic link out of the repository',
    });
  });
});

describe('readCheckedCopy', () => {
  it('gives sync the checked bytes of an outside file, and nothing to copy for a refused one', async () => {
    const copy = await readCheckedCopy(at('home/Pictures/a.png'), scope());
    expect(copy.kind === 'copy' && copy.bytes?.equals(png)).toBe(true);
    expect(await readCheckedCopy(at('home/Desktop/notes.png'), scope())).toMatchObject({ kind: 'refused' });
    expect(await readCheckedCopy(at('site/source/_posts/hello/own.png'), scope())).toEqual({ kind: 'copy' });
  });
});
