/**
 * Decides where a resolved file is served: where Hexo already publishes it, or under the post's own URL
 * (for `hello.assets/`, files beside the post, files outside `source/`), behind the security policy.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decideOutsideFile, decideSourceFile, isInside } from './outside_file_policy';
import { choosePublishedName, type NameState } from './published_name';
import type { RouteTable } from './route_table';
import { SNIFF_LENGTH } from './sniff_media_type';

export interface HexoPublished {
  /** Site path at which Hexo itself publishes this file (post asset or source asset), if it does. */
  publishedPath(file: string): string | undefined;
  /** The source file of the post asset published at `sitePath`, if there is one. */
  postAssetAt(sitePath: string): string | undefined;
}

export interface PlaceOptions {
  sourceDir: string;
  baseDir: string;
  strict: boolean;
  publishOutside: boolean;
  maxBytes: number;
}

export type Placement = { ok: true; sitePath: string; publishFrom?: string } | { ok: false; reason: string };

export class FilePlacer {
  private readonly hashes = new Map<string, string>();
  /** `sourceDir` and `baseDir` with symbolic links resolved, to compare with files' real paths. */
  private readonly realSourceDir: string;
  private readonly realBaseDir: string;

  constructor(
    private readonly hexo: HexoPublished,
    private readonly routes: RouteTable,
    private readonly options: PlaceOptions,
  ) {
    this.realSourceDir = realPathOr(options.sourceDir);
    this.realBaseDir = realPathOr(options.baseDir);
  }

  /**
   * `urlDir` is the post's folder on the site (`2024/01/02/hello`), `claimed` the routes this post took so
   * far; `fromDraft` says the post is in `source/_drafts/` (its own files there may be published).
   */
  place(file: string, urlDir: string, claimed: Map<string, string>, fromDraft = false): Placement {
    const published = this.hexo.publishedPath(file);
    if (published !== undefined) return { ok: true, sitePath: published };
    if (!this.options.publishOutside) {
      return { ok: false, reason: 'Hexo does not publish it and typora.publish_outside is off' };
    }
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch (error) {
      return { ok: false, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    if (!isInside(real, this.realSourceDir)) {
      const decision = this.checkOutside(real);
      if (!decision.ok) return decision;
    } else {
      const decision = decideSourceFile(path.relative(this.realSourceDir, real), fromDraft);
      if (!decision.allowed) return { ok: false, reason: decision.reason };
    }
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
    if (this.hexo.postAssetAt(sitePath) !== undefined) return { ok: true, sitePath };
    claimed.set(sitePath, real);
    return { ok: true, sitePath, publishFrom: real };
  }

  private checkOutside(real: string): { ok: true } | { ok: false; reason: string } {
    let size: number;
    const head = Buffer.alloc(SNIFF_LENGTH);
    let length = 0;
    try {
      size = fs.statSync(real).size;
      const fd = fs.openSync(real, 'r');
      try {
        length = fs.readSync(fd, head, 0, SNIFF_LENGTH, 0);
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      return { ok: false, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const decision = decideOutsideFile(
      { realPath: real, size, head: head.subarray(0, length) },
      { baseDir: this.realBaseDir, strict: this.options.strict, maxBytes: this.options.maxBytes },
    );
    return decision.allowed ? { ok: true } : { ok: false, reason: decision.reason };
  }

  private hashOf(file: string): string {
    let hash = this.hashes.get(file);
    if (hash === undefined) {
      try {
        hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      } catch {
        hash = `unreadable:${file}`;
      }
      this.hashes.set(file, hash);
    }
    return hash;
  }

  clear(): void {
    this.hashes.clear();
  }
}

function realPathOr(dir: string): string {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return dir;
  }
}
