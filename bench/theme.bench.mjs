/**
 * The theme's post pipeline, before and after it became one parse per post: the theme as it was at BASELINE
 * (one htmlparser2 pass per after_post_render filter, splice-per-edit, the TOC and the plain text computed again
 * by the layout helpers and the search index) and the theme in this checkout, side by side in one run.
 *
 *   1. In process, per post: the theme's after_post_render work plus what the layouts and the search index
 *      derive from the post (TOC twice, reading time, description, list excerpt, search record), on the real
 *      site's posts (their HTML as the theme's filter receives it, captured from a real Hexo load) and on a
 *      synthetic post with 10,000 images. Before timing, both pipelines' outputs are compared: the new one
 *      without its zoom links must write the same HTML, TOC, reading time, excerpts and search records.
 *   2. `hexo generate` of the real site with each theme, alternating runs, medians and ratios.
 *
 *   BENCH_RUNS=5 BENCH_IMAGES=10000 node bench/theme.bench.mjs
 *
 * The baseline runs the 10,000-image post once (splicing a string per edit: about a minute on an idle machine,
 * several under load); BENCH_IMAGES=1000 for a quick run. Needs the git history (the baseline is a commit).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEXO_BIN = path.join(REPO, 'node_modules/hexo/bin/hexo');
/** The last commit with the filter-per-behaviour theme. */
const BASELINE = 'f826f45eaab0d8ff6399b94e3389b211776fb2a3';
const LABELS = { table: '表格', zoom: '查看原图' };

const settings = {
  runs: Number(process.env.BENCH_RUNS ?? 5),
  images: Number(process.env.BENCH_IMAGES ?? 10_000),
};
const require = createRequire(import.meta.url);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const time = (fn) => {
  const started = process.hrtime.bigint();
  const result = fn();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

/** A throwaway site folder: the repository's entries as symlinks, `themes` from `themesDir`. */
function siteDir(work, name, themesDir) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  for (const entry of ['_config.yml', 'package.json', 'node_modules', 'source', 'scripts']) {
    if (fs.existsSync(path.join(REPO, entry))) fs.symlinkSync(path.join(REPO, entry), path.join(dir, entry));
  }
  fs.symlinkSync(themesDir, path.join(dir, 'themes'));
  return dir;
}

/** The baseline theme, extracted from git into `work/baseline/themes` (its requires resolve to our node_modules). */
function extractBaseline(work) {
  const dir = path.join(work, 'baseline');
  fs.mkdirSync(dir);
  let archive;
  try {
    archive = execFileSync('git', ['-C', REPO, 'archive', BASELINE, 'themes/paperwhite'], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    throw new Error(
      `the baseline commit ${BASELINE} is not in this clone: fetch the full history (git fetch --unshallow)`,
    );
  }
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'themes');
}

/** The posts' HTML as the theme's after_post_render filter receives it, from a real Hexo load of the site. */
async function captureThemeInputs(dir) {
  const Hexo = require(path.join(REPO, 'node_modules/hexo'));
  const hexo = new Hexo(dir, { silent: true });
  await hexo.init();
  const inputs = [];
  // The theme's filter runs at 20: this one sees what it sees.
  hexo.extend.filter.register(
    'after_post_render',
    (data) => {
      if (data.layout === 'post')
        inputs.push({ name: data.source, content: data.content, excerpt: data.excerpt });
    },
    19,
  );
  await hexo.load();
  await hexo.exit();
  return inputs;
}

/** A post with `count` screenshots in the shape marked and the image plugin give them, headings every 100. */
function syntheticPost(count) {
  const parts = [];
  for (let n = 0; n < count; n++) {
    if (n % 100 === 0) {
      const id = `第-${n / 100 + 1}-节`;
      parts.push(
        `<h2 id="${id}"><a href="#${id}" class="headerlink" title="第 ${n / 100 + 1} 节"></a>第 ${n / 100 + 1} 节</h2>`,
      );
    }
    parts.push(`<p>第 ${n} 张截图：终端里 <code>npm run build</code> 的输出，注意第三行的警告。</p>`);
    const img = `<img src="/2024/01/02/screenshots/shot-${n}.png" alt="截图 ${n}" width="1280" height="800">`;
    parts.push(n % 3 === 2 ? `<p>见下图 ${img} 的右上角。</p>` : `<p>${img}</p>`);
  }
  return { name: `synthetic post with ${count} images`, content: parts.join('\n'), excerpt: '' };
}

