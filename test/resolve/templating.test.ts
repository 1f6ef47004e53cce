import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComponentRenderer } from '../../src/resolve/templating.js';
import { functionSet, renderTemplate } from '../../src/template/index.js';

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
