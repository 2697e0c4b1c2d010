/**
 * A GitHub Actions workflow of this repository, read for tests: its text, its parsed form, finders for jobs
 * and steps that fail the test when there is none, and the schema check every workflow gets (SchemaStore's
 * schema as bundled in @action-validator/core, so nothing is fetched).
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './site_copy';

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  id?: string;
}

export interface Job {
  'runs-on': string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  steps: Step[];
}

export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

export interface WorkflowFile {
  text: string;
  workflow: Workflow;
  job(name: string): Job;
}

/** Reads `.github/workflows/<name>`. */
export function readWorkflow(name: string): WorkflowFile {
  const text = fs.readFileSync(path.join(REPO_ROOT, '.github/workflows', name), 'utf8');
  const workflow = parseYaml(text) as Workflow;
  return {
    text,
    workflow,
    job(jobName) {
      const found = workflow.jobs[jobName];
      expect(found, `job ${jobName}`).toBeDefined();
      return found as Job;
    },
  };
}

/** Index of the first step that matches, failing the test if there is none. */
export function stepIndex(steps: Step[], what: string, match: (step: Step) => boolean): number {
  const index = steps.findIndex(match);
  expect(index, `a step that ${what}`).toBeGreaterThanOrEqual(0);
  return index;
}

export const uses = (action: string) => (step: Step) => step.uses?.split('@')[0] === action;
export const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? '');

const allSteps = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((j) => j.steps);

/** Every `uses:` of every job. */
export function actionsUsed(workflow: Workflow): string[] {
  return allSteps(workflow).flatMap((step) => (step.uses ? [step.uses] : []));
}

/** What every `npm <command>` and `npm run <script>` in a `run:` names, in order. */
export function npmCommandsRun(workflow: Workflow): string[] {
  return allSteps(workflow).flatMap((step) =>
    [...(step.run ?? '').matchAll(/\bnpm (?:run )?([\w:-]+)/g)].map((m) => m[1] ?? ''),
  );
}

/** The workflow is valid, and the validator rejects it after `breakIt` (so it is really checking). */
export function describeSchema(name: string, breakIt: (text: string) => string): void {
  describe('the schema', () => {
    const { text } = readWorkflow(name);

    it(`accepts ${name}`, () => {
      const result = validateWorkflow(text);
      expect(result.actionType).toBe('workflow');
      expect(result.errors).toEqual([]);
    });

    it('rejects a broken workflow (the validator is really checking)', () => {
      const broken = breakIt(text);
      expect(broken).not.toBe(text);
      expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
    });
  });
}
