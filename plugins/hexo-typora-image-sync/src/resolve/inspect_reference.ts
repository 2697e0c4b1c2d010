/**
 * Reads what the decision about one reference needs (which file it names, its real path, what Hexo does
 * with it, the first bytes of a file from outside `source/`), then decides with `classifyReference`.
 * The build, `check`, `sync` and the watcher all call this, so they cannot disagree.
 */
import path from 'node:path';
import type { FileView } from '../fs/file_view';
import type { MarkdownReference } from '../markdown/find_references';
import { isInside } from '../publish/outside_file_policy';
import { readFileFacts } from '../publish/read_file_facts';
import { readTyporaFolders } from '../publish/typora_folders';
import { candidateFiles, mainCandidateFiles, typoraFileOf } from './candidate_files';
import {
  classifyReference,
  isFileReference,
  type LocalDestination,
  type PublishPolicy,
  type ReferenceClass,
  type ReferenceFacts,
  type ReferenceScope,
} from './classify_reference';
import { parseDestination } from './parse_destination';
import { resolveFile } from './resolve_file';

export interface InspectedReference {
  parsed: LocalDestination;
  verdict: ReferenceClass;
}

/** Does Hexo publish this file itself? The build asks Hexo's database; sync applies Hexo's path rule. */
export type PublishedByHexo = (file: string) => boolean;

export function inspectReference(
  reference: Pick<MarkdownReference, 'image' | 'destination'>,
  scope: ReferenceScope,
  policy: PublishPolicy,
  files: FileView,
  publishedByHexo: PublishedByHexo,
): InspectedReference | undefined {
  const parsed = parseDestination(reference.destination);
  if (!isFileReference(reference.image, parsed)) return undefined;
  const facts = readReferenceFacts(parsed, scope, policy, files, publishedByHexo);
  return { parsed, verdict: classifyReference(reference.image, parsed, facts, scope, policy) };
}

function readReferenceFacts(
  parsed: LocalDestination,
  scope: ReferenceScope,
  policy: PublishPolicy,
  files: FileView,
  publishedByHexo: PublishedByHexo,
): ReferenceFacts {
  const resolution = resolveFile(candidateFiles(parsed, scope), files);
  const looked = mainCandidateFiles(parsed, scope);
  const typoraFile = typoraFileOf(parsed, scope);
  const common = {
    resolution,
    looked,
    typoraFolders: readTyporaFolders(scope.homeDir),
    ...(typoraFile !== undefined ? { typoraFile } : {}),
  };
  if (!resolution.found) {
    for (const file of looked) {
      const { kind, code } = files.kindOf(file);
      if (kind === 'file' || kind === 'missing' || kind === 'broken-link') continue;
      return { ...common, publishedByHexo: false, obstacle: { file, kind, ...(code ? { code } : {}) } };
    }
    return { ...common, publishedByHexo: false };
  }
  let real: string;
  try {
    real = files.realPath(resolution.file);
  } catch (error) {
    return { ...common, publishedByHexo: false, real: { error: errorCode(error) } };
  }
  const byHexo = publishedByHexo(resolution.file);
  if (isInside(real, scope.realSourceDir)) return { ...common, publishedByHexo: byHexo, real };
  // Hexo serves its own files under the name the reference uses; the plugin under the real name.
  const name = byHexo ? path.basename(resolution.file) : path.basename(real);
  const content = readFileFacts(real, { maxBytes: policy.maxBytes, name });
  return { ...common, publishedByHexo: byHexo, real, content };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}
