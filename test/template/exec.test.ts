import { describe, expect, it } from 'vitest';
import {
  FunctionSet,
  functionSet,
  GoFloat,
  type MissingKey,
  renderTemplate,
  TemplateBudgetError,
  TemplateExecError,
} from '../../src/template/index.js';

/** Test data shaped like Go's exec_test.go `tVal`, as decoded YAML/JSON would give it. */
const tVal = {
  True: true,
  I: 17,
  X: 'x',
  S: 'xyz',
  U: { V: 'v' },
  SI: [3, 4, 5],
  SIEmpty: [],
  SB: [true, false],
  MSI: { one: 1, two: 2, three: 3 },
  MSIone: { one: 1 },
  MSIEmpty: {},
  SMSI: [
    { one: 1, two: 2 },
    { eleven: 11, twelve: 12 },
  ],
  Empty0: null,
  Empty3: [7, 8],
  FloatZero: new GoFloat(0),
  F: 1.5,
  Big: 1e21,
  PSI: [21, 22, 23],
  Nested: { a: { b: { c: 'deep' } } },
};

type Case = [
  name: string,
  template: string,
  expected: string | RegExp,
  data?: unknown,
  missingKey?: MissingKey,
];

const builtins = new FunctionSet();

function run(template: string, data: unknown, missingKey?: MissingKey): string {
  return renderTemplate(template, data, {
    name: 'test',
    functions: builtins,
    ...(missingKey ? { missingKey } : {}),
  });
}

