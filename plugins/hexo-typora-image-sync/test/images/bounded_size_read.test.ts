/**
 * The built size reader in a process of its own, on a sparse 1.9 GB file: what it reads stays bounded
 * (peak memory), which only a separate process can measure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('ImageSizeReader in the built plugin', () => {
  it('reads at most 1 MiB of a 1.9 GB file whose first MiB gives no size (peak memory stays small)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-'));
    const file = path.join(dir, 'huge.jpg');
    // A JPEG start whose metadata segments never reach a frame header, then 1.9 GB of holes (a sparse file:
    // no disk used). Read whole, as before, it cost about 4 GB of memory.
    const app = Buffer.concat([Buffer.from([0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(0xfffd)]);
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array.from({ length: 20 }, () => app)]));
    fs.ftruncateSync(fd, 1.9e9);
    fs.closeSync(fd);
    const reader = path.resolve(__dirname, '../../dist/images/read_image_size.js');
    const script = `const { ImageSizeReader } = require(${JSON.stringify(reader)});
      const size = new ImageSizeReader().read(${JSON.stringify(file)});
      process.stdout.write(JSON.stringify({ size, maxRssKiB: process.resourceUsage().maxRSS }));`;
    const { size, maxRssKiB } = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }),
    );
    fs.rmSync(dir, { recursive: true });
    expect(size).toBeNull();
    expect(maxRssKiB / 1024).toBeLessThan(200);
  });
});
