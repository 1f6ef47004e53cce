/**
 * The emitted declarations (dist/index.d.ts, built by `npm run build`) describe the same API as
 * src/index.ts: the type-level test usage.typecheck.ts, pointed at dist/, compiles with strict
 * settings and without skipLibCheck, so its `@ts-expect-error` misuses still fail and every
 * declaration file it reaches is itself valid.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';

const DTS = join(ROOT, 'dist', 'index.d.ts');

describe.skipIf(!existsSync(DTS))('dist/index.d.ts', () => {
  const work = mkdtempSync(join(tmpdir(), 'apl-dts-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('re-exports the declarations emitted from src/index.ts', () => {
    expect(readFileSync(DTS, 'utf8')).toBe("export * from './types/index.js';\n");
    const types = readFileSync(join(ROOT, 'dist', 'types', 'index.d.ts'), 'utf8');
    for (const name of ['lint', 'resolveStacks', 'simulateDispatch', 'simulatePayload']) {
      expect(types).toMatch(new RegExp(`export declare function ${name}\\(`));
    }
    for (const name of ['ConfigError', 'UsageError', 'PayloadMarshalError']) {
      expect(types).toMatch(new RegExp(`export \\{ ${name} \\}`));
    }
  });

  it('type-check the usage test against them', () => {
    const usage = readFileSync(join(import.meta.dirname, 'usage.typecheck.ts'), 'utf8');
    const pointed = usage.replace("from '../../src/index.js'", `from '${join(ROOT, 'dist', 'index.js')}'`);
    expect(pointed).not.toBe(usage);
    writeFileSync(join(work, 'usage.ts'), pointed);
    writeFileSync(join(work, 'package.json'), '{"type":"module"}\n');
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['usage.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', work], { encoding: 'utf8' });
    } catch (e) {
      output = (e as { stdout: string }).stdout;
    }
    expect(output).toBe('');
  }, 60_000);
});
