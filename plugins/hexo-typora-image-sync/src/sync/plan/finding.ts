/** What `hexo typora check` and `hexo typora sync` say about a reference or a post: `file:line: problem — fix`. */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** The markdown file, relative to the site folder, with `/` separators. */
  file: string;
  line: number;
  /** `error`: the deployed site would break (missing, outside the repository, letter case, refused). */
  severity: Severity;
  problem: string;
  fix: string;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}: ${finding.problem} — ${finding.fix}`;
}
