import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { CLI, TmpRepo } from '../helpers/repo.js';

// Malformed or hostile repositories: a clear diagnostic, exit 1 or 2, no stack trace, bounded time.
let repo: TmpRepo | undefined;
afterEach(() => {
  repo?.dispose();
  repo = undefined;
});

function lintRepo(
  files: Record<string, string | Buffer>,
  opts: { atmosYaml?: string | null; timeout?: number } = {},
) {
  repo = new TmpRepo(files, opts);
  const started = Date.now();
  const r = repo.cli(['--format', 'json'], { timeout: opts.timeout ?? 30_000 });
  const ms = Date.now() - started;
  expect(r.signal, 'finished in time').toBe(null);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no JS stack trace
  return { ...r, ms, report: r.stdout.trim().startsWith('{') ? JSON.parse(r.stdout) : undefined };
}

const rules = (r: { report?: { diagnostics: { ruleId: string }[] } }) =>
  r.report?.diagnostics.map((d) => d.ruleId) ?? [];
const component = (vars = 'stage: dev') =>
  `vars:\n  ${vars}\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        a: 1\n`;

describe.skipIf(!existsSync(CLI))('hostile repositories', () => {
  it('import cycles of any length are reported, never followed forever', () => {
    const files: Record<string, string> = {
      'stacks/deploy/dev.yaml': `import:\n  - catalog/c0\n${component()}`,
    };
    const n = 50;
    for (let i = 0; i < n; i++)
      files[`stacks/catalog/c${i}.yaml`] = `import:\n  - catalog/c${(i + 1) % n}\nvars:\n  x${i}: ${i}\n`;
    const r = lintRepo(files);
    expect(r.code).toBe(1);
    expect(rules(r)).toContain('import-cycle');
    const self = lintRepo({ 'stacks/deploy/dev.yaml': `import:\n  - deploy/dev\n${component()}` });
    expect(rules(self)).toContain('import-cycle');
  });

  it('a file imported twice at every level of a deep chain: bounded time, no doubling', () => {
    // Atmos processes such a chain 2^n times; with `append` it doubles a list at every level.
    const chain = (n: number, extra: (i: number) => string) => {
      const files: Record<string, string> = {
        'stacks/deploy/dev.yaml': `import:\n  - catalog/c${n - 1}\n${component()}`,
        'stacks/catalog/c0.yaml': 'vars:\n  l: [x]\n',
      };
      for (let i = 1; i < n; i++)
        files[`stacks/catalog/c${i}.yaml`] =
          `import:\n  - catalog/c${i - 1}\n  - catalog/c${i - 1}\n${extra(i)}`;
      return files;
    };
    const withOverrides = lintRepo(chain(40, (i) => `overrides:\n  vars:\n    o${i}: ${i}\n`));
    expect(withOverrides.code).toBe(0);
    const appended = lintRepo(
      chain(40, () => ''),
      {
        atmosYaml:
          'stacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\nsettings:\n  list_merge_strategy: append\n',
      },
    );
    expect(appended.code).toBe(1);
    const d = appended.report?.diagnostics.find((x: { ruleId: string }) => x.ruleId === 'invalid-manifest');
    expect(d).toMatchObject({ file: 'stacks/deploy/dev.yaml', line: 1, column: 1 });
    expect(d.message).toContain('more than 100,000 elements');
  });

  it('templates that serialise a huge context in thousands of places stop at the work allowance', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => i).join(', ');
    const templates = Array.from({ length: 3000 }, (_, i) => `          - "{{ toJson .vars.big }}${i}"`).join(
      '\n',
    );
    const sections = [0, 1, 2].map((i) => `    c${i}:\n      vars:\n        t:\n${templates}\n`).join('');
    const r = lintRepo(
      {
        'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  big: [${big}]\ncomponents:\n  terraform:\n${sections}`,
      },
      {
        atmosYaml:
          'stacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\ntemplates:\n  settings:\n    enabled: true\n    sprig:\n      enabled: true\n',
        timeout: 60_000,
      },
    );
    expect(r.code).toBe(1);
    const stopped = r.report.diagnostics.filter((d: { message: string }) => /steps together/.test(d.message));
    expect(stopped.map((d: { ruleId: string }) => d.ruleId)).toEqual([
      'template-syntax',
      'template-syntax',
      'template-syntax',
    ]);
  });

  it('thousands of locals serialising a large local stop at the work allowance', () => {
    // Without the shared allowance: 10,000 renders of ~129,000 steps each, about 50 s here.
    const big = Array.from({ length: 20_000 }, (_, i) => i).join(', ');
    const locals = Array.from({ length: 10_000 }, (_, i) => `  l${i}: "{{ toJson .locals.big }}"`).join('\n');
    const r = lintRepo({ 'stacks/deploy/dev.yaml': `locals:\n  big: [${big}]\n${locals}\n${component()}` });
    expect(r.code).toBe(0);
    expect(r.report.summary.instances).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('missing imports', () => {
    const r = lintRepo({ 'stacks/deploy/dev.yaml': `import:\n  - catalog/nope\n${component()}` });
    expect(r.code).toBe(1);
    expect(rules(r)).toContain('import-not-found');
  });

  it('YAML syntax errors and duplicate keys', () => {
    const r = lintRepo({
      'stacks/deploy/dev.yaml': 'vars:\n  stage: "dev\n',
      'stacks/deploy/prod.yaml': 'vars:\n  stage: a\n  stage: b\n',
    });
    expect(r.code).toBe(1);
    expect(rules(r).filter((x) => x === 'yaml-syntax').length).toBeGreaterThanOrEqual(2);
  });

  it('an alias bomb is refused in bounded time and memory', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const r = lintRepo({ 'stacks/deploy/dev.yaml': `${text}${component()}` });
    expect(r.code).toBe(1);
    expect(rules(r)).toContain('yaml-syntax');
    expect(r.ms).toBeLessThan(20_000);
  });

  it('deeply nested documents', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = lintRepo({ 'stacks/deploy/dev.yaml': `x: ${deep}\n${component()}` });
    expect([1, 2]).toContain(r.code);
    expect(rules(r)).toContain('yaml-syntax');
  });

  it('__proto__, constructor and prototype are ordinary keys everywhere', () => {
    const r = lintRepo({
      'stacks/catalog/base.yaml':
        'components:\n  terraform:\n    base:\n      metadata:\n        type: abstract\n      vars:\n        __proto__:\n          polluted: yes\n        constructor:\n          prototype:\n            polluted: yes\n',
      'stacks/deploy/dev.yaml': `import:\n  - catalog/base\n${component()}\n    app:\n      metadata:\n        inherits: [base]\n      vars:\n        __proto__: {x: 1}\n        name: "{{ .vars.__proto__ }}-{{ .vars.constructor }}"\n`,
    });
    expect([0, 1]).toContain(r.code);
    // The CLI ran in another process; run the linter in this one, where pollution would show.
    const inProcess = lint({ cwd: repo!.root, env: {}, rules: allRules });
    expect(inProcess.resolution.instances.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('binary, non-UTF-8, BOM, CRLF and empty files', () => {
    const r = lintRepo({
      'stacks/deploy/binary.yaml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]),
      'stacks/deploy/latin1.yaml': Buffer.from('vars:\n  stage: caf\xe9\n', 'latin1'),
      'stacks/deploy/bom.yaml': `\uFEFF${component('stage: bom')}`,
      'stacks/deploy/crlf.yaml': component('stage: crlf').replaceAll('\n', '\r\n'),
      'stacks/deploy/empty.yaml': '',
    });
    expect(r.code).toBe(1);
    expect(r.report.summary.instances).toBe(2); // bom and crlf
    expect(rules(r).length).toBeGreaterThanOrEqual(2);
  });

  it('a stack file that is a list or a scalar', () => {
    const r = lintRepo({
      'stacks/deploy/list.yaml': '- a\n- b\n',
      'stacks/deploy/scalar.yaml': 'just text\n',
    });
    expect(r.code).toBe(1);
    expect(rules(r).filter((x) => x === 'invalid-manifest').length).toBe(2);
  });

  it('a huge file is handled in bounded time', () => {
    const lines = ['components:', '  terraform:'];
    for (let i = 0; i < 20_000; i++)
      lines.push(`    c${i}:`, '      vars:', `        stage: dev`, `        n: ${i}`);
    const r = lintRepo({ 'stacks/deploy/huge.yaml': `${lines.join('\n')}\n` }, { timeout: 60_000 });
    expect(r.code).toBe(0);
    expect(r.report.summary.instances).toBe(20_000);
  });

  it('symlink loops and symlinks leaving the repository', () => {
    repo = new TmpRepo({ 'stacks/deploy/dev.yaml': component() });
    repo.symlink('..', 'stacks/deploy/loop');
    repo.symlink(tmpdir(), 'stacks/deploy/outside');
    repo.symlink('/etc/passwd', 'stacks/deploy/passwd.yaml');
    const r = repo.cli(['--format', 'json']);
    expect(r.signal).toBe(null);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).not.toContain('root:');
    expect(JSON.parse(r.stdout).summary.instances).toBe(1);
  });

  it('inheritance cycles and unknown base components', () => {
    const r = lintRepo({
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\ncomponents:\n  terraform:\n    a:\n      metadata:\n        inherits: [b]\n    b:\n      metadata:\n        inherits: [a]\n    c:\n      metadata:\n        inherits: [nope]\n`,
    });
    expect(r.code).toBe(1);
    expect(rules(r)).toContain('inheritance-cycle');
    expect(rules(r)).toContain('unknown-base-component');
  });

  it('no atmos.yaml: exit 2 naming atmos.yaml and where it looked', () => {
    repo = new TmpRepo({}, { atmosYaml: null });
    const r = repo.cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/atmos\.yaml/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an atmos.yaml that is not a map: exit 2', () => {
    repo = new TmpRepo({}, { atmosYaml: '- just\n- a list\n' });
    const r = repo.cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/atmos\.yaml.*map/);
  });
});

describe.skipIf(!existsSync(CLI))('security', () => {
  it('executes nothing: !exec, templates and YAML functions are never run', () => {
    const marker = join(tmpdir(), `apl-pwned-${process.pid}`);
    const r = lintRepo({
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  a: !exec touch ${marker}\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        b: !exec touch ${marker}\n        c: '{{ exec "touch" "${marker}" }}'\n        d: !store secrets vpc key\n`,
    });
    expect([0, 1]).toContain(r.code);
    expect(existsSync(marker)).toBe(false);
  });

  it('never prints a token or the environment', () => {
    const secret = 'sekret-value-4f9a';
    repo = new TmpRepo(
      { 'stacks/deploy/dev.yaml': component() },
      {
        atmosYaml: `base_path: "./"\nstacks:\n  base_path: stacks\n  included_paths: ["deploy/**/*"]\n  name_template: "{{ .vars.stage }}-{{ env \\"SECRET_ENV\\" }}"\ntemplates:\n  settings:\n    enabled: true\nsettings:\n  pro:\n    token: ${secret}\n`,
      },
    );
    for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
      const r = repo.cli(['--format', format], { env: { SECRET_ENV: secret, ATMOS_PRO_TOKEN: secret } });
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    const inst = repo.cli(['instances', '--format', 'json'], { env: { SECRET_ENV: secret } });
    expect(inst.stdout).not.toContain(secret);
  });

  it('--fix writes only the files it reports, inside the repository', () => {
    repo = new TmpRepo({
      'stacks/deploy/dev.yaml': `vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      settings:\n        pro:\n          pull_request:\n            synchronize:\n              workflows:\n                atmos-terraform-plan.yaml:\n                  inputs:\n                    upload: true\n`,
      'stacks/deploy/other.yaml': component('stage: other'),
      '.github/workflows/atmos-terraform-plan.yaml':
        'on:\n  workflow_dispatch:\n    inputs:\n      upload:\n        type: string\n',
    });
    const before = new Map(
      readdirSync(repo.path('stacks/deploy')).map((f) => [
        f,
        statSync(repo!.path(`stacks/deploy/${f}`)).mtimeMs,
      ]),
    );
    const r = repo.cli(['--fix', '--format', 'json']);
    expect([0, 1]).toContain(r.code);
    const after = readdirSync(repo.path('stacks/deploy'));
    expect(after.sort()).toEqual([...before.keys()].sort()); // no temp files left behind
    expect(statSync(repo.path('stacks/deploy/other.yaml')).mtimeMs).toBe(before.get('other.yaml'));
  });
});
