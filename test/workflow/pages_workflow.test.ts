/**
 * .github/workflows/pages.yml: valid against the GitHub workflow schema (SchemaStore's, as bundled in
 * @action-validator/core, so nothing is fetched), and it does what the README promises: test, build with
 * strict images, publish public/ to GitHub Pages with the official actions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FOLDER } from '../../plugins/hexo-typora-image-sync/src/variants/variant_cache';
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

const { text, workflow, job } = readWorkflow('pages.yml');

describeSchema('pages.yml', (text) => text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'));

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

  it('restores the image variant cache the plugin writes before the build', () => {
    const steps = job('build').steps;
    const cache = stepIndex(steps, 'caches image variants', uses('actions/cache'));
    expect(cache).toBeLessThan(stepIndex(steps, 'builds the site', runs(/^npm run build:publish$/)));
    expect(steps[cache]?.with?.path).toBe(CACHE_FOLDER.split(path.sep).join('/'));
    expect(String(steps[cache]?.with?.key)).toMatch(/hashFiles\(.*source\/\*\*/);
    expect(String(steps[cache]?.with?.['restore-keys'])).toBeTruthy();
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
    const actions = actionsUsed(workflow);
    expect(actions.length).toBeGreaterThanOrEqual(5);
    for (const action of actions) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('runs npm scripts that exist', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
    const named = npmCommandsRun(workflow).filter((name) => name !== 'ci');
    expect(named).toEqual(expect.arrayContaining(['test', 'build:publish']));
    for (const name of named) expect(scripts[name], `npm script ${name}`).toBeDefined();
  });
});
