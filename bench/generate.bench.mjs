/**
 * `hexo generate` on a synthetic Typora blog, with hexo-typora-image-sync and with hexo-renderer-marked alone
 * (same posts; without the plugin most images are broken, which is the cost to beat). Runs the real CLI,
 * alternating the two sites in one process tree, `hexo clean` (untimed) before each run so that every run
 * does the full work. Prints each run, both medians and the ratio (target: at most 1.05).
 *
 *   BENCH_POSTS=1000 BENCH_IMAGES=10 BENCH_RUNS=5 node bench/generate.bench.mjs
 *   BENCH_PROFILE=1 also writes a --cpu-prof profile of one more run with the plugin and names its hottest
 *   functions in the plugin's code.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeProfile } from './lib/cpu_profile.mjs';
import { writeSiteConfig, writeSyntheticSource } from './lib/synthetic_blog.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEXO_BIN = path.join(REPO_ROOT, 'node_modules/hexo/bin/hexo');
const REPORT_CPU = path.join(REPO_ROOT, 'bench/lib/report_cpu.cjs');
const TARGET_RATIO = 1.05;

const settings = {
  posts: Number(process.env.BENCH_POSTS ?? 1000),
  imagesPerPost: Number(process.env.BENCH_IMAGES ?? 10),
  runs: Number(process.env.BENCH_RUNS ?? 5),
  profile: process.env.BENCH_PROFILE === '1',
  keep: process.env.BENCH_KEEP === '1',
};

/** Runs `hexo <args>` in `cwd`; resolves with wall and CPU time in ms, rejects on a non-zero exit. */
function hexo(cwd, args, { nodeFlags = [] } = {}) {
  const cpuFile = path.join(os.tmpdir(), `bench-cpu-${process.pid}-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeFlags, '--require', REPORT_CPU, HEXO_BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', BENCH_CPU_FILE: cpuFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let cpuMs = Number.NaN;
      let mainMs = Number.NaN;
      try {
        const cpu = JSON.parse(fs.readFileSync(cpuFile, 'utf8'));
        cpuMs = cpu.userMs + cpu.systemMs;
        mainMs = cpu.mainMs ?? Number.NaN;
        fs.rmSync(cpuFile);
      } catch {}
      if (code !== 0) reject(new Error(`hexo ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output}`));
      else resolve({ wallMs, cpuMs, mainMs, output });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const startedAt = Date.now();
  console.log(
    `generate.bench: ${settings.posts} posts × ${settings.imagesPerPost} images, ${settings.runs} alternating runs each; ` +
      `Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
  );
  execFileSync(process.execPath, [
    path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(REPO_ROOT, 'plugins/hexo-typora-image-sync/tsconfig.build.json'),
  ]);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'typora-bench-'));
  const sites = {
    plugin: path.join(work, 'with-plugin'),
    marked: path.join(work, 'marked-only'),
  };
  try {
    let t = Date.now();
    writeSyntheticSource(sites.plugin, settings);
    fs.cpSync(sites.plugin, sites.marked, { recursive: true });
    writeSiteConfig(sites.plugin, { plugins: ['hexo-typora-image-sync'], repoRoot: REPO_ROOT });
    writeSiteConfig(sites.marked, { plugins: [], repoRoot: REPO_ROOT });
    console.log(`wrote both sites in ${seconds(Date.now() - t)} (${work})`);

    // One untimed run each: warms the file cache, and checks that the plugin resolves every image.
    t = Date.now();
    for (const [name, dir] of Object.entries(sites)) {
      await hexo(dir, ['clean']);
      const { output } = await hexo(dir, ['generate']);
      const warnings = output.split('\n').filter((line) => /\bWARN\b/.test(line));
      if (name === 'plugin' && warnings.length > 0) {
        throw new Error(`the plugin warned on the synthetic blog:\n${warnings.slice(0, 10).join('\n')}`);
      }
    }
    console.log(`warm-up (one run each, untimed) took ${seconds(Date.now() - t)}`);

    const times = { plugin: [], marked: [] };
    for (let i = 0; i < settings.runs; i++) {
      // Alternate which goes first, so neither always runs right after the other's writes.
      const order = i % 2 === 0 ? ['plugin', 'marked'] : ['marked', 'plugin'];
      for (const name of order) {
        await hexo(sites[name], ['clean']);
        const run = await hexo(sites[name], ['generate']);
        times[name].push(run);
        console.log(
          `  run ${i + 1} ${name === 'plugin' ? 'with plugin ' : 'marked alone'}: ${seconds(run.wallMs)} wall, ` +
            `${seconds(run.cpuMs)} CPU, ${seconds(run.mainMs)} main thread`,
        );
      }
    }

    // Wall time is what a user waits for, but on a shared two-core machine it swings with the other load;
    // the main thread's CPU time (where the plugin runs) is the steadiest of the three.
    console.log('');
    const metrics = [
      ['wall', 'wallMs'],
      ['CPU (all threads)', 'cpuMs'],
      ['CPU (main thread)', 'mainMs'],
    ];
    for (const [label, key] of metrics) {
      const plugin = median(times.plugin.map((r) => r[key]));
      const marked = median(times.marked.map((r) => r[key]));
      const ratio = plugin / marked;
      console.log(
        `median ${label.padEnd(17)}: with plugin ${seconds(plugin)}, marked alone ${seconds(marked)}, ` +
          `ratio ${ratio.toFixed(3)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
      );
    }

    if (settings.profile) {
      const profileDir = path.join(work, 'profile');
      await hexo(sites.plugin, ['clean']);
      await hexo(sites.plugin, ['generate'], { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
      const file = path.join(profileDir, fs.readdirSync(profileDir)[0]);
      const kept = path.join(REPO_ROOT, 'bench/.work');
      fs.mkdirSync(kept, { recursive: true });
      fs.copyFileSync(file, path.join(kept, 'generate-with-plugin.cpuprofile'));
      console.log('');
      console.log(
        summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')), {
          focus: 'hexo-typora-image-sync',
          repoRoot: REPO_ROOT,
        }),
      );
      console.log(`profile kept at bench/.work/generate-with-plugin.cpuprofile`);
    }
    console.log(`generate.bench took ${seconds(Date.now() - startedAt)} in all`);
  } finally {
    if (!settings.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
