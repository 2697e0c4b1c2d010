/**
 * Vitest reporter: after the run, the slowest test files and the time each tier took, so that a file that
 * starts eating the budget (docs/testing.md) is seen in the run that made it slow.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

/** The time a file took in its worker: setting up, importing and collecting it, and its tests and hooks. */
function fileTime(module: TestModule): number {
  const d = module.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export default class SlowestFilesReporter implements Reporter {
  private started = 0;

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (modules.length === 0) return;
    const files = modules
      .map((module) => ({ module, ms: fileTime(module), tier: module.project.name || '(root)' }))
      .sort((a, b) => b.ms - a.ms);
    const tiers = new Map<string, { files: number; ms: number }>();
    for (const { tier, ms } of files) {
      const sum = tiers.get(tier) ?? { files: 0, ms: 0 };
      sum.files += 1;
      sum.ms += ms;
      tiers.set(tier, sum);
    }
    const lines = [
      '',
      `Slowest test files (of ${files.length}; the run took ${seconds(Date.now() - this.started)} from the first file):`,
      ...files
        .slice(0, SHOWN)
        .map(
          ({ module, ms, tier }) =>
            `  ${seconds(ms).padStart(8)}  ${tier.padEnd(12)} ${module.relativeModuleId}`,
        ),
      `Time in each tier (sum over its files; files run in parallel): ${[...tiers]
        .map(([tier, sum]) => `${tier} ${seconds(sum.ms)} (${sum.files} files)`)
        .join(', ')}`,
      ...skippedTests(modules),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** Skipped tests did not pass: name them at the end, where they cannot be missed. */
function skippedTests(modules: ReadonlyArray<TestModule>): string[] {
  return modules.flatMap((module) => {
    const skipped = [...module.children.allTests('skipped')];
    if (skipped.length === 0) return [];
    const first = skipped[0]?.result();
    const note = first?.state === 'skipped' ? first.note : undefined;
    return [
      `SKIPPED, not passed: ${skipped.length} test(s) in ${module.relativeModuleId}${note ? ` (${note})` : ''}`,
    ];
  });
}
