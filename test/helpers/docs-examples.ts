import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allRules } from '../../src/rules/index.js';

export interface DocPage {
  id: string;
  title: string;
  description: string;
  table: { severity: string; category: string; fixable: string } | undefined;
  sections: Map<string, string>;
}

export function parseDocPage(id: string, text: string): DocPage {
  const lines = text.split('\n');
  const title = (lines[0] ?? '').replace(/^#\s+/, '');
  const description = (lines.slice(1).find((l) => l.trim() !== '') ?? '').trim();
  const row = /^\|\s*(\w+)\s*\|\s*([\w-]+)\s*\|\s*(yes|no)\s*\|$/m.exec(text);
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    sections.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return {
    id,
    title,
    description,
    table: row ? { severity: row[1]!, category: row[2]!, fixable: row[3]! } : undefined,
    sections,
  };
}

/** Code blocks of a docs section: ```yaml file=<path> → { path: content }. */
export function exampleFiles(section: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of section.matchAll(/```ya?ml(?:\s+file=(\S+))?\n([\s\S]*?)```/g)) {
    files[m[1] ?? 'stacks/deploy/dev.yaml'] = m[2]!;
  }
  return files;
}

const DEFAULT_ATMOS_YAML = `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  excluded_paths:
    - "**/_defaults.yaml"
  name_template: "{{ .vars.stage }}"
templates:
  settings:
    enabled: true
    sprig:
      enabled: true
    gomplate:
      enabled: true
settings:
  pro:
    workspace_id: example-workspace
`;

const workflow = (name: string) => `name: ${name}
on:
  workflow_dispatch:
    inputs:
      component:
        type: string
      stack:
        type: string
`;

/** A small repository from a docs example; defaults fill what the example leaves out. */
export function materialize(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-doc-'));
  mkdirSync(join(dir, '.git'));
  // An example that brings anything under .github/ defines the repository's GitHub setup itself
  // (e.g. a repository without workflows); otherwise the default dispatch targets are there.
  const ownsGithub = Object.keys(files).some((p) => p.startsWith('.github/'));
  const all: Record<string, string> = {
    'atmos.yaml': DEFAULT_ATMOS_YAML,
    ...(ownsGithub
      ? {}
      : {
          '.github/workflows/atmos-terraform-plan.yaml': workflow('plan'),
          '.github/workflows/atmos-terraform-apply.yaml': workflow('apply'),
        }),
    ...files,
  };
  for (const [path, content] of Object.entries(all)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** The rules index is generated from rule metadata; this fails when they drift apart. */
export function rulesIndex(): string {
  const rows = allRules.map(
    (r) =>
      `| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.category} | ${r.meta.defaultSeverity} | ${r.meta.fixable ? 'yes' : ''} | ${r.meta.description} |`,
  );
  return `<!-- GENERATED from rule metadata by test/docs/rules-docs.test.ts (UPDATE_GOLDEN=1) — do not edit -->\n# Rules\n\n| Rule | Category | Default severity | Fixable | Description |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
