/**
 * The repository's blog plus one screenshot-heavy post, in a throwaway base directory (the way the tests build
 * the site: symlinks to _config.yml, package.json, node_modules, themes and scripts; a copy of source/ with the
 * new post), for the responsive-image bench and browser test.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';

const REPO = path.resolve(import.meta.dirname, '../..');
const HEXO = path.join(REPO, 'node_modules/hexo/bin/hexo');
const REPORT_CPU = path.join(REPO, 'bench/lib/report_cpu.cjs');
const LINKED = ['package.json', 'node_modules', 'themes', 'scripts'];

export const SCREENSHOT_POST = { slug: 'screenshots', urlPath: '/2025/11/20/screenshots/' };

/** A new base directory; `set` changes keys of its copy of _config.yml: `{ 'typora.images': false }`. */
export function makeSite({ set = {}, prefix = 'screenshot-site-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of LINKED) fs.symlinkSync(path.join(REPO, entry), path.join(dir, entry));
  const config = parseDocument(fs.readFileSync(path.join(REPO, '_config.yml'), 'utf8'));
  for (const [key, value] of Object.entries(set)) config.setIn(key.split('.'), value);
  fs.writeFileSync(path.join(dir, '_config.yml'), config.toString());
  fs.cpSync(path.join(REPO, 'source'), path.join(dir, 'source'), { recursive: true });
  return dir;
}

const SECTIONS = ['窗口截图', '终端输出', '编辑器里的代码', '目录与归档页', '暗色模式'];

/** Writes the post `source/_posts/screenshots.md` showing `files` (copied into its asset folder) in order. */
export function writeScreenshotPost(dir, files) {
  const assets = path.join(dir, 'source/_posts', SCREENSHOT_POST.slug);
  fs.mkdirSync(assets, { recursive: true });
  const lines = [
    '---',
    'title: 一篇满是截图的笔记',
    'date: 2025-11-20 21:00:00',
    'tags: [Typora, 截图]',
    'categories: [写作工具]',
    '---',
    '',
    '这篇笔记几乎全是 Retina 屏上截下来的图：整个窗口、终端、编辑器，都是 Typora 直接粘贴进来的 PNG，用来看响应式图片在手机和桌面上各下载多少字节。',
    '',
    '<!-- more -->',
  ];
  files.forEach((file, i) => {
    const name = `shot-${String(i + 1).padStart(2, '0')}.png`;
    fs.copyFileSync(file, path.join(assets, name));
    if (i % Math.ceil(files.length / SECTIONS.length) === 0) {
      lines.push('', `## ${SECTIONS[Math.floor(i / Math.ceil(files.length / SECTIONS.length))] ?? '其他'}`);
    }
    lines.push(
      '',
      `第 ${i + 1} 张截图之前先写一句说明，读者在手机上也能点开看原图。`,
      '',
      `![截图 ${i + 1}](${SCREENSHOT_POST.slug}/${name})`,
    );
  });
  fs.writeFileSync(path.join(dir, `source/_posts/${SCREENSHOT_POST.slug}.md`), `${lines.join('\n')}\n`);
}

/**
 * Runs `hexo <args>` in `dir`; resolves with the wall time, the CPU time of the process and of its main thread
 * (bench/lib/report_cpu.cjs) and the output; rejects on failure.
 */
export function hexo(dir, args) {
  const cpuFile = path.join(os.tmpdir(), `hexo-cpu-${process.pid}-${Date.now()}-${Math.random()}.json`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    execFile(
      process.execPath,
      ['--require', REPORT_CPU, HEXO, ...args],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', BENCH_CPU_FILE: cpuFile },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const output = `${stdout}\n${stderr}`;
        let cpu = { userMs: Number.NaN, systemMs: Number.NaN, mainMs: Number.NaN };
        try {
          cpu = JSON.parse(fs.readFileSync(cpuFile, 'utf8'));
          fs.rmSync(cpuFile);
        } catch {}
        if (error) reject(new Error(`hexo ${args.join(' ')} failed in ${dir}:\n${output}`));
        else resolve({ ms, cpuMs: cpu.userMs + cpu.systemMs, mainMs: cpu.mainMs ?? Number.NaN, output });
      },
    );
  });
}
