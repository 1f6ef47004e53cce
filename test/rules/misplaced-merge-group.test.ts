import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'misplaced-merge-group';

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
  const mg = '\n    checks_requested:\n      workflows:\n        atmos-terraform-plan.yaml: {}';
  it('reports merge_group nested under pull_request, at the key, and nothing else about it', () => {
    const block = `pull_request:\n  synchronize:\n    workflows:\n      atmos-terraform-plan.yaml: {}\n  merge_group:${mg}`;
    expect(found(block)).toEqual([
      [
        9,
        7,
        '`merge_group` is nested under `settings.pro.pull_request`, where Atmos Pro never looks for it; move it up to be a sibling of `pull_request` (`settings.pro.merge_group.checks_requested`).',
      ],
    ]);
    expect(found(block, 'unknown-activity')).toEqual([]);
    expect(found(block, 'unknown-key')).toEqual([]);
  });

  it('reports it under release and drift_detection too', () => {
    expect(found(`release:\n  merge_group:${mg}`)).toHaveLength(1);
    expect(found(`drift_detection:\n  merge_group:${mg}`)).toHaveLength(1);
  });

  it('accepts merge_group beside pull_request', () => {
    expect(
      found(
        `pull_request:\n  synchronize:\n    workflows:\n      atmos-terraform-plan.yaml: {}\nmerge_group:${mg.replace(/\n {2}/g, '\n')}`,
      ),
    ).toEqual([]);
  });
});
