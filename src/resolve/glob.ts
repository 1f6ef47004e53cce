import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { FileStore } from '../load/files.js';

const MAGIC = /[*?[{\\]/;

/** A doublestar (Go `bmatcuk/doublestar/v4`) matcher: `**` spans directories, `*` never crosses `/`. */
export function globMatcher(pattern: string): (path: string) => boolean {
  return picomatch(pattern, { dot: true, nobrace: false, noextglob: true, posix: true });
}

/**
 * Files matching any of `patterns` (relative to `base`, forward slashes), in the order doublestar's
 * Glob yields them: pattern by pattern; inside a directory, its own entries (sorted) before those of
 * its subdirectories. Symlinked directories are followed only inside the repository and only once.
 */
export function globFiles(store: FileStore, base: string, patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const norm = pattern.split(sep).join('/');
    const segments = norm.split('/');
    const staticParts: string[] = [];
    while (segments.length > 1 && !MAGIC.test(segments[0]!)) staticParts.push(segments.shift()!);
    const root = join(base, ...staticParts);
    const rest = segments.join('/');
    if (!MAGIC.test(rest)) {
      const p = join(root, rest);
      if (store.isFile(p)) out.push(p);
      continue;
    }
    const match = globMatcher(rest);
    const deep = rest.includes('**') || rest.split('/').length > 1;
    walk(store, root, root, match, deep, new Set(), out);
  }
  return out;
}

function walk(
  store: FileStore,
  root: string,
  dir: string,
  match: (p: string) => boolean,
  deep: boolean,
  seen: Set<string>,
  out: string[],
): void {
  const real = store.realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = store.readDir(dir);
  for (const e of entries) {
    if (!e.isFile) continue;
    const p = join(dir, e.name);
    if (match(relative(root, p).split(sep).join('/'))) out.push(p);
  }
  if (!deep) return;
  for (const e of entries) if (e.isDir) walk(store, root, join(dir, e.name), match, deep, seen, out);
}
