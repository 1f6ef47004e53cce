import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers/lint-files.js';

const ID = 'enabled-not-boolean';

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
  const PRO =
    'Atmos treats any non-boolean, even `"false"`, as enabled. Write `true` or `false` without quotes.';
  const DRIFT =
    'Atmos turns drift detection on only for the boolean `true`, so drift detection is off. Write `true` or `false` without quotes.';
  const cases: [string, string, [number, number, string][]][] = [
    [
      'the string "false"',
      'enabled: "false"',
      [[5, 14, `\`settings.pro.enabled\` is the string \`false\`, not a boolean: ${PRO}`]],
    ],
    [
      'a number',
      'enabled: 0',
      [[5, 14, `\`settings.pro.enabled\` is the number \`0\`, not a boolean: ${PRO}`]],
    ],
    [
      'an empty value, at the key',
      'enabled:',
      [[5, 5, `\`settings.pro.enabled\` is empty (null), not a boolean: ${PRO}`]],
    ],
    [
      'a template (it renders to a string)',
      'enabled: "{{ .vars.pro_enabled }}"',
      [[5, 14, `\`settings.pro.enabled\` is the string \`{{ .vars.pro_enabled }}\`, not a boolean: ${PRO}`]],
    ],
    [
      '!env (always a string)',
      'enabled: !env ATMOS_PRO_ENABLED',
      [[5, 14, `\`settings.pro.enabled\` is \`!env\`, which always yields a string, not a boolean: ${PRO}`]],
    ],
    [
      'drift_detection.enabled: "true"',
      'drift_detection:\n  enabled: "true"',
      [[6, 16, `\`settings.pro.drift_detection.enabled\` is the string \`true\`, not a boolean: ${DRIFT}`]],
    ],
    [
      'drift_detection.enabled: yes (a string in YAML 1.2 and for Atmos)',
      'drift_detection:\n  enabled: yes',
      [[6, 16, `\`settings.pro.drift_detection.enabled\` is the string \`yes\`, not a boolean: ${DRIFT}`]],
    ],
  ];
  for (const [name, block, expected] of cases) {
    it(`reports ${name}`, () => {
      expect(found(block)).toEqual(expected);
      expect(found(block, 'invalid-type')).toEqual([]);
    });
  }

  it('accepts booleans in every spelling Atmos reads as one, and functions that may yield one', () => {
    expect(found('enabled: false\ndrift_detection:\n  enabled: True')).toEqual([]);
    expect(found('enabled: TRUE')).toEqual([]);
    expect(found("enabled: !template '{{ .settings.pro_on }}'")).toEqual([]);
    expect(found('enabled: !store ssm /pro enabled')).toEqual([]);
  });
});
