import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from '../helpers/docs-examples.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>): [string, string, number, number, string][] {
  const dir = materialize(files);
  dirs.push(dir);
  return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics.map((d) => [
    d.ruleId,
    d.file,
    d.line,
    d.column,
    d.message,
  ]);
}

const HEAD = 'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n';
const COMPONENT_CALL = '!terraform.outptu vpc vpc_id';
/** A stack with `lines` from line 10 on, followed by the line `vpc_id: <value>`. */
const stack = (lines: string[], value = COMPONENT_CALL) =>
  `${HEAD}    app:\n      vars:\n${lines.map((l) => `${l}\n`).join('')}        vpc_id: ${value}\n`;

// The baseline problem every case suppresses (or fails to): a misspelt YAML function tag.
const UNSUPPORTED = 'unknown-yaml-tag';
const unused = (rule: string, where = 'on the next line') =>
  `Unused suppression: no \`${rule}\` problem ${where}. Remove the comment.`;

describe('suppression comments', () => {
  it('without a comment, the stack has one warning on line 11 (the baseline for every case)', () => {
    expect(run({ 'stacks/deploy/dev.yaml': stack(['        name: app']) }).map((d) => d.slice(0, 4))).toEqual(
      [[UNSUPPORTED, 'stacks/deploy/dev.yaml', 11, 17]],
    );
  });

  const valid: [string, string[]][] = [
    [
      'disable-next-line right above',
      ['        name: app', `        # atmos-pro-lint-disable-next-line ${UNSUPPORTED}`],
    ],
    [
      'a reason after --',
      ['        name: app', `        # atmos-pro-lint-disable-next-line ${UNSUPPORTED} -- read at plan time`],
    ],
    ['no space after #', ['        name: app', `        #atmos-pro-lint-disable-next-line ${UNSUPPORTED}`]],
    [
      'disable-file anywhere in the file',
      [`        # atmos-pro-lint-disable-file ${UNSUPPORTED}`, '        name: app'],
    ],
  ];
  it.each(valid)('%s suppresses the problem and is used', (_name, comment) => {
    expect(run({ 'stacks/deploy/dev.yaml': stack(comment) })).toEqual([]);
  });

  it('reads several rules separated by a space: the one that applies is used, the other reported', () => {
    const comment = [
      '        name: app',
      `        # atmos-pro-lint-disable-next-line input-not-string ${UNSUPPORTED}`,
    ];
    expect(run({ 'stacks/deploy/dev.yaml': stack(comment) })).toEqual([
      ['unused-suppression', 'stacks/deploy/dev.yaml', 11, 9, unused('input-not-string')],
    ]);
  });

  it('a disable-next-line two lines above is unused and suppresses nothing', () => {
    expect(
      run({
        'stacks/deploy/dev.yaml': stack([
          `        # atmos-pro-lint-disable-next-line ${UNSUPPORTED}`,
          '        name: app',
        ]),
      }),
    ).toEqual([
      ['unused-suppression', 'stacks/deploy/dev.yaml', 10, 9, unused(UNSUPPORTED)],
      [UNSUPPORTED, 'stacks/deploy/dev.yaml', 12, 17, expect.stringContaining('!terraform.outptu')],
    ]);
  });

  it('a comment for one rule leaves other rules on that line reported', () => {
    expect(
      run({
        'stacks/deploy/dev.yaml': stack([
          '        name: app',
          '        # atmos-pro-lint-disable-next-line input-not-string',
        ]),
      }).map((d) => d.slice(0, 4)),
    ).toEqual([
      ['unused-suppression', 'stacks/deploy/dev.yaml', 11, 9],
      [UNSUPPORTED, 'stacks/deploy/dev.yaml', 12, 17],
    ]);
  });

  it('reports each unused rule of a list, and a misspelt rule name', () => {
    expect(
      run({
        'stacks/deploy/dev.yaml': stack([
          '        name: app',
          `        # atmos-pro-lint-disable-next-line ${UNSUPPORTED}, import-cycle, template-unsuported-function`,
        ]),
      }),
    ).toEqual([
      [
        'unused-suppression',
        'stacks/deploy/dev.yaml',
        11,
        9,
        'Unknown rule `template-unsuported-function` in a suppression comment. Did you mean `template-unsupported-function`? Run `atmos-pro-lint rules` for the list.',
      ],
      ['unused-suppression', 'stacks/deploy/dev.yaml', 11, 9, unused('import-cycle')],
    ]);
  });

  it('silences resolver errors of an imported catalog with disable-file there', () => {
    const catalog =
      '# atmos-pro-lint-disable-file unknown-yaml-tag -- our fork of Atmos has !vault\ncomponents:\n  terraform:\n    app:\n      vars:\n        password: !vault secret/app\n';
    expect(
      run({
        'stacks/catalog/app.yaml': catalog,
        'stacks/deploy/dev.yaml': 'import:\n  - catalog/app\nvars:\n  stage: dev\n',
      }),
    ).toEqual([]);
    // The same catalog without the comment fails.
    expect(
      run({
        'stacks/catalog/app.yaml': catalog.replace(/^# .*\n/, ''),
        'stacks/deploy/dev.yaml': 'import:\n  - catalog/app\nvars:\n  stage: dev\n',
      }).map((d) => d.slice(0, 4)),
    ).toEqual([['unknown-yaml-tag', 'stacks/catalog/app.yaml', 5, 19]]);
  });

  it('works in atmos.yaml', () => {
    const atmos = (comment: string) =>
      `${comment}base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}"\nlogs:\n  level: !envv ATMOS_LOGS_LEVEL\n`;
    const dev = `${HEAD}`;
    expect(run({ 'atmos.yaml': atmos(''), 'stacks/deploy/dev.yaml': dev }).map((d) => d.slice(0, 3))).toEqual(
      [['unknown-yaml-tag', 'atmos.yaml', 7]],
    );
    expect(
      run({
        'atmos.yaml': atmos('# atmos-pro-lint-disable-file unknown-yaml-tag\n'),
        'stacks/deploy/dev.yaml': dev,
      }),
    ).toEqual([]);
  });

  it('does not report a suppression of a rule turned off in the configuration', () => {
    expect(
      run({
        '.atmos-pro-lint.yaml': `rules:\n  import-cycle: off\n`,
        'stacks/deploy/dev.yaml': stack([
          '        name: app',
          `        # atmos-pro-lint-disable-next-line import-cycle`,
        ]),
      }).map((d) => d[0]),
    ).toEqual([UNSUPPORTED]);
  });

  it('reports nothing when unused-suppression itself is off', () => {
    expect(
      run({
        '.atmos-pro-lint.yaml': 'rules:\n  unused-suppression: off\n',
        'stacks/deploy/dev.yaml': stack([
          '        name: app',
          '        # atmos-pro-lint-disable-next-line import-cycle',
        ]),
      }).map((d) => d[0]),
    ).toEqual([UNSUPPORTED]);
  });

  it('can be raised to a warning like any rule', () => {
    expect(
      run({
        '.atmos-pro-lint.yaml': 'rules:\n  unused-suppression: warning\n',
        'stacks/deploy/dev.yaml': stack([
          '        name: app',
          '        # atmos-pro-lint-disable-next-line import-cycle',
        ]),
      }).map((d) => d[0]),
    ).toEqual(['unused-suppression', UNSUPPORTED]);
  });

  // Known engine gaps (src/lint/engine.ts, src/lint/suppressions.ts): these state the intended
  // behaviour and flip to failures once it is implemented; then drop `.fails`.
  it('reports a stale comment in a file that has no other problem', () => {
    // The engine only parses suppressions of files that have a finding, so the most common unused
    // suppression — the problem was fixed, the comment stayed — is never reported.
    expect(
      run({
        'stacks/deploy/dev.yaml': `# atmos-pro-lint-disable-file ${UNSUPPORTED}\n${HEAD}`,
      }),
    ).toEqual([['unused-suppression', 'stacks/deploy/dev.yaml', 1, 1, unused(UNSUPPORTED, 'in this file')]]);
  });

  it('ignores directive-like text inside a quoted string', () => {
    // suppressions.ts matches `# atmos-pro-lint-disable-…` anywhere after whitespace, so a string
    // value can silence real errors of its file (here: the missing import).
    expect(
      run({
        'stacks/deploy/dev.yaml':
          'import:\n  - catalog/missing\nvars:\n  stage: dev\n  note: "see # atmos-pro-lint-disable-file import-not-found, x"\n',
      }).map((d) => d.slice(0, 3)),
    ).toEqual([['import-not-found', 'stacks/deploy/dev.yaml', 2]]);
  });
});
