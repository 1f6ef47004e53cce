import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';

/** atmos.yaml of the test repositories: stacks under `stacks/deploy`, named by `vars.stage`. */
export function atmosYaml(
  opts: { templating?: boolean | 'unset'; sprig?: boolean; extra?: string } = {},
): string {
  const templating = opts.templating ?? true;
  const templates =
    templating === 'unset'
      ? ''
      : `templates:
  settings:
    enabled: ${templating}
    sprig:
      enabled: ${opts.sprig ?? true}
`;
  return `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  name_template: "{{ .vars.stage }}"
${templates}${opts.extra ?? ''}`;
}

const workflow = (name: string) => `name: ${name}
on:
  workflow_dispatch:
    inputs:
      component:
        type: string
      stack:
        type: string
      environment:
        type: string
`;

/** A repository in a temporary directory (with a `.git` so it is its own root); returns its path. */
export function makeRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-tpl-'));
  mkdirSync(join(dir, '.git'));
  const all: Record<string, string> = {
    'atmos.yaml': atmosYaml(),
    '.github/workflows/plan.yaml': workflow('plan'),
    '.github/workflows/apply.yaml': workflow('apply'),
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export function removeRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Lints a repository built from `files` and returns the diagnostics of the given rules. */
export function lintFiles(files: Record<string, string>, ruleIds?: readonly string[]): Diagnostic[] {
  const dir = makeRepo(files);
  try {
    const { diagnostics } = lint({ cwd: dir, env: {}, rules: allRules });
    return ruleIds ? diagnostics.filter((d) => ruleIds.includes(d.ruleId)) : diagnostics;
  } finally {
    removeRepo(dir);
  }
}

/** The compact form tests compare: `rule file:line:col-endCol message`. */
export function brief(d: Diagnostic): string {
  return `${d.ruleId} ${d.file}:${d.line}:${d.column}-${d.endColumn} ${d.message}`;
}
