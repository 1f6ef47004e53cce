import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../src/resolve/merge.js';
import { analyzePro, type ShapeProblem } from '../../src/rules/shape-analysis.js';
import { structuralKey, valueAt, yamlFunctionCall } from '../../src/rules/shape-values.js';

const RUNS = Number(process.env.FC_RUNS ?? 100);
const GENERIC = new Set(['unknown-key', 'invalid-type']);

/** Values shaped like settings.pro: its vocabulary as keys, and every kind of YAML value. */
const KEYS = [
  'enabled',
  'pull_request',
  'release',
  'merge_group',
  'drift_detection',
  'opened',
  'synchronize',
  'closed',
  'merged',
  'published',
  'released',
  'checks_requested',
  'destroyed',
  'detect',
  'workflows',
  'workflow',
  'plan.yaml',
  'plan',
  'inputs',
  'upload',
  'on',
  'trigger',
];
const scalar = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('opened', 'true', 'false', '{{ .atmos_stack }}', '!env X', '!template x', 'plan.yaml'),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 4 }),
  ),
}));
const proValue = fc.dictionary(fc.constantFrom(...KEYS.slice(0, 5), 'workflow', 'token'), tree, {
  maxKeys: 5,
});

const sig = (p: ShapeProblem) => `${p.ruleId} ${p.at} ${JSON.stringify(p.path)} ${JSON.stringify(p.data)}`;

describe('analyzePro', () => {
  it('reports each problem once, under one rule, at a path that exists', () => {
    fc.assert(
      fc.property(proValue, (pro) => {
        const problems = analyzePro(pro);
        const seen = new Set<string>();
        for (const p of problems) {
          const key = `${p.ruleId}\0${JSON.stringify(p.path)}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          // A key problem names an existing key, or (a missing `workflows`) the activity holding it.
          expect(p.path.length === 0 || valueAt(pro, p.path) !== undefined || p.at === 'key').toBe(true);
        }
        // A specific rule supersedes the generic ones at the same key or value.
        for (const p of problems) {
          if (!GENERIC.has(p.ruleId)) continue;
          const clash = problems.find(
            (q) =>
              q !== p &&
              !GENERIC.has(q.ruleId) &&
              q.at === p.at &&
              JSON.stringify(q.path) === JSON.stringify(p.path),
          );
          expect(clash).toBeUndefined();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(proValue, (pro) => {
        const reversed = JSON.parse(JSON.stringify(pro), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(analyzePro(reversed).map(sig).sort()).toEqual(analyzePro(pro).map(sig).sort());
      }),
      { numRuns: RUNS },
    );
  });

  it('finds nothing wrong with the documented contract', () => {
    const wf = {
      workflows: { 'atmos-terraform-plan.yaml': { inputs: { component: '{{ .atmos_component }}' } } },
    };
    expect(
      analyzePro({
        enabled: true,
        pull_request: { opened: wf, synchronize: wf, reopened: wf, merged: wf },
        release: { published: wf },
        merge_group: { checks_requested: wf },
        drift_detection: { enabled: false, detect: wf, remediate: wf },
      }),
    ).toEqual([]);
  });
});

describe('structuralKey', () => {
  it('is equal exactly for deep-equal values, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(structuralKey(a) === structuralKey(b)).toBe(deepEqual(a, b));
        const reordered = JSON.parse(JSON.stringify(a), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(structuralKey(reordered)).toBe(structuralKey(a));
      }),
      { numRuns: RUNS },
    );
  });

  it('tells apart values JSON would confuse', () => {
    const keys = [
      1,
      '1',
      1n,
      true,
      'true',
      null,
      Number.NaN,
      0,
      [],
      {},
      [null],
      { a: null },
      ['a,'],
      ['a', ''],
    ];
    expect(new Set(keys.map(structuralKey)).size).toBe(keys.length);
  });
});

describe('yamlFunctionCall', () => {
  it.each([
    ['!env PRO_ENABLED', { tag: '!env', scalar: true }],
    ['!git.sha', { tag: '!git.sha', scalar: true }],
    ['!template {{ .x }}', { tag: '!template', scalar: false }],
    ['!terraform.output vpc id', { tag: '!terraform.output', scalar: false }],
    ['  !store ssm /x y', { tag: '!store', scalar: false }],
  ])('recognises %s', (text, call) => {
    expect(yamlFunctionCall(text)).toEqual(call);
  });

  it.each(['!environment', '!envX', 'env FOO', '!', '!unknown thing', '{{ .vars.x }}'])(
    'ignores %s',
    (text) => {
      expect(yamlFunctionCall(text)).toBeUndefined();
    },
  );
});
