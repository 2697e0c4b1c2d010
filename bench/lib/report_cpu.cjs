/**
 * Preloaded (`node --require`) into each timed `hexo` process: on exit, writes the process's own CPU time
 * (user + system, in ms) to BENCH_CPU_FILE. CPU time is less disturbed than wall time when other work shares
 * the machine's two cores.
 */
const fs = require('node:fs');

const out = process.env.BENCH_CPU_FILE;
if (out) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    fs.writeFileSync(out, JSON.stringify({ userMs: user / 1000, systemMs: system / 1000 }));
  });
}
