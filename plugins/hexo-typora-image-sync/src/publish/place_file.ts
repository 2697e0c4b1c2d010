/**
 * Decides where a file that may be published is served: where Hexo already publishes it, or under the
 * post's own URL (for `hello.assets/`, files beside the post, files outside `source/`). Whether it may be
 * published at all is decided before, by `resolve/classify_reference.ts`.
 */
import path from 'node:path';
import { hashFile } from '../fs/hash_file';
import { choosePublishedName, type NameState } from './published_name';
import type { RouteTable } from './route_table';

export interface HexoPublished {
  /** Site path at which Hexo itself publishes this file (post asset or source asset), if it does. */
  publishedPath(file: string): string | undefined;
  /** The source file of the post asset published at `sitePath`, if there is one. */
  postAssetAt(sitePath: string): string | undefined;
}

export interface Placement {
  sitePath: string;
  /** The plugin publishes the file at `sitePath` from here (undefined when Hexo publishes it). */
  publishFrom?: string;
}

export class FilePlacer {
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly hexo: HexoPublished,
    private readonly routes: RouteTable,
  ) {}

  /**
   * `file` as the reference names it and `real` its real path; `urlDir` is the post's folder on the site
   * (`2024/01/02/hello`), `claimed` the routes this post took so far.
   */
  place(file: string, real: string, urlDir: string, claimed: Map<string, string>): Placement {
    const published = this.hexo.publishedPath(file);
    if (published !== undefined) return { sitePath: published };
    const stateOf = (name: string): NameState => {
      const sitePath = path.posix.join(urlDir, name);
      const taken =
        claimed.get(sitePath) ?? this.routes.sourceAt(sitePath) ?? this.hexo.postAssetAt(sitePath);
      if (taken === undefined) return 'free';
      if (taken === real || this.hashOf(taken) === this.hashOf(real)) return 'same-content';
      return 'other-content';
    };
    const name = choosePublishedName(path.basename(real), () => this.hashOf(real), stateOf);
    const sitePath = path.posix.join(urlDir, name);
    if (this.hexo.postAssetAt(sitePath) !== undefined) return { sitePath };
    claimed.set(sitePath, real);
    return { sitePath, publishFrom: real };
  }

  private hashOf(file: string): string {
    let hash = this.hashes.get(file);
    if (hash === undefined) {
      hash = hashFile(file) ?? `unreadable:${file}`;
      this.hashes.set(file, hash);
    }
    return hash;
  }

  clear(): void {
    this.hashes.clear();
  }
}
