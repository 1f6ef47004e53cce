import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SourceFile } from '../core/source.js';

export type ReadErrorCode =
  | 'not-found'
  | 'outside-repo'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'not-a-file'
  | 'unreadable';

export interface ReadError {
  code: ReadErrorCode;
  message: string;
}

export type ReadResult = { file: SourceFile; error?: undefined } | { file?: undefined; error: ReadError };

/** Files above this size are not read: a stack manifest of 32 MiB is a mistake or an attack. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads each file at most once per run and never outside the repository root: the realpath of
 * every path is checked, so symlinks that leave the repository are refused before any byte is read.
 */
export class FileStore {
  readonly root: string;
  private readonly realRoot: string;
  private readonly cache = new Map<string, ReadResult>();
  private readonly dirCache = new Map<string, { name: string; isDir: boolean; isFile: boolean }[]>();
  private readonly insideCache = new Map<string, boolean>();
  private readonly kindCache = new Map<string, 'file' | 'dir' | 'other' | 'none'>();
  private readonly maxBytes: number;
  private readCount = 0;

  constructor(root: string, opts: { maxBytes?: number } = {}) {
    this.root = resolve(root);
    this.realRoot = safeRealpath(this.root) ?? this.root;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  /** Number of distinct files actually read from disk. */
  get filesRead(): number {
    return this.readCount;
  }

  /** Every successfully read file, in read order. */
  sources(): SourceFile[] {
    const out: SourceFile[] = [];
    for (const r of this.cache.values()) if (r.file) out.push(r.file);
    return out;
  }

  /** Whether a path (after resolving symlinks of its existing part) lies inside the repository root. */
  isInside(path: string): boolean {
    const abs = resolve(path);
    const cached = this.insideCache.get(abs);
    if (cached !== undefined) return cached;
    let inside = isWithin(this.root, abs) || isWithin(this.realRoot, abs);
    if (inside) inside = isWithin(this.realRoot, realpathOfExistingPrefix(abs));
    this.insideCache.set(abs, inside);
    return inside;
  }

  /** A regular file inside the root exists at this path. Never touches paths outside the root. */
  isFile(path: string): boolean {
    return this.kind(path) === 'file';
  }

  isDirectory(path: string): boolean {
    return this.kind(path) === 'dir';
  }

  /** What is at a path inside the root (cached: the tree does not change during a run). */
  private kind(path: string): 'file' | 'dir' | 'other' | 'none' {
    const abs = resolve(path);
    const cached = this.kindCache.get(abs);
    if (cached) return cached;
    let kind: 'file' | 'dir' | 'other' | 'none' = 'none';
    if (this.isInside(abs)) {
      try {
        const st = statSync(abs);
        kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
      } catch {
        kind = 'none';
      }
    }
    this.kindCache.set(abs, kind);
    return kind;
  }

  read(path: string): ReadResult {
    const abs = resolve(path);
    const cached = this.cache.get(abs);
    if (cached) return cached;
    const result = this.readUncached(abs);
    this.cache.set(abs, result);
    return result;
  }

  /** Register text that did not come from disk (rendered templates, tests). */
  virtual(path: string, text: string): SourceFile {
    const file = new SourceFile(resolve(path), text);
    return file;
  }

  private readUncached(abs: string): ReadResult {
    if (!this.isInside(abs)) {
      return { error: { code: 'outside-repo', message: 'resolves outside the repository root' } };
    }
    let fd: number;
    try {
      fd = openSync(abs, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return { error: { code: 'not-found', message: 'not found' } };
      if (code === 'EISDIR') return { error: { code: 'not-a-file', message: 'is a directory' } };
      return { error: { code: 'unreadable', message: `cannot be read (${code ?? 'error'})` } };
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) return { error: { code: 'not-a-file', message: 'is not a regular file' } };
      if (st.size > this.maxBytes) {
        return {
          error: { code: 'too-large', message: `is ${st.size} bytes, over the ${this.maxBytes}-byte limit` },
        };
      }
      const buf = Buffer.alloc(st.size);
      let off = 0;
      while (off < st.size) {
        const n = readSync(fd, buf, off, st.size - off, off);
        if (n <= 0) break;
        off += n;
      }
      this.readCount++;
      const bytes = buf.subarray(0, off);
      if (looksBinary(bytes)) return { error: { code: 'binary', message: 'is a binary file, not text' } };
      const text = decodeText(bytes);
      // Atmos's YAML parser (yaml.v3) rejects invalid UTF-8, so such a file is unusable there too.
      if (text === undefined) return { error: { code: 'not-utf8', message: 'is not valid UTF-8 text' } };
      return { file: new SourceFile(abs, text) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') return { error: { code: 'not-a-file', message: 'is a directory' } };
      return { error: { code: 'unreadable', message: `cannot be read (${code ?? 'error'})` } };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Directory entries, sorted by name as Go's os.ReadDir returns them. Symlinked directories are
   * followed only when they stay inside the root; the caller guards against loops by realpath.
   */
  readDir(dir: string): { name: string; isDir: boolean; isFile: boolean }[] {
    const key = resolve(dir);
    const cached = this.dirCache.get(key);
    if (cached) return cached;
    const listed = this.readDirUncached(key);
    this.dirCache.set(key, listed);
    return listed;
  }

  private readDirUncached(dir: string): { name: string; isDir: boolean; isFile: boolean }[] {
    if (!this.isInside(dir)) return [];
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: { name: string; isDir: boolean; isFile: boolean }[] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        const p = join(dir, e.name);
        if (!this.isInside(p)) continue;
        try {
          const st = statSync(p);
          out.push({ name: e.name, isDir: st.isDirectory(), isFile: st.isFile() });
        } catch {
          // a dangling link is neither a file nor a directory
        }
        continue;
      }
      out.push({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile() });
    }
    out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out;
  }

  realpath(path: string): string {
    return safeRealpath(path) ?? resolve(path);
  }
}

export function isWithin(parent: string, child: string): boolean {
  if (parent === child) return true;
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Realpath of the longest existing prefix, joined with the rest, so missing files can be checked too. */
function realpathOfExistingPrefix(abs: string): string {
  let cur = abs;
  const rest: string[] = [];
  for (;;) {
    const real = safeRealpath(cur);
    if (real !== undefined) return rest.length ? join(real, ...rest.reverse()) : real;
    const parent = dirname(cur);
    if (parent === cur) return abs;
    rest.push(cur.slice(parent.length).replace(/^[\\/]/, ''));
    cur = parent;
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 with the BOM removed, or undefined when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
