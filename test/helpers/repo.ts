import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './fixtures.js';

export const CLI = join(ROOT, 'dist', 'cli.js');

export const ATMOS_YAML = `base_path: "./"
stacks:
  base_path: stacks
  included_paths:
    - "deploy/**/*"
  excluded_paths:
    - "**/_defaults.yaml"
  name_template: "{{ .vars.stage }}"
templates:
  settings:
    enabled: true
`;

/** A throwaway repository (with a `.git` directory, so it is its own root) built from a file map. */
export class TmpRepo {
  readonly root: string;
  constructor(files: Record<string, string | Buffer> = {}, opts: { atmosYaml?: string | null } = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'apl-repo-'));
    mkdirSync(join(this.root, '.git'));
    if (opts.atmosYaml !== null) this.write('atmos.yaml', opts.atmosYaml ?? ATMOS_YAML);
    for (const [p, c] of Object.entries(files)) this.write(p, c);
  }
  write(path: string, content: string | Buffer): string {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  }
  symlink(target: string, path: string): void {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    symlinkSync(target, abs);
  }
  path(p: string): string {
    return join(this.root, p);
  }
  cli(args: string[], opts: { timeout?: number; env?: Record<string, string> } = {}) {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: this.root,
      encoding: 'utf8',
      timeout: opts.timeout ?? 60_000,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
  }
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
