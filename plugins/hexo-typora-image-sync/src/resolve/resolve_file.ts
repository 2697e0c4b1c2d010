/** Picks the file a destination points at from its candidates, exactly or with other letter case. */
import type { FileView } from '../fs/file_view';

export type FileResolution = { found: true; file: string; caseMismatch: boolean } | { found: false };

export function resolveFile(
  candidates: readonly string[],
  files: Pick<FileView, 'isFile' | 'findOtherCase'>,
): FileResolution {
  for (const candidate of candidates) {
    if (files.isFile(candidate)) return { found: true, file: candidate, caseMismatch: false };
  }
  for (const candidate of candidates) {
    const other = files.findOtherCase(candidate);
    if (other) return { found: true, file: other, caseMismatch: true };
  }
  return { found: false };
}
