/**
 * `hexo typora check`: every reference that is missing, outside the post's asset folder, outside the
 * repository or in the wrong letter case, from the same plan `sync` would apply, writing nothing.
 */
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
  const findings = [...report.fixed, ...report.problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line,
  );
  return { posts: report.posts, findings, fixable: new Set(report.fixed), orphans: report.orphans };
}

/** A finding that breaks the deployed site (CI fails `hexo typora check` on these). */
export function breaksSite(finding: Finding): boolean {
  return finding.severity === 'error';
}
