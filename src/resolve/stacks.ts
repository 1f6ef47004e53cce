import { join } from 'node:path';
import type { AtmosConfig } from '../config/atmos-config.js';
import type { Finding } from '../core/diagnostic.js';
import { globFiles, globMatcher } from './glob.js';

/**
 * The top-level stack manifests (`FindAllStackConfigsInPaths`): included patterns in order (an
 * extension-less pattern tries .yaml, .yml, .yaml.tmpl, .yml.tmpl), minus excluded patterns.
 */
export function findStackFiles(config: AtmosConfig, findings: Finding[]): string[] {
  const base = config.stacksBasePath;
  if (!config.store.isDirectory(base)) {
    findings.push({
      ruleId: 'config-invalid',
      message: `The stacks base path ${relForMessage(config, base)} is not a directory inside the repository; no stacks can be found.`,
      loc: config.locate(['stacks', 'base_path']) ?? { file: config.main, start: 0, end: 0 },
    });
    return [];
  }
  if (config.includedPaths.length === 0) {
    findings.push({
      ruleId: 'config-invalid',
      message: '`stacks.included_paths` is empty: Atmos finds no stack manifests.',
      loc: config.locate(['stacks', 'included_paths']) ??
        config.locate(['stacks']) ?? { file: config.main, start: 0, end: 0 },
    });
    return [];
  }
  const patterns: string[] = [];
  for (const p of config.includedPaths) {
    const norm = p.replaceAll('\\', '/');
    const last = norm.split('/').pop() ?? '';
    if (last.includes('.')) patterns.push(norm);
    else for (const ext of ['.yaml', '.yml', '.yaml.tmpl', '.yml.tmpl']) patterns.push(norm + ext);
  }
  const excluded = config.excludedPaths.map((e) => globMatcher(join(base, e).replaceAll('\\', '/')));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of globFiles(config.store, base, patterns)) {
    if (seen.has(f)) continue;
    seen.add(f);
    const posix = f.replaceAll('\\', '/');
    if (excluded.some((m) => m(posix))) continue;
    out.push(f);
  }
  if (out.length === 0) {
    findings.push({
      ruleId: 'config-invalid',
      message: `No stack manifests match stacks.included_paths (${config.includedPaths.join(', ')}) under ${relForMessage(config, base)}; Atmos fails with ErrNoStackManifestsFound.`,
      loc: config.locate(['stacks', 'included_paths']) ?? { file: config.main, start: 0, end: 0 },
    });
  }
  return out;
}

function relForMessage(config: AtmosConfig, p: string): string {
  return p.startsWith(config.cwd) ? p.slice(config.cwd.length + 1) || '.' : p;
}
