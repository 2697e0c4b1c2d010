/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where time goes under the functions of one
 * package: its share of the whole run, its functions by inclusive time, and the leaf functions (its own or
 * its dependencies', marked's lexer, htmlparser2, fs, …) that run beneath it.
 */

const ms = (us) => `${(us / 1000).toFixed(0)} ms`;

function frameName(node, repoRoot) {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url
    .replace(/^file:\/\//, '')
    .replace(repoRoot, '')
    .replace(/^.*node_modules\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

export function summarizeProfile(profile, { focus, repoRoot = '', top = 12 }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Every sample weighs the sampling interval (the median gap between samples). The gap before one sample is
  // not time its stack spent: after a stall (the process not scheduled on a busy machine) a single sample
  // carried 0.8 s, and a function called twice looked like a hot spot.
  const gaps = profile.timeDeltas.filter((d) => d > 0).sort((a, b) => a - b);
  const interval = gaps[gaps.length >> 1] ?? 0;
  let total = 0;
  let underFocus = 0;
  const inclusive = new Map();
  const leafUnderFocus = new Map();
  profile.samples.forEach((id) => {
    total += interval;
    const seen = new Set();
    let inFocus = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node.callFrame.url.includes(focus)) continue;
      inFocus = true;
      const name = frameName(node, repoRoot);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + interval);
    }
    if (!inFocus) return;
    underFocus += interval;
    const leaf = frameName(byId.get(id), repoRoot);
    leafUnderFocus.set(leaf, (leafUnderFocus.get(leaf) ?? 0) + interval);
  });

  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) => `    ${ms(us).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`,
      );
  return [
    `profile: ${ms(total)} sampled; ${ms(underFocus)} (${((100 * underFocus) / total).toFixed(1)}%) with ${focus} on the stack`,
    `  ${focus} functions by inclusive time:`,
    ...rank(inclusive),
    '  leaf functions under them (self time):',
    ...rank(leafUnderFocus),
  ].join('\n');
}
