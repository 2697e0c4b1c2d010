/**
 * `hexo typora check`: every reference that is missing, outside the post's asset folder, outside the
 * repository or in the wrong letter case, from the same plan `sync` would apply, writing nothing.
 */
import { displayPath } from '../diagnostics';
import type { Finding } from './plan/finding';
import type { Selection } from './read/site_facts';
import type { SyncSettings } from './settings';
import { syncPosts } from './sync_posts';

export interface CheckReport {
  posts: number;
  /** Sorted by file and line. */
  findings: Finding[];
  /** The findings `hexo typora sync` fixes. */
  fixable: ReadonlySet<Finding>;
  /** Files in post folders nothing uses. */
  orphans: string[];
}

export async function checkPosts(options: SyncSettings & Selection): Promise<CheckReport> {
  const report = await syncPosts({ ...options, dryRun: true, orphans: 'report' });
  const interrupted = report.interrupted.map(
    (file): Finding => ({
      file: displayPath(options.baseDir, file),
      line: 1,
      severity: 'error',
      problem: 'a sync was killed while it held this post aside, so the post is not in its place',
      fix: '`hexo typora sync` (or `hexo typora watch`) puts it back first thing',
    }),
  );
  const findings = [...report.fixed, ...report.problems, ...interrupted].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line,
  );
  return {
    posts: report.posts,
    findings,
    fixable: new Set([...report.fixed, ...interrupted]),
    orphans: report.orphans,
  };
}

/** A finding that breaks the deployed site (CI fails `hexo typora check` on these). */
export function breaksSite(finding: Finding): boolean {
  return finding.severity === 'error';
}
