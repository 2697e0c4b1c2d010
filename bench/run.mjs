/**
 * `npm run bench`: runs every bench/*.bench.mjs in name order, one after another (they time real processes
 * and must not share the two cores), printing each one's output as it comes. Arguments select benches by
 * name: `npm run bench -- generate`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);

const benches = fs
  .readdirSync(BENCH_DIR)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

if (benches.length === 0) {
  console.log(wanted.length ? `no bench matches ${wanted.join(', ')}` : 'no bench/*.bench.mjs found');
}

let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name}`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(BENCH_DIR, name)], { stdio: 'inherit' });
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) {
    failed++;
    console.log(`=== ${name} failed (exit ${code})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