/** The baseline's theme work for one post: its filters one after another, then what its helpers derive. */
function baselinePipeline(themeDir) {
  const lib = (name) => require(path.join(themeDir, 'paperwhite/lib', `${name}.js`));
  // All at priority 20; they commute, so the order Hexo loaded them in does not matter.
  const filters = [
    lib('caption-figures').captionFigures,
    lib('compact-code-blocks').compactCodeBlocks,
    lib('empty-header-cells').demoteEmptyHeaderCells,
    lib('lazy-load-images').lazyLoadImages,
    lib('link-headings').linkHeadings,
    (html) => {
      lib('math').findMathErrors(html);
      return html;
    },
    lib('scroll-regions').makeScrollRegions,
  ];
  const { renderToc } = lib('toc');
  const { plainText } = lib('plain-text');
  const { readingMinutes } = lib('reading-time');
  const { buildSearchIndex } = lib('search-index');
  return {
    filter: ({ content }) => filters.reduce((html, filter) => filter(html), content),
    derive: (post, html) => {
      const toc = renderToc(html); // layout.ejs (body class)
      renderToc(html); // post.ejs
      const text = plainText(post.excerpt || html);
      const [search] = buildSearchIndex([{ title: '', url: '', date: '', tags: [], categories: [], html }]);
      return {
        toc,
        minutes: readingMinutes(plainText(html)),
        description: text, // head.js
        excerpt: plainText(post.excerpt || html), // the home page's list
        search,
      };
    },
  };
}

/** This checkout's: one filter, then the helpers read the summary it kept. */
function currentPipeline({ zoom = true } = {}) {
  const lib = (name) => require(path.join(REPO, 'themes/paperwhite/lib', `${name}.js`));
  const { applyEdits } = lib('html/edits');
  const { parseTree } = lib('html/parse-tree');
  const { BEHAVIOURS } = lib('post/transform-post');
  const { findMathErrors } = lib('post/math-errors');
  const { summarizePost } = lib('post/summary');
  const { linkImagesToOriginals } = lib('post/zoom-links');
  const { renderToc } = lib('toc');
  const { readingMinutes } = lib('reading-time');
  const { buildSearchIndex } = lib('search-index');
  const behaviours = zoom ? BEHAVIOURS : BEHAVIOURS.filter((b) => b !== linkImagesToOriginals);
  return {
    filter: (post) => {
      const tree = parseTree(post.content);
      const html = applyEdits(
        post.content,
        behaviours.flatMap((b) => b(tree, { labels: LABELS })),
      );
      findMathErrors(tree);
      post.summary = summarizePost(tree, post.excerpt);
      return html;
    },
    derive: (post) => {
      const { summary } = post;
      const toc = renderToc(summary.headings);
      renderToc(summary.headings);
      const [search] = buildSearchIndex([
        { title: '', url: '', date: '', tags: [], categories: [], summary },
      ]);
      return {
        toc,
        minutes: readingMinutes(summary.reading),
        description: summary.excerpt || summary.text,
        excerpt: summary.excerpt || summary.text,
        search,
      };
    },
  };
}

/** Runs a pipeline on a copy of `post`: filter, then derive; returns the outputs and the time taken. */
function run(pipeline, post) {
  const copy = { ...post };
  return time(() => {
    const html = pipeline.filter(copy);
    return { html, derived: pipeline.derive(copy, html) };
  });
}

