import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../../src/lint/engine.js';
import { reporters } from '../../src/report/index.js';
import { allRules } from '../../src/rules/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'fixtures');
export const CORPUS = resolve(ROOT, '../shared/corpus');
export const HAS_CORPUS = existsSync(CORPUS);
export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function fixtureDirs(kind: 'ok' | 'err'): string[] {
  const dir = join(FIXTURES, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The `--format json` report of a fixture repository, linted from its own directory. */
export function lintJson(dir: string, env: Record<string, string> = {}): string {
  const result = lint({ cwd: dir, env, rules: allRules });
  return reporters.json(
    {
      diagnostics: result.diagnostics,
      summary: result.summary,
      rules: allRules.map((r) => r.meta),
      toolVersion: '0.0.0',
    },
    { color: false, readSource: () => undefined, helpMarkdown: () => undefined },
  );
}

/** Compares with `expected.json`, or writes it with UPDATE_GOLDEN=1. */
export function golden(path: string, actual: string): string {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}
