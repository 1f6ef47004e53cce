import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'unknown-activity';

/** A dev stack whose `settings.pro` is `block` (written at column 1; line 1 of it is file line 5). */
function stack(block: string): string {
  const body = block
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  return `vars:\n  stage: dev\nsettings:\n  pro:\n${body}\ncomponents:\n  terraform:\n    vpc:\n      vars: {}\n`;
}

const found = (block: string, id = ID) =>
  lintFiles({ 'stacks/deploy/dev.yaml': stack(block) })
    .filter((d) => d.ruleId === id)
    .map((d) => [d.line, d.column, d.message]);

describe(ID, () => {
  const wf = '\n    workflows:\n      atmos-terraform-plan.yaml: {}';
  it('accepts every documented activity, and leaves undocumented release activities to their rule', () => {
    const block = `pull_request:
  opened:${wf}
  synchronize:${wf}
  reopened:${wf}
  merged:${wf}
release:
  published:${wf}
  released:${wf}
merge_group:
  checks_requested:${wf}`;
    expect(found(block)).toEqual([]);
  });

  const invalid: [string, string, string][] = [
    [
      'pull_request',
      'closed',
      'Unknown `pull_request` activity `closed`: use `merged`, which Atmos Pro synthesizes from `closed` with `merged: true`.',
    ],
    [
      'pull_request',
      'synchronise',
      'Unknown `pull_request` activity `synchronise`: did you mean `synchronize`?',
    ],
    ['pull_request', 'reopen', 'Unknown `pull_request` activity `reopen`: did you mean `reopened`?'],
    [
      'pull_request',
      'labeled',
      'Unknown `pull_request` activity `labeled`: GitHub sends `labeled`, but Atmos Pro dispatches on `opened`, `synchronize`, `reopened` and `merged` only.',
    ],
    [
      'pull_request',
      'enqueued',
      'Unknown `pull_request` activity `enqueued`: for merge-queue checks configure `merge_group.checks_requested` as a sibling of `pull_request`.',
    ],
    [
      'pull_request',
      'release',
      'Unknown `pull_request` activity `release`: `release` is an event, not an activity; move it out of `pull_request` to sit beside it under `settings.pro`.',
    ],
    [
      'pull_request',
      'workflows',
      'Unknown `pull_request` activity `workflows`: put `workflows` under an activity, e.g. `pull_request.synchronize.workflows`.',
    ],
    [
      'merge_group',
      'destroyed',
      "Unknown `merge_group` activity `destroyed`: Atmos Pro's stale-uploads reconciler handles `destroyed` itself, so nothing is configured for it; remove it.",
    ],
    [
      'merge_group',
      'checks_request',
      'Unknown `merge_group` activity `checks_request`: did you mean `checks_requested`?',
    ],
    ['release', 'publish', 'Unknown `release` activity `publish`: did you mean `published`?'],
    ['release', 'deploy', 'Unknown `release` activity `deploy`: Atmos Pro dispatches on `published`.'],
  ];
  for (const [event, name, message] of invalid) {
    it(`reports ${event}.${name}`, () => {
      expect(found(`${event}:\n  ${name}:${wf}`)).toEqual([[6, 7, message]]);
    });
  }

  it('checks the names in a legacy list, at the name', () => {
    const block = 'pull_request:\n  - on: [opened, closed]\n    workflows:\n      plan.yaml: {}';
    expect(found(block)).toEqual([
      [
        6,
        22,
        'Unknown `pull_request` activity `closed`: use `merged`, which Atmos Pro synthesizes from `closed` with `merged: true`.',
      ],
    ]);
  });
});
