import { rmSync } from 'node:fs';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lint } from '../../src/lint/engine.js';
import { allRules } from '../../src/rules/index.js';
import { materialize } from './docs-examples.js';

/** Lints a small repository built from `files` (defaults from the docs harness) and removes it. */
export function lintFiles(files: Record<string, string>): Diagnostic[] {
  const dir = materialize(files);
  try {
    return lint({ cwd: dir, env: {}, rules: allRules }).diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
