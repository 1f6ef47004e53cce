import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  functionSet,
  parseTemplate,
  printTemplate,
  renderTemplate,
  TemplateError,
  TemplateSyntaxError,
} from '../../src/template/index.js';
import { strip } from './helpers.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const fs = functionSet({ sprig: true, gomplate: true, atmos: true });

/** Fragments that drive the lexer and parser into their interesting states. */
const fragment = fc.constantFrom(
  '{{',
  '}}',
  '{{- ',
  ' -}}',
  '/*',
  '*/',
  ' ',
  '\n',
  '.',
  '.a',
  '.b.c',
  '$',
  '$x',
  ':=',
  '=',
  ',',
  '|',
  '(',
  ')',
  '"s"',
  '"',
  '`',
  "'a'",
  "'",
  '1',
  '-2',
  '0x',
  '1.5e',
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
  'true',
  'print',
  'printf',
  'strings.Title',
  '\\',
  '§',
  '😀',
);

const templateLike = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 3 })), { maxLength: 25 })
  .map((a) => a.join(''));

describe('property: lexer and parser never throw', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), templateLike),
        (text) => {
          for (const opts of [{}, { functions: fs }, { leftDelim: '[[', rightDelim: ']]' }]) {
            const r = parseTemplate(text, opts);
            if ('error' in r) {
              expect(r.error).toBeInstanceOf(TemplateSyntaxError);
              expect(r.error.offset).toBeGreaterThanOrEqual(0);
              expect(r.error.end).toBeGreaterThanOrEqual(r.error.offset);
              expect(r.error.end).toBeLessThanOrEqual(text.length);
            } else {
              expect(r.tree.root.type).toBe('list');
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// A generator of valid template sources.
const key = fc.constantFrom('a', 'b', 'list', 'm', 'n', 's');
const fieldExpr = fc.array(key, { minLength: 1, maxLength: 3 }).map((k) => `.${k.join('.')}`);
const literal = fc.constantFrom(
  '1',
  '0',
  '-2',
  '1.5',
  '0x1F',
  'true',
  'false',
  '"str"',
  '`raw`',
  "'c'",
  '""',
);
const plainText = fc.stringMatching(/^[a-z \n]{0,6}$/);

type Src = { pipe: string; node: string };

const gen = fc.letrec<Src>((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fieldExpr,
    literal,
    fc.constant('.'),
    fc.constant('$'),
    fc.constant('$x'),
    fc.constant('$x.a'),
    fc.constant('$.a'),
    tie('pipe').map((p) => `(${p})`),
    tie('pipe').map((p) => `(${p}).a`),
  ),
  call: fc
    .oneof(
      fc.tuple(
        fc.constantFrom('print', 'len', 'not', 'eq', 'ne', 'lt', 'and', 'or', 'index', 'slice'),
        fc.array(tie('operand'), { maxLength: 3 }),
      ),
      fc.tuple(
        fc.constantFrom(
          'default',
          'upper',
          'toJson',
          'join',
          'list',
          'dict',
          'quote',
          'add',
          'first',
          'strings.Title',
          'conv.ToString',
          'ternary',
          'empty',
          'has',
          'keys',
          'trim',
          'printf',
        ),
        fc.array(tie('operand'), { maxLength: 3 }),
      ),
    )
    .map(([f, args]) => [f, ...(args as string[])].join(' ')),
  command: fc.oneof({ depthSize: 'small' }, tie('operand'), tie('call')),
  pipe: fc
    .tuple(tie('command'), fc.array(fc.oneof(tie('call'), fieldExpr), { maxLength: 2 }))
    .map(([first, rest]) => [first as string, ...(rest as string[])].join(' | ')),
  action: fc
    .tuple(tie('pipe'), fc.boolean(), fc.boolean(), fc.constantFrom('', '$y := ', '$x = '))
    .map(([p, l, r, decl]) => `{{${l ? '- ' : ''}${decl}${p}${r ? ' -' : ''}}}`),
  list: fc
    .array(fc.oneof({ depthSize: 'small' }, plainText, tie('action'), tie('control')), { maxLength: 4 })
    .map((a) => (a as string[]).join('')),
  control: fc
    .tuple(
      fc.constantFrom('if', 'with', 'range', 'range $i, $v :=', 'with $w :='),
      tie('pipe'),
      tie('list'),
      fc.option(tie('list')),
    )
    .map(([kw, p, body, alt]) => {
      const inner = kw.startsWith('range') ? `${body}{{if .}}{{break}}{{end}}` : body;
      return `{{${kw} ${p}}}${inner}${alt === null ? '' : `{{else}}${alt}`}{{end}}`;
    }),
  node: tie('list').map((l) => `{{$x := .}}${l}`),
})).node;

describe('property: print/parse round trip', () => {
  it('parse(print(parse(x))) equals parse(x) for generated templates', () => {
    fc.assert(
      fc.property(gen as fc.Arbitrary<string>, (text) => {
        const first = parseTemplate(text, { functions: fs });
        if ('error' in first)
          throw new Error(`generator produced an invalid template: ${text}: ${first.error.message}`);
        const printed = printTemplate(first.tree);
        const second = parseTemplate(printed, { functions: fs });
        if ('error' in second)
          throw new Error(`printed template does not parse: ${printed}: ${second.error.message}`);
        expect(strip(second.tree)).toEqual(strip(first.tree));
        expect(printTemplate(second.tree)).toBe(printed);
      }),
      { numRuns: RUNS },
    );
  });
});

const data = fc.dictionary(
  key,
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
    fc.dictionary(key, fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null)), {
      maxKeys: 3,
    }),
  ),
  { maxKeys: 6 },
);

describe('property: rendering only ever fails with a TemplateError', () => {
  it('on generated templates and data', () => {
    fc.assert(
      fc.property(
        gen as fc.Arbitrary<string>,
        data,
        fc.constantFrom('default', 'zero', 'error') as fc.Arbitrary<'default' | 'zero' | 'error'>,
        (text, input, missingKey) => {
          try {
            const out = renderTemplate(text, input, {
              functions: fs,
              missingKey,
              budget: { maxSteps: 20_000, maxOutput: 20_000 },
            });
            expect(typeof out).toBe('string');
          } catch (e) {
            if (!(e instanceof TemplateError)) throw e;
            expect(e.end).toBeGreaterThanOrEqual(e.offset);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('bounds loops built from arbitrary counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 20 }), (a, b) => {
        const start = Date.now();
        try {
          renderTemplate(
            `{{range $i := ${a}}}{{range ${b}}}x{{end}}{{end}}`,
            {},
            { budget: { maxSteps: 50_000, maxOutput: 50_000 } },
          );
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateError);
        }
        expect(Date.now() - start).toBeLessThan(1000);
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 10)) },
    );
  });
});
