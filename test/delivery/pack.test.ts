import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';

// What users install: `npm pack`, then the tarball in an empty project gives a working bin and a
// typed Node API.
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

    // The Node API, imported by name from an ESM script in the consumer project.
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/types/index.d.ts');
    const demo = join(FIXTURES, 'demo');
    writeFileSync(
      join(project, 'consumer.mjs'),
      `import { ConfigError, lint, simulateDispatch, simulatePayload } from 'atmos-pro-lint';
const { summary } = lint({ cwd: ${JSON.stringify(demo)} });
const dispatch = simulateDispatch({ cwd: ${JSON.stringify(demo)}, event: 'merge_group.checks_requested' });
const payload = simulatePayload({ cwd: ${JSON.stringify(demo)}, repoUrl: 'https://github.com/acme/infra.git' });
let missing = '';
try {
  lint({ cwd: ${JSON.stringify(work)}, env: {} });
} catch (e) {
  missing = e instanceof ConfigError ? 'ConfigError' : String(e);
}
console.log(JSON.stringify({ summary, vias: dispatch.dispatches.map((d) => d.via), items: payload.items, missing }));
`,
    );
    const api = JSON.parse(
      execFileSync(process.execPath, ['consumer.mjs'], { cwd: project, encoding: 'utf8' }),
    );
    expect(api.summary.instances).toBe(6);
    expect(api.vias.filter((v: string) => v === 'backstop')).toHaveLength(5);
    expect(api.items).toBe(6);
    expect(api.missing).toBe('ConfigError');

    // Its declarations type-check a consumer file: no @types/node, no skipLibCheck; a misuse fails.
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { type DispatchEvent, type LintResult, lint, type SettingsPro, simulateDispatch } from 'atmos-pro-lint';
const result: LintResult = lint({ cwd: 'infra' });
const errors: number = result.summary.errors;
const event: DispatchEvent = 'pull_request.merged';
const via: string | undefined = simulateDispatch({ event }).dispatches[0]?.via;
const pro: SettingsPro = { enabled: true, drift_detection: { enabled: false } };
// @ts-expect-error GitHub's \`closed\` is Atmos Pro's \`merged\`
simulateDispatch({ event: 'pull_request.closed' });
export { errors, pro, via };
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')), type: 'module' }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let diagnostics = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    } catch (e) {
      diagnostics = (e as { stdout: string }).stdout;
    }
    expect(diagnostics).toBe('');
  }, 180_000);
});
