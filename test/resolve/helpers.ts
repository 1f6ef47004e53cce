import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll } from 'vitest';
import { type ResolveOptions, resolveRepository } from '../../src/resolve/resolve.js';
import type { ComponentInstance, Resolution } from '../../src/resolve/types.js';

export const ATMOS_YAML = `base_path: "."
components:
  terraform:
    base_path: components/terraform
stacks:
  base_path: stacks
  included_paths: ["deploy/**/*"]
  excluded_paths: ["**/_defaults.yaml"]
  name_template: "{{ .vars.stage }}"
`;

export const TEMPLATES_ON = `templates:
  settings:
    enabled: true
    sprig:
      enabled: true
    gomplate:
      enabled: true
`;

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/**
 * A repository in a temporary directory: a `.git` dir fixes the repository root, `atmos.yaml`
 * defaults to ATMOS_YAML (pass `null` for none), and `files` are paths relative to the root.
 */
export function makeRepo(files: Record<string, string>, atmosYaml: string | null = ATMOS_YAML): string {
  const root = mkdtempSync(join(tmpdir(), 'apl-resolve-'));
  made.push(root);
  mkdirSync(join(root, '.git'));
  if (atmosYaml !== null) writeFileSync(join(root, 'atmos.yaml'), atmosYaml);
  for (const [p, text] of Object.entries(files)) {
    const abs = join(root, p);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

export function resolveRepo(
  files: Record<string, string>,
  opts: { atmosYaml?: string | null } & Partial<ResolveOptions> = {},
): Resolution & { root: string } {
  const { atmosYaml, ...rest } = opts;
  const root = makeRepo(files, atmosYaml === undefined ? ATMOS_YAML : atmosYaml);
  return { ...resolveRepository({ cwd: root, env: {}, ...rest }), root };
}

export function comp(r: Resolution, stack: string, component: string): ComponentInstance {
  const c = r.components.find((x) => x.stack === stack && x.component === component);
  if (!c) {
    const have = r.components.map((x) => `${x.stack}/${x.component}`).join(', ') || 'none';
    const found = r.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n');
    throw new Error(`no ${component} in ${stack}; have: ${have}\nfindings:\n${found}`);
  }
  return c;
}

export function get(v: unknown, path: string | readonly (string | number)[]): unknown {
  const segs = typeof path === 'string' ? path.split('.') : path;
  let cur = v;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(s)];
  }
  return cur;
}

/** Plain JSON data (null-prototype maps normalised) for toEqual. */
export function plain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** `rule path:line` of every finding, paths relative to the repository root. */
export function findings(r: Resolution & { root: string }): string[] {
  return r.findings.map((f) => {
    const p = f.loc.file.position(f.loc.start);
    return `${f.ruleId} ${relative(r.root, f.loc.file.path).split(sep).join('/')}:${p.line}`;
  });
}

export function rules(r: Resolution): string[] {
  return r.findings.map((f) => f.ruleId);
}
