/** Content hashes of files, by path, size, modification time and inode, shared by one run. */
import fs from 'node:fs';
import { hashFile } from '../../fs/hash_file';

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
    const hash = hashFile(file);
    if (hash === undefined) return undefined;
    this.hashes.set(file, { stamp, hash });
    return hash;
  }
}