const cases: Case[] = [
  // Trivial and text.
  ['empty', '', ''],
  ['text', 'some text', 'some text'],
  ['nil action', '{{nil}}', /nil is not a command/],

  // Ideal constants.
  ['ideal int', '{{printf "%T" 3}}', 'int'],
  ['ideal float', '{{printf "%T" 1e1}}', 'float64'],
  ['ideal exp float', '{{printf "%T" 1.0}}', 'float64'],
  ['ideal hex int', '{{printf "%T" 0xef}}', 'int'],
  ['ideal char', '{{printf "%T" \'a\'}}', 'int'],
  ['ideal too big', '{{printf "%T" 9223372036854775808}}', /9223372036854775808 overflows int/],

  // Fields on maps.
  ['.X', '-{{.X}}-', '-x-'],
  ['.U.V', '-{{.U.V}}-', '-v-'],
  ['map .one', '{{.MSI.one}}', '1'],
  ['map .NO', '{{.MSI.NO}}', '<no value>'],
  ['map .one args', '{{.MSI.one 1}}', /one is not a method but has arguments/],
  ['deep chain', '{{.Nested.a.b.c}}', 'deep'],
  ['missing chain default', '{{.Nested.x.y.z}}', '<no value>'],
  ['field on nil value', '{{.Empty0.x}}', /nil pointer evaluating interface \{\}\.x/],
  ['field on string', '{{.X.y}}', /can't evaluate field y in type interface \{\}/],
  ['field on top-level string', '{{.y}}', /can't evaluate field y in type string/, 'hello'],
  ['field on range element', '{{range .SI}}{{.y}}{{end}}', /can't evaluate field y in type interface \{\}/],
  ['field on with value', '{{with .X}}{{.y}}{{end}}', /can't evaluate field y in type string/],
  ['field on nil data', '{{.foo}}', '<no value>', null],
  ['field on parenthesized nil', '{{(.).foo}}', '<no value>', null],

  // Dots of all kinds.
  ['dot int', '<{{.}}>', '<13>', 13],
  ['dot float', '<{{.}}>', '<15.1>', 15.1],
  ['dot bool', '<{{.}}>', '<true>', true],
  ['dot string', '<{{.}}>', '<hello>', 'hello'],
  ['dot slice', '<{{.}}>', '<[-1 -2 -3]>', [-1, -2, -3]],
  ['dot map', '<{{.}}>', '<map[two:22]>', { two: 22 }],
  ['dot nested', '{{.}}', '[a map[b:<nil> c:[1 x]] <nil>]', ['a', { c: [1, 'x'], b: null }, null]],
  ['dot big float', '{{.}}', '1e+21', 1e21],
  ['dot integral float', '{{.}}', '3', new GoFloat(3)],
  ['dot large float', '{{.}}', '1.234567e+06', new GoFloat(1234567)],
  ['dot bigint', '{{.}}', '123456789012345678901', 123456789012345678901n],

  // Variables.
  ['$ int', '{{$}}', '123', 123],
  ['$.I', '{{$.I}}', '17'],
  ['$.U.V', '{{$.U.V}}', 'v'],
  ['declare in action', '{{$x := $.U.V}}{{$x}}', 'v'],
  ['simple assignment', '{{$x := 2}}{{$x = 3}}{{$x}}', '3'],
  ['nested assignment', '{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}', '3'],
  [
    'nested assignment changes the last declaration',
    '{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}',
    '1',
  ],
  ['assignment to undeclared', '{{$x = 1}}', /undefined variable: \$x/],
  ['variable holds missing', '{{$x := .nope}}{{$x}}', '<no value>'],
  ['variable holds nil', '{{$x := .Empty0}}{{$x}}', '<no value>'],

  // Pipelines and parentheses.
  ['pipeline', '{{"x" | printf "%s-%s" "a"}}', 'a-x'],
  [
    'parens in pipeline',
    '{{printf `%d %d %d` (1) (2 | len (print 3)) 3}}',
    /wrong number of args for len: want 1 got 2/,
  ],
  ['parenthesized non-function', '{{(1) 2}}', /can't give argument to non-function \(1\)/],
  ['parenthesized non-function with no args', '{{(1)}}', '1'],
  ['unparenthesized non-function', '{{1 2}}', /can't give argument to non-function 1/],
  ['non-function variable', '{{$x := 1}}{{$x 2}}', /can't give argument to non-function \$x/],
  ['chain on parenthesized index', '{{(index .SMSI 1).eleven}}', '11'],
  ['chain on nil', '{{(nil).True}}', /nil is not a command/],
  ['chain on literal', '{{$x := (1.0)}}{{$x.anything}}', /can't evaluate field anything in type float64/],

  // If.
  ['if true', '{{if true}}TRUE{{end}}', 'TRUE'],
  ['if false', '{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
  ['if 1', '{{if 1}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
  ['if 0', '{{if 0}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if 1.5', '{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
  ['if 0.0', '{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if emptystring', '{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if string', '{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptyslice', '{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if slice', '{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if emptymap', '{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
  ['if map', '{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
  ['if map unset', '{{if .MSI.none}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
  ['if nil value', '{{if .Empty0}}non-nil{{else}}nil{{end}}', 'nil'],
  ['if $x with $y int', '{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}', 'true,17'],
  ['if $x with $x int', '{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}', '17,true'],
  ['if else if', '{{if false}}FALSE{{else if true}}TRUE{{end}}', 'TRUE'],
  ['if else chain', '{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}', '3'],

  // Print.
  ['print', '{{print "hello, print"}}', 'hello, print'],
  ['print 123', '{{print 1 2 3}}', '1 2 3'],
  ['print strings and numbers', '{{print "a" 1 2 "b" "c" 3 nil 4}}', 'a1 2bc3 <nil> 4'],
  ['print nil', '{{print nil}}', '<nil>'],
  ['print missing', '{{print .nope}}', '<nil>'],
  ['println', '{{println 1 2 3}}', '1 2 3\n'],
  ['printf int', '{{printf "%04x" 127}}', '007f'],
  ['printf float', '{{printf "%g" 3.5}}', '3.5'],
  ['printf string', '{{printf "%s" "hello"}}', 'hello'],
  ['printf field', '{{printf "%s" .U.V}}', 'v'],
  ['printf dot', '{{with .I}}{{printf "%d" .}}{{end}}', '17'],
  ['printf var', '{{with $x := .I}}{{printf "%d" $x}}{{end}}', '17'],
  ['printf bad pipe', '{{true|printf}}', /wrong type for value; expected string; got bool/],
  ['printf pipe format', '{{"aaa"|printf}}', 'aaa'],

  // HTML, JS, URL.
  [
    'html',
    '{{html "<script>alert(\\"XSS\\");</script>"}}',
    '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;',
  ],
  [
    'html pipeline',
    '{{printf "<script>alert(\\"XSS\\");</script>" | html}}',
    '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;',
  ],
  ['html untyped nil', '{{html .Empty0}}', '&lt;no value&gt;'],
  ['js', '{{js .}}', "It\\'d be nice.", "It'd be nice."],
  ['urlquery', '{{"http://www.example.org/"|urlquery}}', 'http%3A%2F%2Fwww.example.org%2F'],

  // Booleans.
  ['not', '{{not true}} {{not false}}', 'false true'],
  ['and', '{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}', 'false 0 0 1'],
  ['or', '{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}', '0 1 true 1'],
  ['or short-circuit', '{{or 0 1 (index nil 0)}}', '1'],
  ['and short-circuit', '{{and 1 0 (index nil 0)}}', '0'],
  ['or short-circuit2', '{{or 0 0 (index nil 0)}}', /index of untyped nil/],
  ['and pipe-true', '{{1 | and 1}}', '1'],
  ['and pipe-false', '{{0 | and 1}}', '0'],
  ['or pipe-false', '{{0 | or 0}}', '0'],
  ['and undef', '{{and 1 .Unknown}}', '<no value>'],
  ['or undef', '{{or 0 .Unknown}}', '<no value>'],
  ['boolean if', '{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}', 'TRUE'],
  ['boolean if not', '{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}', 'FALSE'],

  // Comparisons.
  ['eq', '{{eq 1 1}} {{eq "a" "b"}} {{eq .I 17}} {{eq .X "x"}}', 'true false true true'],
  ['eq multiple', '{{eq 3 1 2 3}} {{eq "c" "a" "b"}}', 'true false'],
  ['eq int float', '{{eq 1 1.0}}', /error calling eq: incompatible types for comparison/],
  ['eq string int', '{{eq "1" 1}}', /incompatible types for comparison/],
  ['eq missing', '{{eq .nope "x"}} {{eq .nope nil}}', 'false true'],
  ['eq nil value', '{{eq .Empty0 "x"}}', 'false'],
  ['eq slices', '{{eq .SI .SI}}', /non-comparable type \[3 4 5\]: \[\]interface \{\}/],
  ['eq no args', '{{eq 1}}', /missing argument for comparison/],
  ['ne', '{{ne 1 2}} {{ne "a" "a"}}', 'true false'],
  ['lt', '{{lt 1 2}} {{lt 2 1}} {{lt "a" "b"}} {{lt 1.5 2.5}}', 'true false true true'],
  ['le ge gt', '{{le 2 2}} {{ge 1 2}} {{gt 3 2}}', 'true false true'],
  ['lt mixed', '{{lt 1 "a"}}', /incompatible types for comparison/],
  ['lt bool', '{{lt true false}}', /invalid type for comparison/],
  ['lt missing', '{{lt .nope 1}}', /invalid type for comparison/],
  ['lt uint int', '{{lt (index "a" 0) 200}} {{eq (index "a" 0) 97}}', 'true true'],

  // Indexing.
  ['slice[0]', '{{index .SI 0}}', '3'],
  ['slice[HUGE]', '{{index .SI 10}}', /index out of range: 10/],
  ['slice[len]', '{{index .SI 3}}', /reflect: slice index out of range/],
  ['slice[WRONG]', '{{index .SI `hello`}}', /cannot index slice\/array with type string/],
  ['slice[nil]', '{{index .SI nil}}', /cannot index slice\/array with nil/],
  ['map[one]', '{{index .MSI `one`}}', '1'],
  ['map[NO]', '{{index .MSI `XXX`}}', '<no value>'],
  ['map[NO] as arg', '{{print (index .MSI `XXX`)}}', '<nil>'],
  ['map[WRONG]', '{{index .MSI 10}}', /value has type int; should be string/],
  ['double index', '{{index .SMSI 1 `eleven`}}', '11'],
  ['nil[1]', '{{index nil 1}}', /index of untyped nil/],
  ['string index', '{{index "abc" 1}}', '98'],
  ['index of int', '{{index 3 1}}', /can't index item of type int/],

  // Slicing.
  ['slice[:]', '{{slice .SI}}', '[3 4 5]'],
  ['slice[1:]', '{{slice .SI 1}}', '[4 5]'],
  ['slice[1:2]', '{{slice .SI 1 2}}', '[4]'],
  ['slice[-1:]', '{{slice .SI -1}}', /index out of range: -1/],
  ['slice[2:1]', '{{slice .SI 2 1}}', /invalid slice index: 2 > 1/],
  ['slice out of range', '{{slice .SI 4 5}}', /index out of range: 4/],
  ['string[:]', '{{slice .S}}', 'xyz'],
  ['string[1:2]', '{{slice .S 1 2}}', 'y'],
  ['3-index slice of string', '{{slice .S 1 2 2}}', /cannot 3-index slice a string/],

  // Len.
  ['len slice', '{{len .SI}}', '3'],
  ['len map', '{{len .MSI }}', '3'],
  ['len string bytes', '{{len "héllo"}}', '6'],
  ['len of int', '{{len 3}}', /len of type int/],
  ['len of nil value', '{{len .Empty0}}', /len of nil pointer/],

  // With.
  ['with true', '{{with true}}{{.}}{{end}}', 'true'],
  ['with false', '{{with false}}{{.}}{{else}}FALSE{{end}}', 'FALSE'],
  ['with 1', '{{with 1}}{{.}}{{else}}ZERO{{end}}', '1'],
  ['with 0', '{{with 0}}{{.}}{{else}}ZERO{{end}}', 'ZERO'],
  ['with 1.5', '{{with 1.5}}{{.}}{{else}}ZERO{{end}}', '1.5'],
  ['with emptystring', '{{with ``}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY'],
  ['with slice', '{{with .SI}}{{.}}{{else}}EMPTY{{end}}', '[3 4 5]'],
  ['with map', '{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}', 'map[one:1]'],
  ['with $x int', '{{with $x := .I}}{{$x}}{{end}}', '17'],
  ['with $x struct.U.V', '{{with $x := $}}{{$x.U.V}}{{end}}', 'v'],
  ['with variable and action', '{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}', 'v'],
  ['with else with', '{{with 0}}{{.}}{{else with true}}{{.}}{{end}}', 'true'],
  [
    'with else with chain',
    '{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}',
    'notempty',
  ],
  ['with else uses outer dot', '{{with .nope}}x{{else}}{{.X}}{{end}}', 'x'],

  // Range.
  ['range []int', '{{range .SI}}-{{.}}-{{end}}', '-3--4--5-'],
  ['range empty no else', '{{range .SIEmpty}}-{{.}}-{{end}}', ''],
  ['range []int else', '{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}', '-3--4--5-'],
  ['range empty else', '{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range []int break else', '{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}', '-3-'],
  [
    'range []int continue else',
    '{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}',
    '-3--4--5-',
  ],
  ['range []bool', '{{range .SB}}-{{.}}-{{end}}', '-true--false-'],
  ['range map sorted', '{{range .MSI}}-{{.}}-{{end}}', '-1--3--2-'],
  ['range empty map else', '{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
  ['range missing', '{{range .nope}}-{{.}}-{{else}}NONE{{end}}', 'NONE'],
  ['range nil value', '{{range .Empty0}}-{{.}}-{{end}}', ''],
  ['range $x SI', '{{range $x := .SI}}<{{$x}}>{{end}}', '<3><4><5>'],
  ['range $x $y SI', '{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}', '<0=3><1=4><2=5>'],
  ['range $x MSIone', '{{range $x := .MSIone}}<{{$x}}>{{end}}', '<1>'],
  ['range $x $y MSIone', '{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}', '<one=1>'],
  ['declare in range', '{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}', '<21><22><23>'],
  ['range 5', '{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}', 'int0int1int2int3int4'],
  ['range int dot', '{{range 3}}{{.}}{{end}}', '012'],
  ['range 0 else', '{{range 0}}x{{else}}none{{end}}', 'none'],
  [
    'range int two vars',
    '{{range $i, $v := 3}}{{end}}',
    /can't use 3 to iterate over more than one variable/,
  ],
  ['range assign', '{{$i := 0}}{{range $i = .SI}}{{end}}{{$i}}', '5'],
  ['range assign two', '{{$i := 0}}{{$v := 0}}{{range $i, $v = .SI}}{{end}}{{$i}}={{$v}}', '2=5'],
  ['range over string', '{{range "abc"}}{{.}}{{end}}', /range can't iterate over abc/],
  ['range over float', '{{range 1.5}}{{.}}{{end}}', /range can't iterate over 1.5/],
  ['range nested break', '{{range .SI}}{{range $.SI}}{{break}}{{end}}{{.}}{{end}}', '345'],
  ['or as if true', '{{or .SI "slice is empty"}}', '[3 4 5]'],
  ['or as if false', '{{or .SIEmpty "slice is empty"}}', 'slice is empty'],

  // Numbers.
  ['decimal _', '{{print 12_34}}', '1234'],
  ['binary', '{{print 0b101}}', '5'],
  ['octal0', '{{print 0377}}', '255'],
  ['octal', '{{print 0o377}}', '255'],
  ['hex', '{{print 0x123}}', '291'],
  ['float _', '{{print 0_0_1_2_3.4}}', '123.4'],
  ['hex float', '{{print +0x1.ep+2}}', '7.5'],
  ['print multi', '{{print 1_2_3_4 7.5_00_00_00}}', '1234 7.5'],

  // Templates and blocks.
  ['define and template', '{{define "x"}}[{{.}}]{{end}}{{template "x" .I}}{{template "x" "y"}}', '[17][y]'],
  ['template without pipe', '{{define "x"}}[{{.}}]{{end}}{{template "x"}}', '[<no value>]'],
  ['template missing', '{{template "nope"}}', /template "nope" not defined/],
  ['template vars do not leak', '{{define "x"}}{{$}}{{end}}{{$y := 1}}{{template "x" 2}}', '2'],
  ['block default', '{{block "b" .X}}<{{.}}>{{end}}', '<x>'],
  [
    'nested templates',
    '{{define "a"}}A{{template "b" .}}{{end}}{{define "b"}}B{{.}}{{end}}{{template "a" 1}}',
    'AB1',
  ],
  [
    'recursive template',
    '{{define "r"}}{{if .}}{{len .}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .SI}}',
    '321',
  ],

  // Trim markers and comments at execution.
  ['trim', 'a  {{- 1 -}}  b {{- /* c */ -}} c', 'a1bc'],
  ['comment', 'a{{/* c */}}b', 'ab'],
  ['escape idiom', '{{`{{ .atmos_component }}`}}', '{{ .atmos_component }}'],
  ['escape idiom quoted', '{{"{{ .atmos_component }}"}}', '{{ .atmos_component }}'],

  // Missing keys per option.
  ['missingkey default', '{{.nope}} {{.MSI.nope}}', '<no value> <no value>', tVal, 'default'],
  ['missingkey zero', '{{.nope}}', '<no value>', tVal, 'zero'],
  [
    'missingkey zero chain',
    '{{.nope.deeper}}',
    /nil pointer evaluating interface \{\}\.deeper/,
    tVal,
    'zero',
  ],
  ['missingkey error', '{{.nope}}', /map has no entry for key "nope"/, tVal, 'error'],
  ['missingkey error nested', '{{.U.nope}}', /map has no entry for key "nope"/, tVal, 'error'],
  ['missingkey error on nil data', '{{.foo}}', /nil data; no entry for key "foo"/, null, 'error'],
  ['missingkey error in if', '{{if .nope}}a{{end}}', /map has no entry for key "nope"/, tVal, 'error'],
  ['missingkey default piped', '{{.nope | print}}', '<nil>', tVal, 'default'],
  ['missing key to string param', '{{.nope | printf}}', /invalid value; expected string/, tVal, 'default'],

  // Prototype keys are ordinary keys.
  [
    'proto keys absent',
    '{{.__proto__}} {{.constructor}} {{.toString}} {{.hasOwnProperty}}',
    '<no value> <no value> <no value> <no value>',
    {},
  ],
  [
    'proto keys present',
    '{{.__proto__}} {{.constructor.x}}',
    'p c',
    JSON.parse('{"__proto__":"p","constructor":{"x":"c"}}'),
  ],
  ['null-prototype data', '{{.a}} {{.b}}', '1 <no value>', Object.assign(Object.create(null), { a: 1 })],
];

describe('execute: Go text/template semantics (exec_test.go style)', () => {
  it.each(cases)('%s', (_name, template, expected, data = tVal, missingKey) => {
    if (expected instanceof RegExp) {
      let err: unknown;
      try {
        run(template, data, missingKey);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TemplateExecError);
      expect((err as TemplateExecError).message).toMatch(expected);
    } else {
      expect(run(template, data, missingKey)).toBe(expected);
    }
  });
});

describe('execute: errors', () => {
  it('formats errors like Go and points at the failing node', () => {
    const text = 'ab\n{{ .x | printf "%d" }} {{ .missing.field }}';
    let err: TemplateExecError | undefined;
    try {
      renderTemplate(text, { x: 1 }, { name: 'tpl', missingKey: 'error' });
    } catch (e) {
      err = e as TemplateExecError;
    }
    expect(err).toBeInstanceOf(TemplateExecError);
    expect(err!.goMessage).toBe(
      'template: tpl:2:26: executing "tpl" at <.missing.field>: map has no entry for key "missing"',
    );
    expect(text.slice(err!.offset, err!.end)).toBe('.missing.field');
  });

  it('reports errors inside templates with the template name', () => {
    let err: TemplateExecError | undefined;
    try {
      renderTemplate(
        '{{define "inner"}}{{.x.y}}{{end}}{{template "inner" .}}',
        { x: 'str' },
        { name: 'outer' },
      );
    } catch (e) {
      err = e as TemplateExecError;
    }
    expect(err!.goMessage).toMatch(
      /executing "inner" at <\.x\.y>: can't evaluate field y in type interface \{\}/,
    );
  });

  it('does not leak variables declared in a branch', () => {
    expect(run('{{if true}}{{$x := 1}}{{$x}}{{end}}', {})).toBe('1');
  });
});

describe('execute: budget', () => {
  it('stops a huge range over an integer quickly', () => {
    const start = Date.now();
    expect(() =>
      renderTemplate('{{range $i := 100000000}}{{end}}', {}, { budget: { maxSteps: 100_000 } }),
    ).toThrow(TemplateBudgetError);
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('stops runaway output', () => {
    expect(() =>
      renderTemplate(
        '{{range 1000}}{{range 1000}}xxxxxxxxxx{{end}}{{end}}',
        {},
        { budget: { maxOutput: 10_000, maxSteps: 1e9 } },
      ),
    ).toThrow(/output exceeded 10000 characters/);
  });

  it('stops infinite template recursion', () => {
    expect(() =>
      renderTemplate(
        '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}',
        {},
        { budget: { maxDepth: 50 } },
      ),
    ).toThrow(/exceeded maximum template depth \(50\)/);
    expect(() => renderTemplate('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', {})).toThrow(
      TemplateBudgetError,
    );
  });

  it('stops values that grow without bound', () => {
    const fs = functionSet({ sprig: true, gomplate: true, atmos: false });
    const bombs = [
      '{{$x := "ab"}}{{range 60}}{{$x = cat $x $x}}{{end}}',
      '{{$x := list 1}}{{range 60}}{{$x = concat $x $x}}{{end}}',
      '{{$x := "ab"}}{{range 60}}{{$x = printf "%s%s" $x $x}}{{end}}',
      '{{ replace "" (repeat 100000 "x") (repeat 1000 "y") }}',
      '{{ indent 100000 (repeat 1000 "\\n") }}',
      '{{ regexReplaceAll "" (repeat 10000 "y") (repeat 10000 "x") }}',
      '{{ strings.Indent 100000 (repeat 1000 "\\n.") }}',
      '{{ until 100000000 }}',
      '{{ repeat 100000000 "x" }}',
      '{{ printf "%999999d" 1 | repeat 2 }}',
    ];
    for (const t of bombs) {
      const start = Date.now();
      expect(() => renderTemplate(t, {}, { functions: fs }), t).toThrow(TemplateBudgetError);
      expect(Date.now() - start, t).toBeLessThan(3000);
    }
  });

  it('stops nested loops by steps', () => {
    expect(() => renderTemplate('{{range 100000}}{{range 100000}}{{end}}{{end}}', {})).toThrow(
      /exceeded 1000000 steps/,
    );
  });
});
