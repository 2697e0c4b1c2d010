/**
 * The name a file gets in a post's folder on the site (and in its asset folder when synced): its own
 * name, unless another file already has it, then `name-<hash>.ext` (the hash is computed only then).
 */
import path from 'node:path';

export type NameState = 'free' | 'same-content' | 'other-content';

export function choosePublishedName(
  name: string,
  contentHash: () => string,
  stateOf: (name: string) => NameState,
): string {
  if (stateOf(name) !== 'other-content') return name;
  const hash = contentHash();
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let length = 8; length <= hash.length; length += 4) {
    const candidate = `${stem}-${hash.slice(0, length)}${ext}`;
    if (stateOf(candidate) !== 'other-content') return candidate;
  }
  return `${stem}-${hash}${ext}`;
}