/** The same post gives the same page: HTML, TOC, reading time; excerpts as far as the theme shows them. */
function compare(name, before, after) {
  const problems = [];
  if (before.html !== after.html) {
    let i = 0;
    while (before.html[i] === after.html[i]) i++;
    problems.push(
      `HTML differs at ${i}: ${JSON.stringify(before.html.slice(i - 40, i + 80))} vs ${JSON.stringify(after.html.slice(i - 40, i + 80))}`,
    );
  }
  const b = before.derived;
  const a = after.derived;
  if (b.toc !== a.toc) problems.push(`TOC differs:\n  ${b.toc}\n  ${a.toc}`);
  if (b.minutes !== a.minutes) problems.push(`reading time ${b.minutes} vs ${a.minutes}`);
  if (b.description.slice(0, 500) !== a.description.slice(0, 500)) problems.push('description differs');
  if (b.excerpt.slice(0, 500) !== a.excerpt.slice(0, 500)) problems.push('list excerpt differs');
  if (JSON.stringify(b.search) !== JSON.stringify(a.search))
    problems.push(`search record differs:\n  ${JSON.stringify(b.search)}\n  ${JSON.stringify(a.search)}`);
  if (problems.length) throw new Error(`${name}: the new pipeline changed the page:\n${problems.join('\n')}`);
}

/** Runs `hexo <args>` in `cwd`; resolves with the wall time in ms. */
function hexo(cwd, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [HEXO_BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
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
      if (code !== 0) reject(new Error(`hexo ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output}`));
      else resolve(wallMs);
    });
  });
}

async function main() {
  console.log(
    `theme.bench: baseline ${BASELINE.slice(0, 7)} vs this checkout; ${settings.runs} runs; ` +
      `Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'theme-bench-'));
  try {
    const baselineThemes = extractBaseline(work);
    const sites = {
      baseline: siteDir(work, 'site-baseline', baselineThemes),
      current: siteDir(work, 'site-current', path.join(REPO, 'themes')),
    };
    const realPosts = await captureThemeInputs(sites.current);
    if (!realPosts.length) throw new Error('no post reached the theme filter: is source/_posts empty?');
    const big = syntheticPost(settings.images);
    const before = baselinePipeline(baselineThemes);
    const after = currentPipeline();
    const afterWithoutZoom = currentPipeline({ zoom: false });

    // 1. Same page, then timings per post.
    for (const post of [...realPosts, big]) {
      compare(post.name, run(before, post).result, run(afterWithoutZoom, post).result);
    }
    console.log(
      `outputs: the new pipeline without zoom links writes the same pages as the baseline (${realPosts.length + 1} posts)`,
    );

    const realSite = { name: `the real site's ${realPosts.length} posts together`, posts: realPosts };
    const cases = [realSite, { name: big.name, posts: [big], baselineRuns: 1 }];
    console.log(
      '\ntheme work per post (after_post_render + what layouts and search index derive), median of runs:',
    );
    for (const c of cases) {
      const total = (pipeline) => c.posts.reduce((sum, post) => sum + run(pipeline, post).ms, 0);
      const baselineTimes = [];
      const currentTimes = [];
      for (let i = 0; i < settings.runs; i++) {
        if (i < (c.baselineRuns ?? settings.runs)) baselineTimes.push(total(before));
        currentTimes.push(total(after));
      }
      const b = median(baselineTimes);
      const a = median(currentTimes);
      console.log(
        `  ${c.name.padEnd(38)} baseline ${ms(b).padStart(9)} (${baselineTimes.length} run${baselineTimes.length > 1 ? 's' : ''}), ` +
          `now ${ms(a).padStart(9)}: ${(b / a).toFixed(1)}× faster (ratio now/baseline ${(a / b).toFixed(4)})`,
      );
    }

    // 2. The real site, end to end.
    console.log(
      `\nhexo generate of the real site, ${settings.runs} alternating runs each (hexo clean untimed before each):`,
    );
    const times = { baseline: [], current: [] };
    for (const name of Object.keys(sites)) {
      await hexo(sites[name], ['clean']);
      await hexo(sites[name], ['generate']); // warm-up, untimed
    }
    for (let i = 0; i < settings.runs; i++) {
      const order = i % 2 === 0 ? ['baseline', 'current'] : ['current', 'baseline'];
      for (const name of order) {
        await hexo(sites[name], ['clean']);
        times[name].push(await hexo(sites[name], ['generate']));
      }
      console.log(`  run ${i + 1}: baseline ${ms(times.baseline.at(-1))}, now ${ms(times.current.at(-1))}`);
    }
    const b = median(times.baseline);
    const a = median(times.current);
    console.log(`  median: baseline ${ms(b)}, now ${ms(a)}, ratio now/baseline ${(a / b).toFixed(3)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
