import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CORPUS, describeCorpus, HAS_CORPUS, loadGolden, resolveFixture } from './helpers.js';

// Atmos's test-case YAML (`expected/test-case-assertions.yaml`): for every enabled
// `atmos describe component <name> -s <stack>` case, the stdout regexes must match a line of the
// resolved component, and a case that must fail must name no stack we resolve.

interface TestCase {
  name: string;
  enabled: boolean;
  args: string[];
  env: Record<string, string> | null;
  expect: { stdout?: string[]; exit_code?: number };
}

/** `key: value` (YAML) and `"key": value` (JSON) lines of every entry, containers included. */
function lines(v: unknown, out: string[] = []): string[] {
  if (v === null || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x === 'object') {
      out.push(`${k}:`, `"${k}": ${Array.isArray(x) ? '[' : '{'}`);
      lines(x, out);
    } else {
      out.push(`${k}: ${x === null ? 'null' : String(x)}`, `"${k}": ${JSON.stringify(x)}`);
    }
  }
  return out;
}

/** Cases whose expected output needs what the linter deliberately never does. */
const NOT_MODELLED: Record<string, string> = {
  'atmos-functions':
    'the value comes from `!terraform.output` of deployed state (YAML functions are not run)',
};

function cases(): { fixture: string; tc: TestCase }[] {
  if (!HAS_CORPUS) return [];
  const out: { fixture: string; tc: TestCase }[] = [];
  for (const fixture of readdirSync(CORPUS).sort()) {
    const file = join(CORPUS, fixture, 'expected/test-case-assertions.yaml');
    if (!existsSync(file) || fixture in NOT_MODELLED) continue;
    for (const tc of loadGolden(fixture, 'expected/test-case-assertions.yaml') as TestCase[]) {
      const [cmd, sub, component] = tc.args ?? [];
      if (!tc.enabled || cmd !== 'describe' || sub !== 'component' || !component) continue;
      // Path-form components, yq projections and provenance rendering are CLI features.
      if (component.startsWith('.') || component.startsWith('-') || tc.args.includes('-q')) continue;
      if (tc.args.includes('--provenance')) continue;
      out.push({ fixture, tc });
    }
  }
  return out;
}

const all = cases();

describeCorpus('Atmos test-case assertions', () => {
  it('finds the describe component cases', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(NOT_MODELLED)).toEqual(['atmos-functions']);
  });

  it.each(all.map((c) => [`${c.fixture}: ${c.tc.args.join(' ')}`, c] as const))(
    '%s',
    (_n, { fixture, tc }) => {
      const component = tc.args[2]!;
      const flag = tc.args.findIndex((a) => a === '-s' || a === '--stack');
      const stack = tc.args[flag + 1]!;
      const r = resolveFixture(fixture, fixture === 'complete' ? { templateEnv: { USER: 'user' } } : {});
      const c = r.components.find((x) => x.component === component && x.stack === stack);
      if ((tc.expect.exit_code ?? 0) !== 0) {
        // `-s prod` for a manifest named `production`: Atmos fails with "invalid stack".
        expect(c, `${component} must not resolve in ${stack}`).toBeUndefined();
        return;
      }
      expect(c, `${component} in ${stack}`).toBeDefined();
      const ours = lines(c!.rendered);
      for (const pattern of tc.expect.stdout ?? []) {
        const re = new RegExp(pattern);
        expect(
          ours.some((l) => re.test(l)),
          `${pattern} in ${component}@${stack}`,
        ).toBe(true);
      }
    },
  );
});
