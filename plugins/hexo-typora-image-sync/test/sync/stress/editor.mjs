/**
 * An editor, in its own process, saving posts the two ways real editors do, as fast or as haltingly as told:
 *
 *   in-place: open with truncate, write part of the text, pause, write the rest (vim with backupcopy,
 *             many Electron editors, `>` in a shell); a pause mid-save is what made sync cut posts short.
 *   rename:   write a temporary file, rename it over the post (Typora, VS Code, vim by default).
 *
 * Before each save it reads the post and checks that it is the previous save, or that save with sync's
 * rewrite of its image line: anything else is a lost save. Usage: node editor.mjs <job.json>; prints a JSON
 * report. The texts come from the test (job.posts[i].saves and .synced).
 */
import fs from 'node:fs';
import path from 'node:path';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let random = job.seed >>> 0 || 1;
/** A small deterministic generator (xorshift), so a failing run can be replayed from its seed. */
const next = () => {
  random ^= random << 13;
  random ^= random >>> 17;
  random ^= random << 5;
  return (random >>> 0) / 2 ** 32;
};
const between = (from, to) => from + next() * (to - from);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const report = {
  saves: 0,
  checks: 0,
  asSaved: 0,
  synced: 0,
  lost: [],
  gapReads: 0,
  maxGapMs: 0,
  activeMs: 0,
  idleMs: 0,
};

/**
 * What the post holds now. For the two system calls a rewrite holds the post aside the path is empty; a read
 * that lands there waits (on a loaded machine sync may be descheduled in between) and is counted.
 */
async function readPost(file) {
  let gapStart;
  for (;;) {
    try {
      const text = fs.readFileSync(file, 'utf8');
      if (gapStart !== undefined) report.maxGapMs = Math.max(report.maxGapMs, Date.now() - gapStart);
      return text;
    } catch (error) {
      gapStart ??= Date.now();
      if (error.code !== 'ENOENT' || Date.now() - gapStart > 10_000) throw error;
      report.gapReads++;
      await sleep(1);
    }
  }
}

async function check(post, k) {
  report.checks++;
  const before = post.saves[k - 1];
  const synced = post.synced[k - 1];
  const until = Date.now() + job.checkWithinMs;
  for (;;) {
    const now = await readPost(post.file);
    if (now === before) return void report.asSaved++;
    if (now === synced) return void report.synced++;
    if (Date.now() >= until) {
      report.lost.push({ file: path.basename(post.file), save: k - 1, found: now.slice(0, 400) });
      return;
    }
    await sleep(5);
  }
}

async function saveInPlace(file, text) {
  const bytes = Buffer.from(text);
  const cuts = [Math.floor(between(0.1, 0.9) * bytes.length)];
  if (next() < 0.5) cuts.push(Math.floor(between(cuts[0], bytes.length)));
  const handle = await fs.promises.open(file, 'w');
  try {
    let at = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (at > 0) await sleep(between(0, job.pauseMaxMs));
      await handle.write(bytes.subarray(at, cut));
      at = cut;
    }
  } finally {
    await handle.close();
  }
}

async function saveByRename(file, text) {
  const temp = path.join(path.dirname(file), `~${path.basename(file)}.${process.pid}.tmp`);
  await fs.promises.writeFile(temp, text);
  await fs.promises.rename(temp, file);
}

async function edit(post) {
  for (let k = 0; k < post.saves.length; k++) {
    if (k > 0) await check(post, k);
    const started = Date.now();
    if (job.mode === 'in-place') await saveInPlace(post.file, post.saves[k]);
    else await saveByRename(post.file, post.saves[k]);
    report.saves++;
    const idle = next() < job.idle.chance;
    const wait = idle ? between(job.idle.fromMs, job.idle.toMs) : between(0, job.gapMs);
    await sleep(wait);
    report.activeMs += Date.now() - started - (idle ? wait : 0);
    if (idle) report.idleMs += wait;
  }
  // The last save must still be there (or synced) once sync has had its chance: the test checks that.
}

await Promise.all(job.posts.map(edit));
process.stdout.write(JSON.stringify(report));
