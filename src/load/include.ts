import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Loc, SourceFile } from '../core/source.js';
import type { FileStore } from './files.js';
import { HclError, parseDotenv, parseHclAttributes } from './hcl.js';
import { type IncludeResult, parseYaml } from './yaml.js';

export interface IncludeContext {
  store: FileStore;
  /** Atmos's absolute base path (the second place a bare include path is looked up). */
  basePath: string;
  /** The working directory (the first place a bare include path is looked up, as in Atmos). */
  cwd: string;
}

const REMOTE_PREFIXES = [
  'http://',
  'https://',
  's3://',
  'gcs://',
  'git://',
  'oci://',
  'scp://',
  'sftp://',
  'github://',
];

/** `path [query]` with shell-like quoting, as pkg/function/parser ParseInclude splits it. */
export function splitIncludeArg(arg: string): { path: string; query: string } {
  const s = arg.trim();
  let i = 0;
  let path = '';
  if (s[0] === '"' || s[0] === "'") {
    const q = s[0];
    const end = s.indexOf(q, 1);
    path = end === -1 ? s.slice(1) : s.slice(1, end);
    i = end === -1 ? s.length : end + 1;
  } else {
    while (i < s.length && !/\s/.test(s[i]!)) i++;
    path = s.slice(0, i);
  }
  let query = s.slice(i).trim();
  if (query.length >= 2 && (query[0] === '"' || query[0] === "'") && query.endsWith(query[0]!))
    query = query.slice(1, -1);
  return { path, query };
}

/**
 * Resolves `!include` / `!include.raw` like pkg/utils/yaml_include_by_extension.go: `./` and `../`
 * relative to the manifest, other relative paths against the working directory and then the base
 * path; parsed by extension. Remote URLs are never fetched: the tag stays as its text.
 */
export function makeIncludeResolver(ctx: IncludeContext) {
  const parsedCache = new Map<string, unknown>();
  return (arg: string, raw: boolean, from: SourceFile, loc: Loc): IncludeResult => {
    const { path, query } = splitIncludeArg(arg);
    const tag = raw ? '!include.raw' : '!include';
    if (path === '') {
      return { problem: { code: 'import-not-found', message: `${tag} needs a file path`, loc } };
    }
    if (REMOTE_PREFIXES.some((p) => path.startsWith(p)) || path.includes('::')) {
      return { value: `${tag} ${arg}`.trim() };
    }
    const candidates: string[] = [];
    if (isAbsolute(path)) candidates.push(path);
    else {
      const first = path.split(/[\\/]/)[0];
      if (first === '.' || first === '..') candidates.push(resolve(dirname(from.path), path));
      else candidates.push(resolve(ctx.cwd, path));
      candidates.push(join(ctx.basePath, path));
    }
    let outside: string | undefined;
    for (const candidate of candidates) {
      if (!ctx.store.isInside(candidate)) {
        outside ??= candidate;
        continue;
      }
      if (!ctx.store.isFile(candidate)) continue;
      const read = ctx.store.read(candidate);
      if (!read.file) {
        return {
          problem: {
            code: 'import-not-found',
            message: `${tag} "${path}": the file ${read.error.message}`,
            loc,
          },
        };
      }
      let value: unknown;
      const key = `${raw}:${candidate}`;
      if (parsedCache.has(key)) value = parsedCache.get(key);
      else {
        const parsed = parseByExtension(read.file, raw);
        if ('problem' in parsed) return { problem: { ...parsed.problem, loc } };
        value = parsed.value;
        parsedCache.set(key, value);
      }
      if (query) {
        const q = applySimpleQuery(value, query);
        // A query we cannot evaluate keeps the tag as text: never guess a value.
        return q.ok ? { value: q.value } : { value: `${tag} ${arg}`.trim() };
      }
      return { value };
    }
    // No candidate inside the repository is a file (those were read above); one that resolves
    // outside, a symlink leaving the repository included, is why nothing was found.
    if (outside) {
      return {
        problem: {
          code: 'import-outside-repo',
          message: `${tag} "${path}" resolves outside the repository; it was not read`,
          loc,
        },
      };
    }
    return {
      problem: {
        code: 'import-not-found',
        message: `${tag} "${path}": could not find the file (tried relative to the manifest, the working directory and the base path)`,
        loc,
      },
    };
  };
}

function extensionOf(path: string): string {
  const name = basename(path).toLowerCase();
  if (name.startsWith('.env.')) return '.env';
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? (name.startsWith('.') ? name : '') : name.slice(dot);
}

function parseByExtension(
  file: SourceFile,
  raw: boolean,
): { value: unknown } | { problem: { code: 'yaml-syntax'; message: string } } {
  if (raw) return { value: file.text };
  const ext = extensionOf(file.path);
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
    const parsed = parseYaml(file, { tags: 'strip' });
    const first = parsed.problems[0];
    if (first) {
      const pos = first.loc.file.position(first.loc.start);
      return {
        problem: {
          code: 'yaml-syntax',
          message: `!include: ${basename(file.path)}:${pos.line}:${pos.column}: ${first.message}`,
        },
      };
    }
    return { value: parsed.value };
  }
  if (ext === '.hcl' || ext === '.tf' || ext === '.tfvars') {
    try {
      return { value: parseHclAttributes(file.text) };
    } catch (e) {
      const msg = e instanceof HclError ? `${e.message} at ${fmtPos(file, e.offset)}` : String(e);
      return { problem: { code: 'yaml-syntax', message: `!include: ${basename(file.path)}: ${msg}` } };
    }
  }
  if (ext === '.env') return { value: parseDotenv(file.text) };
  return { value: file.text };
}

function fmtPos(file: SourceFile, offset: number): string {
  const p = file.position(offset);
  return `${p.line}:${p.column}`;
}

/** The yq subset that addresses data: `.a.b`, `.a[0]`, `.["key"]`. */
export function applySimpleQuery(
  value: unknown,
  query: string,
): { ok: true; value: unknown } | { ok: false } {
  const q = query.trim();
  if (q === '.') return { ok: true, value };
  if (!q.startsWith('.')) return { ok: false };
  const re = /^(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\.?\["([^"]*)"\]|\.?\[(\d+)\])/;
  let rest = q;
  let cur = value;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) return { ok: false };
    rest = rest.slice(m[0].length);
    const key = m[1] ?? m[2];
    if (key !== undefined) {
      cur =
        cur !== null && typeof cur === 'object' && !Array.isArray(cur)
          ? (cur as Record<string, unknown>)[key]
          : undefined;
    } else {
      const idx = Number(m[3]);
      cur = Array.isArray(cur) ? cur[idx] : undefined;
    }
    if (cur === undefined) cur = null;
  }
  return { ok: true, value: cur };
}
