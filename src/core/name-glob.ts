import { UsageError } from './errors.js';

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
