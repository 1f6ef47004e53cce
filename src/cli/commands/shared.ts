import { resolve } from 'node:path';
import type { ResolveOptions } from '../../resolve/resolve.js';
import type { CommonArgs } from '../run.js';

/** Where to resolve from: `--chdir`, `--config-path`, and the environment Atmos reads. */
export function resolveOptions(args: CommonArgs): ResolveOptions {
  const cwd = resolve(process.cwd(), args.chdir ?? '.');
  return {
    cwd,
    configPath: args['config-path'],
    env: process.env,
  };
}

export { matcherOrAll } from '../../core/name-glob.js';
