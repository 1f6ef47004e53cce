import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

// What users install: `npm pack`, then the tarball in an empty project gives a working bin.
describe('npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'apl-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('packs dist/, schema/ and the docs, installs, and runs', () => {
    const npm = (args: string[], cwd: string) =>
      execFileSync('npm', args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error' },
      });
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('schema/settings-pro.schema.json');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(
      files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('fixtures/')),
    ).toBe(false);
    const project = join(work, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n');
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
    const bin = join(project, 'node_modules', '.bin', 'atmos-pro-lint');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
    let out = '';
    try {
      execFileSync(bin, ['--chdir', join(FIXTURES, 'demo'), '--format', 'json'], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
      expect((e as { status: number }).status).toBe(1);
    }
    expect(JSON.parse(out).summary.instances).toBeGreaterThan(0);
  }, 180_000);
});
