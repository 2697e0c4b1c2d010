/**
 * .github/workflows/pages.yml: valid against the GitHub workflow schema (SchemaStore's, as bundled in
 * @action-validator/core, so nothing is fetched), and it does what the README promises: test, build with
 * strict images, publish public/ to GitHub Pages with the official actions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './support/site_copy';

const WORKFLOW = path.join(REPO_ROOT, '.github/workflows/pages.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  id?: string;
}

interface Job {
  'runs-on': string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

let text: string;
let workflow: Workflow;

beforeAll(() => {
  text = fs.readFileSync(WORKFLOW, 'utf8');
  workflow = parseYaml(text) as Workflow;
});

function job(name: string): Job {
  const found = workflow.jobs[name];
  expect(found, `job ${name}`).toBeDefined();
  return found as Job;
}

/** Index of the first step that matches, failing the test if there is none. */
function stepIndex(steps: Step[], what: string, match: (step: Step) => boolean): number {
  const index = steps.findIndex(match);
  expect(index, `a step that ${what}`).toBeGreaterThanOrEqual(0);
  return index;
}

const uses = (action: string) => (step: Step) => step.uses?.split('@')[0] === action;
const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? '');

describe('the schema', () => {
  it('accepts pages.yml', () => {
    const result = validateWorkflow(text);
    expect(result.actionType).toBe('workflow');
    expect(result.errors).toEqual([]);
  });

  it('rejects a broken workflow (the validator is really checking)', () => {
    const broken = text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
    expect(broken).not.toBe(text);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });
});

describe('what the workflow does', () => {
  it('runs on every push to main', () => {
    const push = workflow.on.push as { branches?: string[] } | null;
    expect(push?.branches).toContain('main');
  });

  it('installs with npm ci on Node 20 with the npm cache, then tests, then builds strictly, then uploads', () => {
    const steps = job('build').steps;
    const node = steps[stepIndex(steps, 'sets up Node', uses('actions/setup-node'))] as Step;
    expect(String(node.with?.['node-version'])).toBe('20');
    expect(node.with?.cache).toBe('npm');

    const install = stepIndex(steps, 'runs npm ci', runs(/^npm ci\b/));
    const test = stepIndex(steps, 'runs npm test', runs(/^npm test$/));
    const build = stepIndex(steps, 'builds the site', runs(/^npm run build:publish$/));
    const upload = stepIndex(steps, 'uploads public/', uses('actions/upload-pages-artifact'));
    expect(install).toBeLessThan(test);
    expect(test).toBeLessThan(build);
    expect(build).toBeLessThan(upload);
    expect(stepIndex(steps, 'configures Pages', uses('actions/configure-pages'))).toBeLessThan(upload);

    // Strict through _config.publish.yml, as `npm run deploy` (test/workflow/dev_server.test.ts checks the
    // merged setting); not through a second switch of its own.
    expect(text).not.toContain('HEXO_TYPORA_');
    expect(steps[upload]?.with?.path).toBe('./public');
  });

  it('gives the browser tests /usr/bin/chromium before npm test', () => {
    const steps = job('build').steps;
    const chromium = stepIndex(steps, 'provides /usr/bin/chromium', runs(/\/usr\/bin\/chromium/));
    expect(chromium).toBeLessThan(stepIndex(steps, 'runs npm test', runs(/^npm test$/)));
  });

  it('deploys with deploy-pages after the build, with only the permissions Pages needs', () => {
    const deploy = job('deploy');
    expect([deploy.needs].flat()).toContain('build');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    const environment =
      typeof deploy.environment === 'string' ? deploy.environment : deploy.environment?.name;
    expect(environment).toBe('github-pages');
    stepIndex(deploy.steps, 'deploys to Pages', uses('actions/deploy-pages'));
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs one deploy at a time', () => {
    expect(workflow.concurrency?.group).toBeTruthy();
  });

  it('pins every action to a major version', () => {
    const actions = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .flatMap((step) => (step.uses ? [step.uses] : []));
    expect(actions.length).toBeGreaterThanOrEqual(5);
    for (const action of actions) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('runs npm scripts that exist', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    const named = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .flatMap((step) => [...(step.run ?? '').matchAll(/\bnpm (?:run )?([\w:-]+)/g)].map((m) => m[1] ?? ''))
      .filter((name) => name !== 'ci');
    expect(named).toEqual(expect.arrayContaining(['test', 'build:publish']));
    for (const name of named) expect(scripts[name], `npm script ${name}`).toBeDefined();
  });
});
