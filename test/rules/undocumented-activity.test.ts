import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'undocumented-activity';

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
  const wf = '\n    workflows:\n      atmos-terraform-apply.yaml: {}';
  for (const name of ['released', 'prereleased', 'created', 'edited', 'deleted', 'unpublished']) {
    it(`warns about release.${name}, pointing at published`, () => {
      const ds = lintFiles({ 'stacks/deploy/dev.yaml': stack(`release:\n  ${name}:${wf}`) }).filter(
        (d) => d.ruleId === ID,
      );
      expect(ds.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
        [
          'warning',
          6,
          7,
          `\`release.${name}\` is a GitHub release activity that Atmos Pro does not document; the documented one is \`published\` (it also fires for pre-releases published from drafts). Use \`published\` unless you have confirmed Atmos Pro dispatches \`${name}\`.`,
        ],
      ]);
    });
  }

  it('says so differently when published is configured too', () => {
    expect(found(`release:\n  published:${wf}\n  released:${wf}`)).toEqual([
      [
        9,
        7,
        '`release.released` is a GitHub release activity that Atmos Pro does not document; this block already has the documented `published`. Remove `released` unless you have confirmed Atmos Pro dispatches it.',
      ],
    ]);
  });

  it('accepts published', () => {
    expect(found(`release:\n  published:${wf}`)).toEqual([]);
  });

  it('only looks at release activities', () => {
    expect(found(`pull_request:\n  edited:${wf}`)).toEqual([]);
    expect(found(`pull_request:\n  edited:${wf}`, 'unknown-activity')).toHaveLength(1);
  });
});
