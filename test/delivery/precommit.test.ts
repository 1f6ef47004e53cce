import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

const CLI = join(ROOT, 'dist', 'cli.js');

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function yamlFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p, base));
    else if (/\.ya?ml$/.test(e.name)) out.push(relative(base, p));
  }
  return out.sort();
}

function mtimes(dir: string): Map<string, number> {
  return new Map(yamlFiles(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

// pre-commit passes the changed files and may split them over processes running at once: each
// resolves the whole repository, reports only for its own files, and writes nothing.
describe.skipIf(!existsSync(CLI))('the pre-commit hook, the way pre-commit runs it', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'apl-precommit-'));
    cpSync(join(FIXTURES, 'demo'), repo, { recursive: true });
    mkdirSync(join(repo, '.git'));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('two processes over a split file list report exactly what one full run reports for those files', async () => {
    const files = yamlFiles(repo).filter((f) => f.startsWith('stacks/') || f === 'atmos.yaml');
    const half = Math.ceil(files.length / 2);
    const before = mtimes(repo);
    const [a, b, full] = await Promise.all([
      run(repo, ['--format', 'json', ...files.slice(0, half)]),
      run(repo, ['--format', 'json', ...files.slice(half)]),
      run(repo, ['--format', 'json']),
    ]);
    for (const r of [a, b, full]) expect([0, 1], r.stderr).toContain(r.code);
    const diags = (r: { stdout: string }) => JSON.parse(r.stdout).diagnostics as { file: string }[];
    const expected = diags(full).filter((d) => files.includes(d.file));
    expect(expected.length).toBeGreaterThan(0);
    expect([...diags(a), ...diags(b)].sort(byKey)).toEqual([...expected].sort(byKey));
    for (const d of diags(a)) expect(files.slice(0, half)).toContain(d.file);
    for (const d of diags(b)) expect(files.slice(half)).toContain(d.file);
    expect(mtimes(repo)).toEqual(before);
  });
});

function byKey(x: { file: string }, y: { file: string }): number {
  const a = JSON.stringify(x);
  const b = JSON.stringify(y);
  return a < b ? -1 : a > b ? 1 : 0;
}
