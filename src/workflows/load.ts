import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SourceFile } from '../core/source.js';
import { parseWorkflow } from './parse.js';
import type { Workflow, WorkflowFinding, WorkflowIndex } from './types.js';

export interface WorkflowDirEntry {
  name: string;
  kind: 'file' | 'symlink' | 'directory' | 'other';
}

/**
 * File-system access, injectable for tests and for callers that read from elsewhere (a git tree).
 * Every function returns `undefined` instead of throwing when the path cannot be read.
 */
export interface LoadWorkflowsOptions {
  /** Entries of a directory; `undefined` when it does not exist or is not a directory. */
  listDir?: (absDir: string) => WorkflowDirEntry[] | undefined;
  readFile?: (absPath: string) => string | undefined;
  /** Follows symbolic links. Without it, sizes are measured after reading. */
  stat?: (absPath: string) => { isFile: boolean; size: number } | undefined;
  /** Resolves symbolic links. Without it, paths are taken as they are. */
  realpath?: (absPath: string) => string | undefined;
  /** Files larger than this many bytes are reported and not parsed (default 1 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_WORKFLOW_BYTES = 1024 * 1024;

const WORKFLOW_FILE = /\.ya?ml$/;

const nodeFs: Required<Omit<LoadWorkflowsOptions, 'maxBytes'>> = {
  listDir(absDir) {
    try {
      return readdirSync(absDir, { withFileTypes: true }).map((d) => ({
        name: d.name,
        kind: d.isFile() ? 'file' : d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'directory' : 'other',
      }));
    } catch {
      return undefined;
    }
  },
  readFile(absPath) {
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
  stat(absPath) {
    try {
      const st = statSync(absPath);
      return { isFile: st.isFile(), size: st.size };
    } catch {
      return undefined;
    }
  },
  realpath(absPath) {
    try {
      return realpathSync(absPath);
    } catch {
      return undefined;
    }
  },
};

/**
 * Reads `<repoRoot>/.github/workflows/*.yml|*.yaml` (not recursive, as GitHub only runs workflows
 * from that directory itself). Every problem becomes a finding; nothing here throws for bad input.
 */
export function loadWorkflows(repoRoot: string, opts: LoadWorkflowsOptions = {}): WorkflowIndex {
  // Node's real file system fills in only when the caller did not inject a virtual one, so that a
  // virtual tree is never mixed with whatever happens to exist on disk at the same path.
  const virtual = opts.listDir !== undefined || opts.readFile !== undefined;
  const listDir = opts.listDir ?? nodeFs.listDir;
  const readFile = opts.readFile ?? nodeFs.readFile;
  const stat = opts.stat ?? (virtual ? undefined : nodeFs.stat);
  const realpath = opts.realpath ?? (virtual ? undefined : nodeFs.realpath);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_WORKFLOW_BYTES;

  const root = path.resolve(repoRoot);
  const realRoot = realpath?.(root) ?? root;
  const dir = path.join(root, '.github', 'workflows');
  const index: WorkflowIndex = { dirExists: false, dir, workflows: new Map(), findings: [] };
  const entries = listDir(dir);
  if (!entries) return index;
  index.dirExists = true;

  const names = entries
    .filter((e) => (e.kind === 'file' || e.kind === 'symlink') && WORKFLOW_FILE.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const broken = (abs: string, fileName: string, code: WorkflowFinding['code'], message: string) => {
    const file = new SourceFile(abs, '');
    const finding: WorkflowFinding = { code, message, loc: { file, start: 0, end: 0 } };
    const workflow: Workflow = { file, fileName, triggers: new Map(), parseError: finding };
    index.workflows.set(fileName, workflow);
    index.findings.push(finding);
  };

  for (const fileName of names) {
    const abs = path.join(dir, fileName);
    if (realpath) {
      const real = realpath(abs);
      if (real === undefined) {
        broken(abs, fileName, 'workflow-parse-error', `${fileName} cannot be read (a broken symbolic link?)`);
        continue;
      }
      if (!isInside(realRoot, real)) {
        broken(
          abs,
          fileName,
          'workflow-outside-repo',
          `${fileName} resolves to ${real}, outside the repository; it was not read`,
        );
        continue;
      }
    }
    let size: number | undefined;
    if (stat) {
      const st = stat(abs);
      if (st === undefined) {
        broken(abs, fileName, 'workflow-parse-error', `${fileName} cannot be read`);
        continue;
      }
      if (!st.isFile) continue;
      size = st.size;
      if (size > maxBytes) {
        broken(abs, fileName, 'workflow-too-large', tooLarge(fileName, size, maxBytes));
        continue;
      }
    }
    const text = readFile(abs);
    if (text === undefined) {
      broken(abs, fileName, 'workflow-parse-error', `${fileName} cannot be read`);
      continue;
    }
    if (size === undefined) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > maxBytes) {
        broken(abs, fileName, 'workflow-too-large', tooLarge(fileName, bytes, maxBytes));
        continue;
      }
    }
    const parsed = parseWorkflow(new SourceFile(abs, text), fileName);
    index.workflows.set(fileName, parsed.workflow);
    index.findings.push(...parsed.findings);
  }
  return index;
}

function tooLarge(fileName: string, size: number, max: number): string {
  return `${fileName} is ${size} bytes, more than the ${max} bytes this linter reads; it was not checked`;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
