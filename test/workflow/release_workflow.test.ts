/**
 * .github/workflows/release.yml: valid against the GitHub workflow schema (SchemaStore's, bundled in
 * @action-validator/core, so nothing is fetched), and it does what docs/release.md promises: on a tag
 * hexo-typora-image-sync@v<version>, refuse a tag that is not package.json's version or a version CHANGELOG.md
 * has not dated, run every test, then publish the plugin workspace with provenance. The two shell steps that
 * decide something run here for real with bash, with a stand-in `npm` that records what it is asked to do.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/site_copy';
import {
  actionsUsed,
  describeSchema,
  npmCommandsRun,
  readWorkflow,
  runs,
  type Step,
  stepIndex,
  uses,
} from './support/workflow_file';

const PLUGIN = 'plugins/hexo-typora-image-sync';
const TAG_PREFIX = 'hexo-typora-image-sync@v';
const PUBLISH = `npm publish --provenance --access public --workspace ${PLUGIN}`;

const { workflow, job } = readWorkflow('release.yml');
const on = workflow.on as { push?: { tags?: string[]; branches?: string[] } };
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'release-workflow-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const named = (name: string) => (step: Step) => step.name === name;

function stepRun(jobName: string, stepName: string): string {
  const steps = job(jobName).steps;
  return steps[stepIndex(steps, `is named "${stepName}"`, named(stepName))]?.run ?? '';
}

interface ScriptRun {
  code: number;
  output: string;
  /** The arguments of every `npm` call the script made, one call per entry. */
  npmCalls: string[][];
}

/**
 * Runs a step's script with bash in a folder holding the plugin's package.json (at `version`) and
 * CHANGELOG.md (`changelog`), the way the runner runs it from the checkout, with `npm` replaced by a recorder.
 */
function runStep(
  script: string,
  env: Record<string, string>,
  version: string,
  changelog: string,
): Promise<ScriptRun> {
  const dir = fs.mkdtempSync(path.join(work, 'checkout-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, PLUGIN, 'package.json'), 'utf8'));
  fs.mkdirSync(path.join(dir, PLUGIN), { recursive: true });
  fs.writeFileSync(path.join(dir, PLUGIN, 'package.json'), JSON.stringify({ ...manifest, version }));
  fs.writeFileSync(path.join(dir, PLUGIN, 'CHANGELOG.md'), changelog);
  const bin = path.join(dir, '.bin');
  const calls = path.join(dir, 'npm-calls');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "$*" >> '${calls}'\n`, { mode: 0o755 });
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', script],
      { cwd: dir, env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, ...env } },
      (error, stdout, stderr) => {
        const npmCalls = fs.existsSync(calls)
          ? fs
              .readFileSync(calls, 'utf8')
              .trim()
              .split('\n')
              .map((line) => line.split(' '))
          : [];
        resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}`, npmCalls });
      },
    );
  });
}

const DATED = (version: string) => `# Changelog\n\n## [${version}] - 2026-12-01\n\n### Added\n\n- x\n`;
const UNRELEASED = (version: string) => `# Changelog\n\n## [${version}] - Unreleased\n\n### Added\n\n- x\n`;

describeSchema('release.yml', (text) => text.replace('id-token: write', 'id-token: publish'));

describe('when it runs', () => {
  it('runs on version tags of the plugin only', () => {
    expect(Object.keys(on)).toEqual(['push']);
    expect(on.push?.branches).toBeUndefined();
    expect(on.push?.tags).toEqual([`${TAG_PREFIX}*`]);
  });

  it('runs one release at a time and never cancels one halfway', () => {
    expect(workflow.concurrency?.group).toBeTruthy();
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
  });
});

describe('the tag check', () => {
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, PLUGIN, 'package.json'), 'utf8')).version;
  const check = () => stepRun('test', 'Check the tag against package.json and CHANGELOG.md');

  it('comes before the install and the tests', () => {
    const steps = job('test').steps;
    const at = stepIndex(
      steps,
      'checks the tag',
      named('Check the tag against package.json and CHANGELOG.md'),
    );
    expect(at).toBeLessThan(stepIndex(steps, 'runs npm ci', runs(/^npm ci$/)));
  });

  it('passes a tag that names the version package.json has and CHANGELOG.md dates', async () => {
    const run = await runStep(
      check(),
      { GITHUB_REF_NAME: `${TAG_PREFIX}${version}` },
      version,
      DATED(version),
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`Releasing hexo-typora-image-sync ${version}`);
  });

  it('refuses a tag for another version, naming both', async () => {
    const run = await runStep(check(), { GITHUB_REF_NAME: `${TAG_PREFIX}9.9.9` }, version, DATED(version));
    expect(run.code).toBe(1);
    expect(run.output).toContain(`is version 9.9.9 but ${PLUGIN}/package.json has ${version}`);
  });

  it('refuses a version whose CHANGELOG.md heading is not dated', async () => {
    const run = await runStep(
      check(),
      { GITHUB_REF_NAME: `${TAG_PREFIX}${version}` },
      version,
      UNRELEASED(version),
    );
    expect(run.code).toBe(1);
    expect(run.output).toContain(`has no heading '## [${version}] - YYYY-MM-DD'`);
  });

  it('does not take another version with the same digits for the dated one (dots are not wildcards)', async () => {
    const run = await runStep(check(), { GITHUB_REF_NAME: `${TAG_PREFIX}1.2.3` }, '1.2.3', DATED('1x2x3'));
    expect(run.code).toBe(1);
  });
});

