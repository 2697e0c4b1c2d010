/**
 * The `sync-site` fixture as a real site in a temporary folder, with the author's "home" (Desktop,
 * typora-user-images, Pictures) in a second temporary folder outside it, and helpers to compare trees.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyncSettings } from '../../src/sync/settings';
import type { PostTiming } from '../../src/sync/sync_post';
import { copyFixture, type Site } from '../support/hexo_site';
import { fixturePng } from '../support/make_png';

/** Every image of the fixture: `HOME/…` lives in the author's home, the rest in the site. Values are PNG seeds. */
export const FIXTURE_FILES: Record<string, number> = {
  'HOME/Desktop/shot 1.png': 1,
  'HOME/Library/Application Support/typora-user-images/image-20240102101010.png': 2,
  'HOME/Desktop/截图 2.png': 3,
  'HOME/Pictures/shot 1.png': 4,
  'source/_posts/hello.assets/pasted.png': 5,
  'source/_posts/assets/shared.png': 6,
  'source/_posts/hello/ok.png': 7,
  'source/_posts/hello/bare.png': 8,
  'source/_posts/hello/case.png': 9,
  'HOME/Desktop/html.png': 10,
  'source/_posts/old-name/first.png': 11,
  'source/_posts/old-name/sub/nested.png': 12,
  'source/_posts/old-name/unused.png': 13,
  'source/_posts/clean/fine.png': 14,
  'source/_posts/clean/orphan.png': 15,
};
export const PAPER = '%PDF-1.4\n% fixture\n';

/**
 * Tests of what sync does (not of how it waits for editors) run without the quiet time and with a short
 * watch of replaced versions; the editor tests (`editor_stress.test.ts`, `concurrent_save.test.ts`) and the
 * CLI tests use the real timing.
 */
export const FAST: Partial<PostTiming> = { quietMs: 0, graceMs: 40, pollMs: 10 };

export interface SyncSite {
  site: Site;
  home: string;
  settings: SyncSettings & Partial<PostTiming>;
  /** Absolute path of a fixture file (`HOME/…` or site-relative). */
  file(name: string): string;
  read(relative: string): string;
  remove(): void;
}

export function makeSyncSite(): SyncSite {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-home-'));
  const site = copyFixture('sync-site', { OUTSIDE: home });
  const file = (name: string) =>
    name.startsWith('HOME/') ? path.join(home, name.slice(5)) : path.join(site.dir, name);
  for (const [name, seed] of Object.entries(FIXTURE_FILES)) {
    fs.mkdirSync(path.dirname(file(name)), { recursive: true });
    fs.writeFileSync(file(name), fixturePng(seed));
  }
  fs.writeFileSync(file('HOME/Desktop/paper.pdf'), PAPER);
  return {
    site,
    home,
    settings: {
      baseDir: site.dir,
      sourceDir: path.join(site.dir, 'source'),
      homeDir: home,
      maxBytes: 50 * 1024 * 1024,
      publishOutside: true,
      ...FAST,
    },
    file,
    read: (relative) => fs.readFileSync(path.join(site.dir, relative), 'utf8'),
    remove() {
      site.remove();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (not following links, skipping node_modules) → sha256 of its bytes (or link target). */
export function treeHashes(dir: string, skip: readonly string[] = ['node_modules']): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (skip.includes(relative)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isSymbolicLink()) hashes.set(relative, `link:${fs.readlinkSync(full)}`);
      else hashes.set(relative, sha256(fs.readFileSync(full)));
    }
  };
  walk(dir);
  return new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Saves like Typora: the new text goes to a temporary file that is renamed over the post. */
export function saveLikeTypora(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `~${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
