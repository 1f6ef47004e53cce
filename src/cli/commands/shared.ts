import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
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

export function matcherOrAll(glob: string | undefined): (s: string) => boolean {
  if (!glob) return () => true;
  let re: RegExp;
  try {
    re = globToRegExp(glob);
  } catch {
    throw new UsageError(`invalid glob "${glob}"`);
  }
  return (s) => re.test(s);
}

/** Stack and component names contain `/` but are names, not paths: `*` matches any characters. */
function globToRegExp(glob: string): RegExp {
  let out = '^';
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${out}$`);
}
