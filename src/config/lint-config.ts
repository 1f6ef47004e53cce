import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { SourceFile, spanOf } from '../core/source.js';
import type { FileStore } from '../load/files.js';
import { entryLoc } from '../load/origin.js';
import { parseYaml } from '../load/yaml.js';
import { isMap } from '../resolve/merge.js';
import { type LintConfig, type RuleId, type RuleLevel, validateLintConfig } from '../schema/index.js';

export interface LintSettings {
  file?: SourceFile;
  rules: Partial<Record<RuleId, RuleLevel>>;
  ignore: string[];
  mergeQueue: 'auto' | 'on' | 'off';
}

export const CONFIG_FILE_NAMES = ['.atmos-pro-lint.yaml', '.atmos-pro-lint.yml'];

/**
 * Loads `.atmos-pro-lint.yaml` (next to atmos.yaml, or `--config FILE`), validated against
 * schema/config.schema.json. A broken file is a usage error (exit 2) with its position.
 */
export function loadLintSettings(opts: {
  explicit?: string;
  cwd: string;
  configDir: string;
  store: FileStore;
}): LintSettings {
  const defaults: LintSettings = { rules: {}, ignore: [], mergeQueue: 'auto' };
  let path: string | undefined;
  let text: string | undefined;
  if (opts.explicit) {
    path = resolve(opts.cwd, opts.explicit);
    const r = opts.store.read(path);
    if (!r.file) {
      // An explicit config outside the repository is still the user's own file: read it directly.
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new UsageError(`--config ${opts.explicit}: the file ${r.error.message}.`);
      }
    } else text = r.file.text;
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(opts.configDir, name);
      if (!opts.store.isFile(candidate)) continue;
      const r = opts.store.read(candidate);
      if (r.file) {
        path = candidate;
        text = r.file.text;
        break;
      }
    }
  }
  if (path === undefined || text === undefined) return defaults;
  const file = new SourceFile(path, text);
  const parsed = parseYaml(file, { tags: 'strip' });
  const where = (loc: { file: SourceFile; start: number; end: number }) => {
    const s = spanOf(loc);
    return `${path}:${s.line}:${s.column}`;
  };
  const first = parsed.problems[0];
  if (first) throw new UsageError(`${where(first.loc)}: ${first.message}`);
  const value = parsed.value ?? {};
  const errors = validateLintConfig(value);
  if (errors.length > 0) {
    const e = errors[0]!;
    let container: unknown = value;
    for (const seg of e.instancePath)
      container = isMap(container)
        ? container[seg]
        : Array.isArray(container)
          ? container[Number(seg)]
          : undefined;
    const loc = (e.key !== undefined ? entryLoc(container, e.key) : undefined)?.key ?? {
      file,
      start: 0,
      end: 0,
    };
    const at = [...e.instancePath, ...(e.key !== undefined ? [e.key] : [])].join('.');
    throw new UsageError(`${where(loc)}: invalid configuration${at ? ` at ${at}` : ''}: ${e.message}`);
  }
  const cfg = value as LintConfig;
  return { file, rules: cfg.rules ?? {}, ignore: cfg.ignore ?? [], mergeQueue: cfg.mergeQueue ?? 'auto' };
}
