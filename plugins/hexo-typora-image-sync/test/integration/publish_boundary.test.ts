/**
 * The publish boundary under attack, through the real CLI on a fixture site. Attack files are planted in
 * the author's home (outside the repository), symbolic links in a post's asset folder lead to the build
 * machine's files, and the environment holds a secret (so /proc/self/environ is one). `hexo generate`,
 * strict mode, `hexo typora check`, `hexo typora sync` and `hexo server` must each refuse every attack with
 * a message naming the file (and the line, for a reference), and nothing secret may reach public/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attackPost,
  filesWithSecret,
  OUTSIDE_ALLOWED,
  OUTSIDE_ATTACKS,
  plantOutsideFiles,
  SECRET,
  SVG_ATTACKS,
} from '../support/attack_files';
import { httpGet, startHexoServer } from '../support/hexo_server';
import { copyFixture, type HexoRun, type Site } from '../support/hexo_site';
import { imagesIn, publicFileFor } from '../support/html_images';
import { fixturePng } from '../support/make_png';

const POST = 'source/_posts/attacks.md';
const PAGE = 'public/2024/02/01/attacks/index.html';
const ASSETS = 'source/_posts/attacks';

let site: Site;
let home: string;
let env: NodeJS.ProcessEnv;
let run: HexoRun;

/** Links in the post's asset folder (nothing refers to most of them: Hexo publishes them anyway). */
const LINKS: { name: string; target: () => string; refusal: RegExp }[] = [
  {
    name: 'passwd.png',
    target: () => '/etc/passwd',
    refusal: /symbolic link to \/etc\/passwd, outside the repository/,
  },
  {
    name: 'env.png',
    target: () => '/proc/self/environ',
    refusal: /symbolic link to \/proc\/\d+\/environ, outside/,
  },
  {
    name: 'ssh.png',
    target: () => path.join(home, '.ssh/id_rsa'),
    refusal: /id_rsa, outside the repository/,
  },
  {
    name: 'x.png',
    target: () => '../../../.env',
    refusal: /leads to \.env, which is never published \(it is a hidden/,
  },
  { name: 'keys', target: () => path.join(home, '.ssh'), refusal: /\.ssh, outside the repository/ },
  {
    name: 'drawing.svg',
    target: () => path.join(home, 'Downloads/comment.svg'),
    refusal: /comment\.svg, outside the repository/,
  },
  {
    name: 'repo.svg',
    target: () => '../../../assets/evil.svg',
    refusal: /leads to assets\/evil\.svg, which is never published \(it is an SVG, which can run script/,
  },
];

function lineOf(needle: string): number {
  const index = fs
    .readFileSync(site.file(POST), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} is not in ${POST}`);
  return index + 1;
}

/** The output lines that start with `prefix` (after Hexo's level tag, if any). */
function linesAbout(output: string, prefix: string): string[] {
  return output.split('\n').filter((line) => line.replace(/^(WARN|ERROR|INFO)\s+/, '').startsWith(prefix));
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-attacked-home-'));
  env = { HOME: home, TYPORA_TEST_SECRET: SECRET };
  plantOutsideFiles(home);
  site = copyFixture('minimal');
  // `hexo server` too.
  const manifest = JSON.parse(fs.readFileSync(site.file('package.json'), 'utf8'));
  manifest.dependencies['hexo-server'] = '*';
  site.write('package.json', JSON.stringify(manifest));
  site.write(POST, attackPost(home));
  site.write('.env', `TOKEN=${SECRET}\n`);
  site.write('assets/evil.svg', SVG_ATTACKS[0]?.content() ?? '');
  site.write(`${ASSETS}/fine.png`, fixturePng(80));
  for (const link of LINKS) fs.symlinkSync(link.target(), site.file(`${ASSETS}/${link.name}`));
  fs.mkdirSync(site.file('source/images'), { recursive: true });
  fs.symlinkSync('/proc/self/environ', site.file('source/images/environ.png'));
  run = await site.hexo(['generate'], env);
});
afterAll(() => {
  site.remove();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('hexo generate', () => {
  it('builds, and publishes what is fine (so a refusal is not a broken build)', () => {
    expect(run.code, run.output).toBe(0);
    const images = new Map(imagesIn(site.file(PAGE)).map((image) => [image.alt, image]));
    for (const { alt, content } of OUTSIDE_ALLOWED) {
      const served = publicFileFor(site.file('public'), '/', images.get(alt)?.src ?? '');
      expect(served && fs.readFileSync(served).equals(content()), alt).toBe(true);
    }
    expect(fs.readFileSync(site.file('public/2024/02/01/attacks/fine.png')).equals(fixturePng(80))).toBe(
      true,
    );
  });

  it('warns once about each attack, at its line, with the reason', () => {
    for (const { alt, refusal } of OUTSIDE_ATTACKS) {
      const lines = linesAbout(run.output, `${POST}:${lineOf(`![${alt}]`)}: `);
      expect(lines, `${alt}\n${run.output}`).toHaveLength(1);
      expect(lines[0], alt).toMatch(/never copied or published/);
      expect(lines[0], alt).toMatch(refusal);
    }
  });

  it('warns about each link in the asset folder by name, referenced or not', () => {
    for (const { name, refusal } of LINKS) {
      const lines = linesAbout(run.output, `${ASSETS}/${name}: `);
      expect(lines, `${name}\n${run.output}`).toHaveLength(1);
      expect(lines[0], name).toMatch(refusal);
      expect(lines[0], name).toMatch(/kept off the site/);
    }
    expect(linesAbout(run.output, 'source/images/environ.png: ')[0]).toMatch(/outside the repository/);
  });

  it('publishes no secret, no attack file and none of the links', () => {
    const publicDir = site.file('public');
    expect(filesWithSecret(publicDir)).toEqual([]);
    const published = fs.readdirSync(publicDir, { recursive: true, encoding: 'utf8' });
    for (const file of published) {
      const full = path.join(publicDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      expect(bytes.includes('root:x:0:0'), file).toBe(false);
      expect(bytes.includes('typora-xss-ran:') && !file.endsWith('index.html'), file).toBe(false);
    }
    // Responsive variants (typora.images) are derived from the allowed images only.
    const variant = /-\d+w\.[0-9a-f]{8}\.(?:avif|webp)$/;
    const inPost = published.filter((f) => f.startsWith('2024/02/01/attacks/') && !variant.test(f)).sort();
    expect(inPost).toEqual(
      ['fine.png', 'image-20240201.png', 'index.html', 'ok.png'].map((f) => `2024/02/01/attacks/${f}`),
    );
    expect(published.filter((f) => f.startsWith('images'))).toEqual([]);
  });

  it('fails in strict mode, listing every attack and every link', async () => {
    const strict = await site.hexo(['generate'], { ...env, HEXO_TYPORA_STRICT: '1' });
    expect(strict.code).not.toBe(0);
    expect(strict.output).toMatch(/image problem\(s\) in strict mode/);
    for (const { alt } of OUTSIDE_ATTACKS)
      expect(strict.output).toContain(`  ${POST}:${lineOf(`![${alt}]`)}: `);
    for (const { name } of LINKS) expect(strict.output).toContain(`  ${ASSETS}/${name}: `);
    expect(filesWithSecret(site.file('public'))).toEqual([]);
  });
});

describe('hexo typora check', () => {
  it('names every attack at its line and every link, and exits 1', async () => {
    const check = await site.hexo(['typora', 'check'], env);
    expect(check.code).toBe(1);
    for (const { alt, refusal } of OUTSIDE_ATTACKS) {
      const lines = linesAbout(check.stdout, `${POST}:${lineOf(`![${alt}]`)}: `);
      expect(lines, `${alt}\n${check.stdout}`).toHaveLength(1);
      expect(lines[0], alt).toMatch(refusal);
    }
    for (const { name, refusal } of LINKS) {
      const lines = linesAbout(check.stdout, `${ASSETS}/${name}: `);
      expect(
        lines.filter((l) => !l.includes('no post uses this file')),
        `${name}\n${check.stdout}`,
      ).toHaveLength(1);
      expect(lines[0], name).toMatch(refusal);
    }
    expect(check.output).toMatch(
      /typora check: 8 file\(s\) in source\/ that Hexo would publish lead to files/,
    );
  });
});

describe('hexo typora sync', () => {
  it('copies only the allowed files into the asset folder, and no secret into the repository', async () => {
    const before = fs.readFileSync(site.file(POST), 'utf8');
    const sync = await site.hexo(['typora', 'sync'], env);
    expect(sync.code).toBe(1);
    for (const { alt, refusal } of OUTSIDE_ATTACKS) {
      const lines = linesAbout(sync.stdout, `${POST}:${lineOf(`![${alt}]`)}: `);
      expect(lines[0] ?? '', `${alt}\n${sync.stdout}`).toMatch(refusal);
    }
    const copied = fs
      .readdirSync(site.file(ASSETS))
      .filter((name) => !LINKS.some((link) => link.name === name));
    expect(copied.sort()).toEqual(['fine.png', 'image-20240201.png', 'ok.png']);
    const after = fs.readFileSync(site.file(POST), 'utf8');
    expect(after).not.toBe(before);
    for (const { alt, file } of OUTSIDE_ATTACKS)
      expect(after).toContain(`![${alt}](<${path.join(home, file)}>)`);
    expect(filesWithSecret(site.file('source'))).toEqual([]);
  });
});

describe('hexo server', () => {
  it('serves none of the links, and checks a file again when it is requested', async () => {
    const server = await startHexoServer(site.dir, env);
    try {
      for (const { name } of [...LINKS, { name: 'keys/id_rsa' }]) {
        const response = await httpGet(server.url(`2024/02/01/attacks/${name}`));
        expect(response.status, name).toBe(404);
        expect(response.body.includes(SECRET), name).toBe(false);
      }
      const fine = await httpGet(server.url('2024/02/01/attacks/fine.png'));
      expect(fine.status).toBe(200);
      expect(fine.body.equals(fixturePng(80))).toBe(true);
      // Swapped for a link to a secret while the server runs: refused on the very next request.
      fs.rmSync(site.file(`${ASSETS}/fine.png`));
      fs.symlinkSync(path.join(home, '.ssh/id_rsa'), site.file(`${ASSETS}/fine.png`));
      const swapped = await httpGet(server.url('2024/02/01/attacks/fine.png'));
      expect(swapped.body.includes(SECRET)).toBe(false);
      expect(swapped.body.includes('PRIVATE KEY')).toBe(false);
      // And the server is still up (a refusal is no crash).
      expect((await httpGet(server.url('2024/02/01/attacks/'))).status, server.output()).toBe(200);
    } finally {
      await server.stop();
      fs.rmSync(site.file(`${ASSETS}/fine.png`), { force: true });
      site.write(`${ASSETS}/fine.png`, fixturePng(80));
    }
  });
});