describe('the test job', () => {
  it('installs with npm ci on Node 20 with the npm cache, gives the browser tests Chromium, then runs npm test', () => {
    const steps = job('test').steps;
    const node = steps[stepIndex(steps, 'sets up Node', uses('actions/setup-node'))] as Step;
    expect(String(node.with?.['node-version'])).toBe('20');
    expect(node.with?.cache).toBe('npm');
    // The fixture sites' packages are cached with the site's.
    expect(String(node.with?.['cache-dependency-path'])).toContain(
      `${PLUGIN}/test/fixtures/installed/*/package-lock.json`,
    );
    const install = stepIndex(steps, 'runs npm ci', runs(/^npm ci$/));
    const chromium = stepIndex(steps, 'provides /usr/bin/chromium', runs(/\/usr\/bin\/chromium/));
    const test = stepIndex(steps, 'runs npm test', runs(/^npm test$/));
    expect(install).toBeLessThan(test);
    expect(chromium).toBeLessThan(test);
  });
});

describe('the publish job', () => {
  const publish = () => stepRun('publish', 'Publish to npm');

  it('runs only after the tests pass, with an OIDC token and read access, in the npm environment', () => {
    const publishJob = job('publish');
    expect([publishJob.needs].flat()).toEqual(['test']);
    expect(publishJob.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job('test').permissions).toBeUndefined();
    expect(publishJob.environment).toBe('npm');
  });

  it('uses an npm that can publish with trusted publishing (Node 24 ships npm 11) against the npm registry', () => {
    const steps = job('publish').steps;
    const node = steps[stepIndex(steps, 'sets up Node', uses('actions/setup-node'))] as Step;
    expect(Number(node.with?.['node-version'])).toBeGreaterThanOrEqual(24);
    expect(node.with?.['registry-url']).toBe('https://registry.npmjs.org');
    expect(stepIndex(steps, 'installs', runs(/^npm ci\b/))).toBeLessThan(
      stepIndex(steps, 'publishes', named('Publish to npm')),
    );
  });

  it('publishes the plugin workspace with provenance, the token only as a fallback', () => {
    const steps = job('publish').steps;
    const step = steps[stepIndex(steps, 'publishes', named('Publish to npm'))] as Step;
    expect(Object.keys(step.env ?? {})).toEqual(['NODE_AUTH_TOKEN']);
    expect(step.env?.NODE_AUTH_TOKEN).toMatch(/^\$\{\{ secrets\.NPM_TOKEN \}\}$/);
    expect(step.run).toContain(PUBLISH);
  });

  it('publishes a release to the latest dist-tag', async () => {
    const run = await runStep(publish(), {}, '0.2.0', '');
    expect(run.code, run.output).toBe(0);
    expect(run.npmCalls).toEqual([[...PUBLISH.split(' ').slice(1), '--tag', 'latest']]);
  });

  it('publishes a prerelease to next, so npm install keeps getting the last release', async () => {
    const run = await runStep(publish(), {}, '0.3.0-beta.1', '');
    expect(run.code, run.output).toBe(0);
    expect(run.npmCalls).toEqual([[...PUBLISH.split(' ').slice(1), '--tag', 'next']]);
  });
});

describe('everything it names exists', () => {
  it('pins every action to a major version of GitHub’s own actions', () => {
    const actions = actionsUsed(workflow);
    expect(actions.length).toBeGreaterThanOrEqual(4);
    for (const action of actions) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('runs npm scripts that exist, and publishes the workspace that exists', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    const scriptsNamed = npmCommandsRun(workflow).filter((name) => !['ci', 'publish'].includes(name));
    expect(scriptsNamed).toEqual(['test']);
    for (const name of scriptsNamed) expect(scripts[name], `npm script ${name}`).toBeDefined();
    expect(fs.existsSync(path.join(REPO_ROOT, PLUGIN, 'package.json'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, PLUGIN, 'package.json'), 'utf8')).name).toBe(
      'hexo-typora-image-sync',
    );
  });
});
