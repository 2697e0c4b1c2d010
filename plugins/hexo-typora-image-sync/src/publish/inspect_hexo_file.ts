/**
 * The build's check of one file Hexo publishes by itself (an Asset or PostAsset: every file in a post's
 * asset folder and every public file under `source/`, referenced or not): reads where it really is and,
 * for a link into the repository outside `source/`, its content facts; then `decideHexoFile` decides.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ServeScope } from './open_checked_file';
import { decideHexoFile, type HexoFileDecision, isInside } from './outside_file_policy';
import { readFileFacts } from './read_file_facts';

const realpathAsync = promisify(fs.realpath.native);

export type HexoFileVerdict = HexoFileDecision & { real?: string };

export async function inspectHexoFile(file: string, scope: ServeScope): Promise<HexoFileVerdict> {
  let real: string;
  try {
    // Asynchronous: a build checks every file of every asset folder.
    real = await realpathAsync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // A dangling link: Hexo finds nothing to publish there.
    if (code === 'ENOENT') return { allowed: true };
    return { allowed: false, reason: `it cannot be read (${code})` };
  }
  const content =
    isInside(real, scope.realSourceDir) || !isInside(real, scope.realBaseDir)
      ? undefined
      : readFileFacts(real, { maxBytes: scope.policy.maxBytes, name: path.basename(file) });
  return { ...decideHexoFile(file, real, content, scope, scope.policy), real };
}
