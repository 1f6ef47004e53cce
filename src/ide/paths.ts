import { relative, sep } from 'node:path';
import type { AtmosConfig } from '../config/atmos-config.js';

/** Forward-slash path of `abs` relative to the workspace root (the git root, or the working directory). */
export function workspaceRelative(root: string, abs: string): string {
  const r = relative(root, abs).split(sep).join('/');
  return r === '' ? '.' : r;
}

/** Globs of every YAML file under the stacks base: imports (catalogs, mixins) need the schema too. */
export function stackGlobs(config: AtmosConfig, root: string): string[] {
  const base = workspaceRelative(root, config.stacksBasePath);
  const prefix = base === '.' ? '' : `${base}/`;
  return [`${prefix}**/*.yaml`, `${prefix}**/*.yml`];
}

export function atmosConfigGlobs(config: AtmosConfig, root: string): string[] {
  return [workspaceRelative(root, config.main.path)];
}
