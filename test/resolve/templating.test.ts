import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComponentRenderer } from '../../src/resolve/templating.js';
import { functionSet, renderTemplate } from '../../src/template/index.js';
import { ATMOS_YAML, comp, findings, get, resolveRepo, rules, TEMPLATES_ON } from './helpers.js';

const settings = {
  enabled: true,
  sprig: true,
  gomplate: true,
  evaluations: 1,
  delimiters: ['{{', '}}'] as [string, string],
  ignoreMissingTemplateValues: false,
};
const renderer = new ComponentRenderer(settings, () => undefined);
const full = (text: string, data: unknown) =>
  renderTemplate(text, data, {
    missingKey: 'default',
    functions: functionSet({ sprig: true, gomplate: true, atmos: true }),
  });

// The renderer answers plain field templates without the executor; it must agree with it exactly.
describe('component renderer fast path', () => {
  it('agrees with the full executor on field templates over random data', () => {
    const key = fc.constantFrom('a', 'b', 'vars', 'stage', '__proto__', 'constructor', 'x-y');
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double(),
      fc.constant([1, 2]),
    );
    const data = fc.dictionary(
      key,
      fc.oneof(leaf, fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf)))),
      {
        noNullPrototype: false,
      },
    );
    const field = fc.array(fc.constantFrom('a', 'b', 'vars', 'stage', 'constructor'), {
      minLength: 1,
      maxLength: 3,
    });
    const template = fc
      .array(
        fc.oneof(
          fc.constantFrom('x', '-', ' '),
          field.map((p) => `{{ .${p.join('.')} }}`),
        ),
        { maxLength: 4 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(data, template, (d, t) => {
        let expected: string | Error;
        try {
          expected = full(t, d);
        } catch (e) {
          expected = e as Error;
        }
        const got = renderer.render(t, d);
        if (expected instanceof Error) expect(got.ok).toBe(false);
        else expect(got).toEqual({ ok: true, text: expected });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('prints <no value> for a missing key and for null (Go digs the nil interface out), as Go does', () => {
    expect(renderer.render('{{ .a }}-{{ .b }}', { b: null })).toEqual({
      ok: true,
      text: '<no value>-<no value>',
    });
  });
});

// Found by the resolver property test in CI: a random repository whose merged vars held ~800,000
// values, referenced by `{{ toJson .vars }}` in subtrees that aliases and appended lists repeat.
// Every string stayed within the executor's own budget, and together they never ended.
describe('component sections: bounded template work', () => {
  const atmosYaml = `${ATMOS_YAML}${TEMPLATES_ON}settings:\n  list_merge_strategy: append\n`;

  it('renders a subtree shared by many list elements once', () => {
    // Each level imports the previous one twice: `l` holds 2^14 references to one map.
    const n = 15;
    const big = Array.from({ length: 2000 }, (_, i) => i).join(', ');
    const files: Record<string, string> = {
      'stacks/catalog/c0.yaml': 'vars:\n  l:\n    - t: "{{ toJson .vars.big }}"\n',
      'stacks/deploy/dev.yaml': `import:\n  - catalog/c${n - 1}\nvars:\n  stage: dev\n  big: [${big}]\ncomponents:\n  terraform:\n    app:\n      vars: {}\n`,
    };
    for (let i = 1; i < n; i++)
      files[`stacks/catalog/c${i}.yaml`] = `import:\n  - catalog/c${i - 1}\n  - catalog/c${i - 1}\n`;
    const r = resolveRepo(files, { atmosYaml });
    expect(rules(r)).toEqual([]);
    const l = get(comp(r, 'dev', 'app').rendered, 'vars.l') as { t: string }[];
    expect(l.length).toBe(2 ** (n - 1));
    expect(JSON.parse(l[l.length - 1]!.t)).toHaveLength(2000);
  });

  it('stops a section whose templates together exceed the allowance, with one finding', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => i).join(', ');
    // Distinct texts (the index), since identical ones render once per section.
    const templates = Array.from({ length: 1500 }, (_, i) => `          - "{{ toJson .vars.big }}${i}"`).join(
      '\n',
    );
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  big: [${big}]\ncomponents:\n  terraform:\n    app:\n      vars:\n        t:\n${templates}\n        after: "{{ .vars.stage }}"\n`,
      },
      { atmosYaml },
    );
    // Each render costs ~128,900 steps (20,000 values, 108,891 characters): 155 fit, the 156th
    // (index 155, line 9 + 155) runs out.
    expect(findings(r)).toEqual([`template-syntax stacks/deploy/dev.yaml:${9 + 155}`]);
    expect(r.findings[0]!.message).toMatch(/took more than 20,000,000 steps together/);
    const t = get(comp(r, 'dev', 'app').rendered, 'vars.t') as string[];
    expect(t[154]).toMatch(/^\[0,1,2,/);
    expect(t[155]).toBe('{{ toJson .vars.big }}155');
    expect(t.at(-1)).toBe('{{ toJson .vars.big }}1499');
    expect(get(comp(r, 'dev', 'app').rendered, 'vars.after')).toBe('{{ .vars.stage }}');
  });

  it('stops rendering for the rest of the run once the run allowance is spent', () => {
    // ~400 steps per render (100 values, 290 characters): a section of 1,000 stops at its third
    // template; after two sections the run of 2,500 has 100 steps left, and the third stops at once.
    const big = Array.from({ length: 100 }, (_, i) => i).join(', ');
    const t = Array.from({ length: 10 }, (_, i) => `          - "{{ toJson .vars.big }}${i}"`).join('\n');
    const components = ['a', 'b', 'c', 'd', 'e']
      .map((n) => `    ${n}:\n      vars:\n        t:\n${t}\n`)
      .join('');
    const r = resolveRepo(
      {
        'stacks/deploy/dev.yaml': `vars:\n  stage: dev\n  big: [${big}]\ncomponents:\n  terraform:\n${components}`,
      },
      { atmosYaml, renderLimits: { section: 1000, run: 2500 } },
    );
    const kinds = r.findings.map((f) =>
      /of this run/.test(f.message)
        ? 'run'
        : /of this component section/.test(f.message)
          ? 'section'
          : f.message,
    );
    expect(kinds).toEqual(['section', 'section', 'run']);
    const first = ['a', 'b', 'c', 'd', 'e'].map(
      (n) => (get(comp(r, 'dev', n).rendered, 'vars.t') as string[])[0] ?? '',
    );
    expect(first.filter((x) => x.startsWith('[0,1,2')).length).toBe(2);
    expect(first.filter((x) => x === '{{ toJson .vars.big }}0').length).toBe(3);
  });

  it('renders a text repeated by appending once, and reports a broken one a few times', () => {
    const n = 15;
    const files: Record<string, string> = {
      'stacks/catalog/c0.yaml': 'vars:\n  ok: ["{{ .vars.stage }}"]\n  broken: ["{{ .vars.stage"]\n',
      'stacks/deploy/dev.yaml': `import:\n  - catalog/c${n - 1}\nvars:\n  stage: dev\ncomponents:\n  terraform:\n    app:\n      vars: {}\n`,
    };
    for (let i = 1; i < n; i++)
      files[`stacks/catalog/c${i}.yaml`] = `import:\n  - catalog/c${i - 1}\n  - catalog/c${i - 1}\n`;
    const r = resolveRepo(files, { atmosYaml });
    const ok = get(comp(r, 'dev', 'app').rendered, 'vars.ok') as string[];
    expect(ok.length).toBe(2 ** (n - 1));
    expect(new Set(ok)).toEqual(new Set(['dev']));
    expect(findings(r)).toEqual(['template-syntax stacks/catalog/c0.yaml:3']);
  });
});
