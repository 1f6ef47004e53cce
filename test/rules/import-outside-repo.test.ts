import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';

// Every read of the file system goes through these spies, so a test can prove that a file outside
// the repository was never opened — not merely that nothing of it was printed.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    openSync: vi.fn(real.openSync),
    readFileSync: vi.fn(real.readFileSync),
    readSync: vi.fn(real.readSync),
  };
});

const SENTINEL = 'outside-sentinel-7f3a9c';

const ATMOS_YAML = `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
`;

const WORKFLOW = (name: string) => `name: ${name}
on:
  workflow_dispatch:
    inputs:
      component:
        type: string
      stack:
        type: string
`;

let top: string;
let outside: string;
let outsideReal: string;

/** A tmp directory holding `outside/` (never to be read) next to the test repositories (git work trees). */
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'apl-outside-'));
  outside = join(top, 'outside');
  mkdirSync(outside);
  outsideReal = fs.realpathSync(outside);
  writeFileSync(join(outside, 'secret.yaml'), `vars:\n  leaked: ${SENTINEL}\n`);
  writeFileSync(join(outside, 'token.txt'), `${SENTINEL}\n`);
});

afterAll(() => {
  rmSync(top, { recursive: true, force: true });
});

function makeRepo(name: string, files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = join(top, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  const all: Record<string, string> = {
    'atmos.yaml': ATMOS_YAML,
    '.github/workflows/atmos-terraform-plan.yaml': WORKFLOW('plan'),
    '.github/workflows/atmos-terraform-apply.yaml': WORKFLOW('apply'),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  return dir;
}

/** Outside by its name or, through symlinks, by where it really is. */
function isOutside(p: string): boolean {
  if (p.startsWith(outside + sep)) return true;
  try {
    return fs.realpathSync(p).startsWith(outsideReal + sep);
  } catch {
    return false;
  }
}

function pathsOpened(): string[] {
  const opened = [
    ...vi.mocked(fs.openSync).mock.calls.map((c) => c[0]),
    ...vi.mocked(fs.readFileSync).mock.calls.map((c) => c[0]),
  ];
  return opened.filter((p): p is string => typeof p === 'string');
}

function run(dir: string) {
  const result = lint({ cwd: dir, env: {}, rules: allRules });
  const json = JSON.stringify(result.diagnostics);
  return { result, json, diagnostics: result.diagnostics };
}

/** The file is neither opened, nor among the files read, nor quoted anywhere in the output. */
function expectNotRead(r: ReturnType<typeof run>) {
  expect(pathsOpened().filter(isOutside)).toEqual([]);
  expect(
    r.result.resolution.config.store
      .sources()
      .map((f) => f.path)
      .filter(isOutside),
  ).toEqual([]);
  expect(r.json).not.toContain(SENTINEL);
}

beforeEach(() => {
  vi.mocked(fs.openSync).mockClear();
  vi.mocked(fs.readFileSync).mockClear();
  vi.mocked(fs.readSync).mockClear();
});

describe('import-outside-repo', () => {
  it('the spies see ordinary reads (so "not opened" below means something)', () => {
    const dir = makeRepo('spy-check', {
      'stacks/deploy/dev.yaml': 'vars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars: {}\n',
    });
    run(dir);
    expect(pathsOpened()).toContain(join(dir, 'stacks/deploy/dev.yaml'));
  });

  const cases: {
    name: string;
    manifest: string;
    links?: Record<string, string>;
    line: number;
    column: number;
    message: RegExp;
  }[] = [
    {
      name: 'an import climbing out with ../',
      manifest: 'import:\n  - ../../../outside/secret\nvars:\n  stage: dev\n',
      line: 2,
      column: 5,
      message: /^Import "\.\.\/\.\.\/\.\.\/outside\/secret" resolves outside the repository/,
    },
    {
      name: 'an import of a symlink that points outside',
      manifest: 'import:\n  - catalog/linked\nvars:\n  stage: dev\n',
      links: { 'stacks/catalog/linked.yaml': '../../../outside/secret.yaml' },
      line: 2,
      column: 5,
      message: /^Import "catalog\/linked" resolves outside the repository/,
    },
    {
      name: 'a glob through a symlinked directory that points outside',
      manifest: 'import:\n  - shared/*\nvars:\n  stage: dev\n',
      links: { 'stacks/shared': '../../outside' },
      line: 2,
      column: 5,
      message: /^Import "shared\/\*" resolves outside the repository/,
    },
    {
      name: '!include with ../',
      manifest:
        'vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        a: !include ../../../outside/secret.yaml\n',
      line: 7,
      column: 21,
      message:
        /^!include "\.\.\/\.\.\/\.\.\/outside\/secret\.yaml" resolves outside the repository; it was not read/,
    },
    {
      name: '!include.raw of an absolute path',
      manifest: `vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        a: !include.raw ${'OUTSIDE'}/token.txt\n`,
      line: 7,
      column: 25,
      message: /^!include\.raw ".*\/outside\/token\.txt" resolves outside the repository; it was not read/,
    },
  ];

  cases.forEach((c, i) => {
    it(`reports ${c.name} and never reads the file`, () => {
      const dir = makeRepo(
        `case-${i}`,
        { 'stacks/deploy/dev.yaml': c.manifest.replace('OUTSIDE', outside) },
        c.links,
      );
      const r = run(dir);
      const found = r.diagnostics.filter((d) => d.ruleId === 'import-outside-repo');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        severity: 'error',
        file: 'stacks/deploy/dev.yaml',
        line: c.line,
        column: c.column,
      });
      expect(found[0]?.message).toMatch(c.message);
      // No other rule reports the same import (e.g. as not found).
      expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('import-not-found');
      expectNotRead(r);
    });
  });

  // A `./` include is looked up next to the manifest, then under the base path. When the first
  // candidate is a symlink leaving the repository and the second does not exist, the include is
  // reported as not found (src/load/include.ts only says "outside" when every candidate is outside).
  // The file is still never read; only the rule is the wrong one.
  const symlinkInclude = () =>
    makeRepo(
      `include-link-${Math.random().toString(36).slice(2)}`,
      {
        'stacks/deploy/dev.yaml':
          'vars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        a: !include ./linked.yaml\n',
      },
      { 'stacks/deploy/linked.yaml': '../../../outside/secret.yaml' },
    );

  it('never reads an !include of a symlink that points outside', () => {
    const r = run(symlinkInclude());
    const ids = r.diagnostics.map((d) => d.ruleId);
    expect(ids.filter((id) => id === 'import-outside-repo' || id === 'import-not-found')).toHaveLength(1);
    expectNotRead(r);
  });

  it('reports an !include of a symlink that points outside as import-outside-repo', () => {
    const r = run(symlinkInclude());
    expect(r.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['import-outside-repo', 7, 21]]);
  });

  it('accepts ../ that leaves the stacks base path but stays inside the repository', () => {
    const dir = makeRepo('inside', {
      'shared/network.yaml': 'components:\n  terraform:\n    vpc:\n      vars:\n        name: vpc\n',
      'config/tags.yaml': 'team: platform\n',
      'stacks/deploy/dev.yaml':
        'import:\n  - ../../shared/network\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    vpc:\n      vars:\n        tags: !include ../../config/tags.yaml\n',
    });
    const r = run(dir);
    expect(r.diagnostics).toEqual([]);
    const vpc = r.result.resolution.instances.find((c) => c.component === 'vpc');
    expect(vpc?.section.vars).toMatchObject({ name: 'vpc', tags: { team: 'platform' } });
  });

  it('never reads outside files even when the rule is turned off', () => {
    const dir = makeRepo('rule-off', {
      '.atmos-pro-lint.yaml': 'rules:\n  import-outside-repo: off\n',
      'stacks/deploy/dev.yaml':
        'import:\n  - ../../../outside/secret\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars:\n        a: !include ../../../outside/secret.yaml\n',
    });
    const r = run(dir);
    expect(r.diagnostics.map((d) => d.ruleId)).not.toContain('import-outside-repo');
    expectNotRead(r);
  });

  it('is suppressible on the import line', () => {
    const dir = makeRepo('suppressed', {
      'stacks/deploy/dev.yaml':
        'import:\n  # atmos-pro-lint-disable-next-line import-outside-repo\n  - ../../../outside/secret\nvars:\n  stage: dev\n',
    });
    const r = run(dir);
    expect(r.diagnostics).toEqual([]);
    expectNotRead(r);
  });
});
