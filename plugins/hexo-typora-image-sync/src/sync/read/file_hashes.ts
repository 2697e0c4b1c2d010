/** Content hashes of files, by path, size, modification time and inode, shared by one run. */
import fs from 'node:fs';
import { sha256 } from './file_version';

export class FileHashes {
  private readonly hashes = new Map<string, { stamp: string; hash: string }>();

  hashOf(file: string): string | undefined {
    let stat: fs.BigIntStats;
    try {
      stat = fs.statSync(file, { bigint: true });
    } catch {
      return undefined;
    }
    const stamp = `${stat.size}:${stat.mtimeNs}:${stat.ino}`;
    const cached = this.hashes.get(file);
    if (cached?.stamp === stamp) return cached.hash;
    let hash: string;
    try {
      hash = sha256(fs.readFileSync(file));
    } catch {
      return undefined;
    }
    this.hashes.set(file, { stamp, hash });
    return hash;
  }
}
