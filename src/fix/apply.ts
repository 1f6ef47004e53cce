import { renameSync, statSync, writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { SourceFile } from '../core/source.js';
import type { PendingFix } from '../lint/engine.js';
import type { FileStore } from '../load/files.js';
import type { Rule, TextEdit } from '../rules/types.js';

export interface FixPlan {
  /** New text per file path, only for files that change. */
  files: Map<string, { file: SourceFile; text: string }>;
  applied: number;
  /** Edits dropped because they overlapped another edit in the same run (a second run picks them up). */
  skipped: number;
}

/**
 * Turns reported fixes into per-file text: edits are de-duplicated (many instances report the same
 * written value), overlapping ones are left for a later run, and the rest apply back to front.
 */
export function planFixes(fixes: readonly PendingFix[], rules: readonly Rule[]): FixPlan {
  const byRule = new Map(rules.map((r) => [r.meta.id, r]));
  const edits = new Map<string, { file: SourceFile; list: TextEdit[] }>();
  const seen = new Set<string>();
  for (const f of fixes) {
    const rule = byRule.get(f.ruleId);
    if (!rule?.fix) continue;
    for (const e of rule.fix(f.data)) {
      const key = `${e.file.path}\0${e.start}\0${e.end}\0${e.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let entry = edits.get(e.file.path);
      if (!entry) edits.set(e.file.path, (entry = { file: e.file, list: [] }));
      entry.list.push(e);
    }
  }
  const files = new Map<string, { file: SourceFile; text: string }>();
  let applied = 0;
  let skipped = 0;
  for (const [path, { file, list }] of edits) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const accepted: TextEdit[] = [];
    let lastEnd = -1;
    for (const e of list) {
      if (
        e.start < lastEnd ||
        (e.start === lastEnd && e.start === e.end && accepted.at(-1)?.start === e.start)
      ) {
        skipped++;
        continue;
      }
      accepted.push(e);
      lastEnd = Math.max(lastEnd, e.end);
    }
    let text = file.text;
    for (let i = accepted.length - 1; i >= 0; i--) {
      const e = accepted[i]!;
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    }
    if (text !== file.text) {
      files.set(path, { file, text });
      applied += accepted.length;
    }
  }
  return { files, applied, skipped };
}

/** Writes each changed file atomically (temp file + rename), only inside the repository. */
export function writeFixes(plan: FixPlan, store: FileStore): string[] {
  const written: string[] = [];
  for (const [path, { text }] of plan.files) {
    if (!store.isInside(path)) continue;
    const mode = statSync(path).mode;
    const tmp = `${path}.atmos-pro-lint-${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode });
    renameSync(tmp, path);
    written.push(path);
  }
  return written;
}

/** `--fix-dry-run`: the unified diff of what `--fix` would write. */
export function diffFixes(plan: FixPlan, display: (path: string) => string): string {
  let out = '';
  for (const [path, { file, text }] of plan.files) {
    const name = display(path);
    out += createTwoFilesPatch(`a/${name}`, `b/${name}`, file.text, text, undefined, undefined, {
      context: 3,
    })
      .split('\n')
      .filter((l) => !l.startsWith('==='))
      .join('\n');
  }
  return out;
}
