/**
 * The files this plugin publishes that Hexo would not, by site path, remembered per post in Hexo's
 * database so that a cached (not re-rendered) post keeps its images on the next `hexo generate`.
 */
import type { Diagnostic } from '../diagnostics';

export interface PublishedRoute {
  /** Site path without `root`, not percent-encoded: `2024/01/02/hello/x.png`. */
  path: string;
  /** Absolute real path of the file served there. */
  source: string;
}

export interface PostRecord {
  _id: string;
  routes: PublishedRoute[];
  diagnostics: Diagnostic[];
}

export class RouteTable {
  private readonly byPath = new Map<string, { source: string; postId: string }>();
  private readonly byPost = new Map<string, PostRecord>();

  load(records: Iterable<PostRecord>): void {
    this.byPath.clear();
    this.byPost.clear();
    for (const record of records) this.put(record);
  }

  /** Replaces everything known about one post. */
  put(record: PostRecord): void {
    this.release(record._id);
    this.byPost.set(record._id, record);
    for (const route of record.routes)
      this.byPath.set(route.path, { source: route.source, postId: record._id });
  }

  release(postId: string): void {
    const previous = this.byPost.get(postId);
    if (!previous) return;
    for (const route of previous.routes) {
      if (this.byPath.get(route.path)?.postId === postId) this.byPath.delete(route.path);
    }
    this.byPost.delete(postId);
  }

  sourceAt(path: string): string | undefined {
    return this.byPath.get(path)?.source;
  }

  records(): IterableIterator<PostRecord> {
    return this.byPost.values();
  }
}
