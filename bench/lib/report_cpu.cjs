/**
 * Preloaded (`node --require`) into each timed `hexo` process: on exit, writes to BENCH_CPU_FILE the
 * process's CPU time (user + system, all threads) and, on Linux, that of its main thread alone, in ms.
 * The plugin runs on the main thread; the main thread's time is also the steadiest number when other work
 * shares the machine's two cores (V8's GC helpers and libuv's pool use the other core only when it is free).
 */
const fs = require('node:fs');

/** /proc reports thread times in USER_HZ ticks, 100 per second on Linux. */
const TICKS_PER_SECOND = 100;

function mainThreadMs() {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const out = process.env.BENCH_CPU_FILE;
if (out) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    fs.writeFileSync(
      out,
      JSON.stringify({ userMs: user / 1000, systemMs: system / 1000, mainMs: mainThreadMs() }),
    );
  });
}
